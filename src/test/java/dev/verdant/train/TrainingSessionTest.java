package dev.verdant.train;

import ai.djl.Device;
import dev.verdant.data.Datasets;
import dev.verdant.data.LoadedData;
import dev.verdant.result.EpochRecord;
import dev.verdant.result.RunStatus;
import dev.verdant.spec.ExperimentSpec;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TrainingSessionTest {

    private static ExperimentSpec digits(int epochs) {
        ExperimentSpec s = ExperimentSpec.defaults();
        return s.withTraining(s.training().withEpochs(epochs));
    }

    private static TrainingOutcome train(ExperimentSpec spec, TrainingObserver observer) {
        LoadedData data = Datasets.load(spec.dataset(), spec.seed());
        try (TrainingSession session = TrainingSession.create(spec, data, Device.cpu())) {
            return session.train(observer, () -> false);
        }
    }

    @Test
    void mlpLearnsDigits() {
        TrainingOutcome out = train(digits(3), TrainingObserver.NONE);
        assertEquals(RunStatus.COMPLETED, out.status());
        assertEquals(3, out.epochs().size());
        assertTrue(out.finalEvaluation().accuracy() > 0.85, "accuracy " + out.finalEvaluation().accuracy());
        assertTrue(out.epochs().get(2).trainLoss() < out.epochs().get(0).trainLoss());
    }

    @Test
    void sameSeedGivesIdenticalEpochMetrics() {
        ExperimentSpec spec = digits(2);
        List<EpochRecord> a = train(spec, TrainingObserver.NONE).epochs();
        List<EpochRecord> b = train(spec, TrainingObserver.NONE).epochs();
        for (int i = 0; i < a.size(); i++) {
            assertEquals(a.get(i).trainLoss(), b.get(i).trainLoss(), 0.0);
            assertEquals(a.get(i).valLoss(), b.get(i).valLoss(), 0.0);
            assertEquals(a.get(i).valAccuracy(), b.get(i).valAccuracy(), 0.0);
        }
        List<EpochRecord> c = train(spec.withSeed(7), TrainingObserver.NONE).epochs();
        assertTrue(c.get(0).trainLoss() != a.get(0).trainLoss(), "another seed gives another run");
    }

    @Test
    void eightBitImagesTrainDeterministicallyFromTheNativeCopy() {
        // Fashion-MNIST pixels stay bytes and are converted per batch on the native side: same seed, same epochs
        ExperimentSpec s = ExperimentSpec.defaults()
                .withDataset(dev.verdant.spec.DatasetSpec.defaults().withName("fashion-mnist-small").withLimit(384))
                .withModel(dev.verdant.spec.ModelSpec.defaults().withArch("lenet5"));
        s = s.withTraining(s.training().withEpochs(2).withBatchSize(64));
        assertTrue(Datasets.load(s.dataset(), s.seed()).train().isBytes());
        List<EpochRecord> a = train(s, TrainingObserver.NONE).epochs();
        List<EpochRecord> b = train(s, TrainingObserver.NONE).epochs();
        assertEquals(2, a.size());
        for (int i = 0; i < a.size(); i++) {
            assertEquals(a.get(i).trainLoss(), b.get(i).trainLoss(), 0.0);
            assertEquals(a.get(i).trainAccuracy(), b.get(i).trainAccuracy(), 0.0);
            assertEquals(a.get(i).valLoss(), b.get(i).valLoss(), 0.0);
            assertEquals(a.get(i).valAccuracy(), b.get(i).valAccuracy(), 0.0);
        }
        assertTrue(a.get(1).trainLoss() < a.get(0).trainLoss(), "it learns: " + a);
    }

    @Test
    void hugeLearningRateDiverges() {
        ExperimentSpec s = digits(5);
        s = s.withTraining(s.training().withOptimizer("sgd").withLearningRate(10.0));
        s = s.withModel(s.model().withHidden(List.of(256, 256, 256)));
        TrainingOutcome out = train(s, TrainingObserver.NONE);
        assertEquals(RunStatus.DIVERGED, out.status());
        assertTrue(out.message().contains("lower learning rate"), out.message());
    }

    @Test
    void cancellationBetweenBatchesKeepsCompletedEpochs() {
        AtomicInteger batches = new AtomicInteger();
        ExperimentSpec spec = digits(5);
        LoadedData data = Datasets.load(spec.dataset(), spec.seed());
        try (TrainingSession session = TrainingSession.create(spec, data, Device.cpu())) {
            TrainingOutcome out = session.train(new TrainingObserver() {
                @Override
                public void onBatch(dev.verdant.result.BatchRecord batch) {
                    batches.incrementAndGet();
                }
            }, () -> batches.get() >= 30);
            assertEquals(RunStatus.CANCELLED, out.status());
            assertEquals(dev.verdant.result.StopReason.CANCELLED, out.stopReason());
            assertEquals(30, batches.get(), "stops at the next batch boundary");
            assertEquals(1, out.epochs().size(), "23 batches per epoch: one epoch completed before the cancel");
        }
    }
}
