package dev.verdant.sweep;

import dev.verdant.spec.SweepCodec;
import dev.verdant.spec.SweepSpec;
import dev.verdant.store.RunStore;
import dev.verdant.store.SweepStatus;
import dev.verdant.store.TrialRecord;
import dev.verdant.store.TrialStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Successive halving with real runs: every configuration trains one epoch, the third that promotion ranks best
 * trains three (from scratch, by default), and the others keep their rung-0 record with status pruned.
 */
class HalvingSweepTest {

    @TempDir
    Path dir;

    @Test
    void theBestThirdIsPromotedAndTheRestArePrunedWithTheirRecords() throws Exception {
        SweepSpec spec = SweepCodec.parse("sweep:\n  name: halving\n  base: " + GridSweepTest.BASE + "\n"
                + "  method: halving\n  halving: { eta: 3, minEpochs: 1, maxEpochs: 3 }\n  parameters:\n"
                + "    training.learningRate: { values: [0.0001, 0.003, 0.03] }\n"
                + "    model.hidden: { values: [[4], [16], [32]] }\n", null);
        List<TrialRecord> pruned = new ArrayList<>();
        try (RunStore store = RunStore.open(dir.resolve("v.db"));
             LocalTrialExecutor executor = new LocalTrialExecutor(1, store)) {
            SweepResult result = new SweepRunner(store, executor, new SweepListener() {
                @Override
                public void onTrialPruned(TrialRecord trial) {
                    pruned.add(trial);
                }
            }).run(spec);
            assertEquals(SweepStatus.COMPLETED, result.status());
            List<TrialRecord> trials = store.sweeps().trials(result.sweepId());
            List<TrialRecord> rung0 = trials.stream().filter(t -> t.rung() == 0).toList();
            List<TrialRecord> rung1 = trials.stream().filter(t -> t.rung() == 1).toList();
            assertEquals(9, rung0.size());
            assertEquals(3, rung1.size());
            rung0.forEach(t -> assertEquals(1, t.epochs()));
            rung1.forEach(t -> {
                assertEquals(3, t.epochs());
                assertEquals(TrialStatus.COMPLETED, t.status());
                assertEquals(3, store.load(t.runId()).orElseThrow().epochs().size(), "rung 1 trains 3 epochs");
            });
            assertEquals(6, rung0.stream().filter(t -> t.status() == TrialStatus.PRUNED).count());
            assertEquals(6, pruned.size());
            rung0.stream().filter(t -> t.status() == TrialStatus.PRUNED).forEach(t -> {
                assertTrue(t.message().startsWith("not promoted past rung 0"), t.message());
                assertTrue(t.accuracy() != null && t.energyJoules() != null, "a pruned trial keeps its figures");
            });

            // the promoted ones are exactly the top 3 of the promotion ranking on the stored rung-0 figures
            // (the accuracy with its binomial standard error on the 360 validation samples of digits)
            int validation = dev.verdant.data.Datasets.load(spec.baseSpec().dataset(), spec.baseSpec().seed())
                    .validation().size();
            List<Promotion.Point> points = rung0.stream().map(t -> {
                double acc = SweepRunner.metricOf(t, "deliveredAccuracy");
                return new Promotion.Point(t.config(), new double[] {acc, SweepRunner.metricOf(t, "totalEnergyJoules")},
                        new double[] {Promotion.accuracyError(acc, validation), 0});
            }).toList();
            Set<Integer> expected = Promotion.select(points, spec.objectives(), 3).stream()
                    .map(Promotion.Point::key).collect(Collectors.toSet());
            assertEquals(expected, rung1.stream().map(TrialRecord::config).collect(Collectors.toSet()));

            SweepSummary s = result.summary();
            double prunedJoules = rung0.stream().filter(t -> t.status() == TrialStatus.PRUNED)
                    .mapToDouble(TrialRecord::energyJoules).sum();
            assertEquals(prunedJoules, s.prunedJoules(), 1e-9);
            assertEquals(trials.stream().mapToDouble(TrialRecord::energyJoules).sum(), s.totalJoules(), 1e-9);
            assertTrue(s.recommendation() != null && s.recommendation().why() != null);
        }
    }
}
