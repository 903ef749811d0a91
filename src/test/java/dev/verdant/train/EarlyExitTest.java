package dev.verdant.train;

import ai.djl.Device;
import dev.verdant.data.Datasets;
import dev.verdant.data.LoadedData;
import dev.verdant.model.EarlyExitInference;
import dev.verdant.model.Net;
import dev.verdant.result.RunStatus;
import dev.verdant.run.EarlyExitReport;
import dev.verdant.spec.EarlyExitSpec;
import dev.verdant.spec.ExperimentSpec;
import dev.verdant.spec.ModelSpec;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A dscnn with exit heads after blocks 1 and 2, trained jointly for two epochs on a slice of the digits: at threshold
 * 1.0 early-exit inference is the full network (same accuracy as plain evaluation, every sample at the final
 * classifier, the plain network's FLOPs); at 0.0 every sample leaves at the first head, costing the main path to it
 * plus that head; below 1, FLOPs never fall as the threshold rises.
 */
class EarlyExitTest {

    private static Net trained;
    private static double plainAccuracy;
    private static LoadedData data;

    @BeforeAll
    static void trainWithExits() {
        ModelSpec model = ModelSpec.defaults().withArch("dscnn").withChannels(4).withNorm("batch")
                .withEarlyExits(new EarlyExitSpec(List.of(1, 2), 0.9, List.of(0.3, 0.6)));
        ExperimentSpec spec = ExperimentSpec.defaults().withModel(model).withDevice("cpu");
        spec = spec.withTraining(spec.training().withEpochs(2).withBatchSize(32).withLearningRate(0.01));
        LoadedData all = Datasets.load(spec.dataset(), spec.seed());
        data = new LoadedData(all.name(), all.train().first(320), all.validation().first(128), all.sampleShape(),
                all.classNames(), all.sha256());
        try (TrainingSession session = TrainingSession.create(spec, data, Device.cpu())) {
            TrainingOutcome out = session.train(TrainingObserver.NONE, () -> false);
            assertEquals(RunStatus.COMPLETED, out.status(), out.message());
            plainAccuracy = session.evaluate(data.validation()).accuracy();
            trained = session.trainedNet();
        }
    }

    @Test
    void thresholdOneIsTheFullNetwork() {
        EarlyExitInference.Predictions p = EarlyExitInference.predict(trained, data.validation(), Device.cpu());
        EarlyExitInference.Point full = EarlyExitInference.at(p, trained, 1.0);
        assertEquals(plainAccuracy, full.accuracy(), 0.0);
        assertArrayEquals(new double[] {0, 0, 1}, full.shares(), 0.0);
        assertEquals(trained.flopsPerSample(), full.flops(), 0.0);
        assertTrue(plainAccuracy > 0.2, "joint training learned something: " + plainAccuracy);
    }

    @Test
    void thresholdZeroExitsEverythingAtTheFirstHead() {
        EarlyExitInference.Predictions p = EarlyExitInference.predict(trained, data.validation(), Device.cpu());
        EarlyExitInference.Point first = EarlyExitInference.at(p, trained, 0.0);
        assertArrayEquals(new double[] {1, 0, 0}, first.shares(), 0.0);
        long[] head1 = trained.exitHeadFlops().get(0);
        assertEquals(head1[0] + head1[1], first.flops(), 0.0);
        assertTrue(first.flops() < 0.5 * trained.flopsPerSample(), "the first block is a small part of the network");
        long correct = 0;
        for (int i = 0; i < p.labels().length; i++) {
            correct += p.predicted()[0][i] == p.labels()[i] ? 1 : 0;
        }
        assertEquals((double) correct / p.labels().length, first.accuracy(), 1e-12, "the first head's own accuracy");
    }

    @Test
    void theThresholdSweepNeverCostsLessAsTheThresholdRises() {
        EarlyExitReport report = EarlyExitReport.of(trained, data.validation(), Device.cpu(), EarlyExitReport.SWEEP,
                0.002, "measured:test");
        List<EarlyExitReport.Row> rows = report.rows();
        assertEquals(EarlyExitReport.SWEEP.length, rows.size());
        for (int i = 1; i < rows.size(); i++) {
            // below 1 every head on the way runs, so a later exit only adds cost; 1 switches the heads off
            if (rows.get(i).threshold() < 1) {
                assertTrue(rows.get(i).flopsPerSample() >= rows.get(i - 1).flopsPerSample(), rows.toString());
            }
            double sum = 0;
            for (double s : rows.get(i).shares()) {
                sum += s;
            }
            assertEquals(1.0, sum, 1e-9);
        }
        EarlyExitReport.Row last = rows.get(rows.size() - 1);
        assertEquals(0.002, last.joulesPerSample(), 1e-12, "the full network's joules at threshold 1");
        assertEquals(0.002 * rows.get(0).flopsRatio(), rows.get(0).joulesPerSample(), 1e-12);
    }
}
