package dev.verdant.run;

import dev.verdant.model.Layer;
import dev.verdant.model.Net;
import dev.verdant.result.RunResult;
import dev.verdant.result.RunStatus;
import dev.verdant.result.TransferReport;
import dev.verdant.spec.ActiveLearningSpec;
import dev.verdant.spec.DatasetSpec;
import dev.verdant.spec.ExperimentSpec;
import dev.verdant.spec.ModelSpec;
import dev.verdant.spec.TransferSpec;
import dev.verdant.store.InMemoryRunStore;
import dev.verdant.store.RunStore;
import dev.verdant.train.TransferLearning;
import ai.djl.Device;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Transfer from a stored run through the real Job: what stays fixed, what it reports, what it refuses. */
class TransferJobTest {

    private static final long[] DIGIT = {1, 8, 8};

    @TempDir
    Path dir;

    private static ExperimentSpec onClasses(List<Integer> classes, int epochs) {
        ExperimentSpec s = ExperimentSpec.defaults().withDevice("cpu")
                .withDataset(DatasetSpec.defaults().withClasses(classes))
                .withModel(ModelSpec.defaults());
        return s.withTraining(s.training().withEpochs(epochs).withLearningRate(0.01));
    }

    @Test
    void linearProbeKeepsTheStoredBackboneBitIdenticalAndFineTuningAllDoesNot() {
        try (RunStore store = new InMemoryRunStore(dir.resolve("models"))) {
            RunResult pre = Job.of(onClasses(List.of(0, 1, 2, 3, 4), 2), store).runHere();
            assertEquals(RunStatus.COMPLETED, pre.status(), pre.message());
            Net stored = TransferLearning.loadStored(pre.spec().model(), DIGIT, 5,
                    store.modelPath(pre.id()).orElseThrow(), Device.cpu());

            ExperimentSpec probe = onClasses(List.of(5, 6, 7, 8, 9), 2)
                    .withTransfer(new TransferSpec(pre.id(), "linear-probe", 5, 2));
            RunResult r = Job.of(probe, store).runHere();
            assertEquals(RunStatus.COMPLETED, r.status(), r.message());
            Net probed = TransferLearning.loadStored(pre.spec().model(), DIGIT, 5,
                    store.modelPath(r.id()).orElseThrow(), Device.cpu());
            List<Layer> a = stored.layers();
            List<Layer> b = probed.layers();
            for (int i = 0; i < a.size() - 1; i++) {
                for (int k = 0; k < a.get(i).arrays().size(); k++) {
                    assertArrayEquals(a.get(i).arrays().get(k), b.get(i).arrays().get(k), "layer " + i + " unchanged");
                }
            }
            assertFalse(java.util.Arrays.equals(a.get(a.size() - 1).arrays().get(0),
                    b.get(b.size() - 1).arrays().get(0)), "the new classifier trained");

            TransferReport t = r.transfer();
            assertNotNull(t);
            assertEquals(pre.id(), t.fromRun());
            assertEquals(25, t.trainSamples(), "5 shots of 5 classes");
            assertEquals(pre.finalMetrics().energyJoules(), t.pretrainJoules(), 0.0);
            assertEquals(r.finalMetrics().energyJoules(), t.transferJoules(), 1e-9,
                    "the run's own energy is the transfer's, without the comparison");
            assertTrue(t.scratchJoules() > 0);
            assertEquals(2, t.scratchEpochs());
            assertEquals(t, DataEfficiency.withStored(store, store.load(r.id()).orElseThrow()).transfer(),
                    "the report is stored with the run");

            RunResult all = Job.of(probe.withTransfer(new TransferSpec(pre.id(), "fine-tune-all", 5, 0)), store)
                    .runHere();
            assertEquals(RunStatus.COMPLETED, all.status(), all.message());
            Net tuned = TransferLearning.loadStored(pre.spec().model(), DIGIT, 5,
                    store.modelPath(all.id()).orElseThrow(), Device.cpu());
            assertFalse(java.util.Arrays.equals(a.get(1).arrays().get(0), tuned.layers().get(1).arrays().get(0)),
                    "fine-tune-all changes the backbone (so the check above can fail)");
            assertEquals(null, all.transfer().scratchJoules(), "compareEpochs 0: no comparison");
        }
    }

    @Test
    void badTransfersFailBeforeTrainingWithAClearSentence() {
        try (RunStore store = new InMemoryRunStore(dir.resolve("models"))) {
            RunResult pre = Job.of(onClasses(List.of(0, 1, 2, 3, 4), 1), store).runHere();
            RunResult tooMany = Job.of(onClasses(List.of(5, 6), 1)
                    .withTransfer(new TransferSpec(pre.id(), "linear-probe", 100_000, 0)), store).runHere();
            assertEquals(RunStatus.FAILED, tooMany.status());
            assertTrue(tooMany.message().contains("transfer.shots") && tooMany.message().contains("has only"),
                    tooMany.message());
            assertTrue(tooMany.epochs().isEmpty());

            ExperimentSpec fashion = ExperimentSpec.defaults().withDevice("cpu")
                    .withDataset(DatasetSpec.defaults().withName("fashion-mnist-small"))
                    .withTransfer(new TransferSpec(pre.id(), "linear-probe", null, 0));
            RunResult shape = Job.of(fashion, store).runHere();
            assertEquals(RunStatus.FAILED, shape.status());
            assertTrue(shape.message().contains("transfer.from") && shape.message().contains("input shape [1, 8, 8]"),
                    shape.message());

            RunResult missing = Job.of(onClasses(List.of(5, 6), 1)
                    .withTransfer(new TransferSpec(999L, "linear-probe", null, 0)), store).runHere();
            assertTrue(missing.message().contains("there is no stored run 999"), missing.message());
        }
    }

    @Test
    void activeLearningRoundsAreInTheResultAndStored() {
        try (RunStore store = new InMemoryRunStore(dir.resolve("models"))) {
            ExperimentSpec spec = ExperimentSpec.defaults().withDevice("cpu")
                    .withActiveLearning(new ActiveLearningSpec("entropy", 20, 20, 2, null, "continue", 1, 200));
            RunResult r = Job.of(spec, store).runHere();
            assertEquals(RunStatus.COMPLETED, r.status(), r.message());
            assertEquals(2, r.rounds().size());
            assertEquals(2, r.epochs().size());
            assertEquals(200, r.rounds().get(0).poolScored());
            assertEquals(r.rounds(), DataEfficiency.withStored(store, store.load(r.id()).orElseThrow()).rounds());
            assertTrue(r.finalMetrics().energyJoules() >= r.rounds().get(1).cumulativeEnergyJoules());
            assertEquals(r.rounds().get(1).valAccuracy(), r.finalMetrics().accuracy(), 1e-9,
                    "the run delivers the last round's model");
        }
    }
}
