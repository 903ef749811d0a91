package dev.verdant.sweep;

import dev.verdant.result.EpochRecord;
import dev.verdant.result.RunResult;
import dev.verdant.run.Job;
import dev.verdant.spec.SpecCodec;
import dev.verdant.spec.SweepCodec;
import dev.verdant.spec.SweepSpec;
import dev.verdant.store.RunStore;
import dev.verdant.store.TrialRecord;
import dev.verdant.store.TrialStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Halving's options with real runs: continuing promoted trials, rungs in joules, pruning on the forecast; repeats. */
class HalvingOptionsTest {

    @TempDir
    Path dir;

    private static final String LR = "  parameters:\n    training.learningRate: { values: [0.0003, 0.003, 0.03] }\n";

    @Test
    void aJouleRungEndsAtTheFirstEpochBoundaryWhereItsAllowanceIsSpent() throws Exception {
        // the allowance is set from this machine's joules per epoch, so the rungs span about 2 and 5 epochs
        RunResult probe = Job.of(SpecCodec.parse(GridSweepTest.BASE.replace("{ name: tiny,", "{ name: probe,")
                .replace("epochs: 1", "epochs: 2"))).runHere();
        double perEpoch = probe.epochs().get(1).energyJoules();
        assertTrue(perEpoch > 0, "the run has an energy figure per epoch");
        // written as the YAML will read it, so that maxJoules is exactly eta times minJoules
        double min = Double.parseDouble(String.format(Locale.ROOT, "%.6f", 1.5 * perEpoch));
        SweepSpec spec = SweepCodec.parse("sweep:\n  name: joules\n  base: " + GridSweepTest.BASE + "\n" + LR
                + String.format(Locale.ROOT, "  method: halving\n  halving: { eta: 3, unit: joules, minJoules: %.6f, "
                + "maxJoules: %.6f, maxEpochs: 8, continueTrials: true }\n", min, 3 * min), null);
        try (RunStore store = RunStore.open(dir.resolve("v.db"));
             LocalTrialExecutor executor = new LocalTrialExecutor(1, store)) {
            SweepResult result = new SweepRunner(store, executor, null).run(spec);
            List<TrialRecord> trials = store.sweeps().trials(result.sweepId());
            assertEquals(3, trials.stream().filter(t -> t.rung() == 0).count());
            assertEquals(1, trials.stream().filter(t -> t.rung() == 1).count(), trials.toString());
            for (TrialRecord t : trials) {
                double allowance = t.rung() == 0 ? min : 3 * min;
                double prior = 0;
                int priorEpochs = 0;
                if (t.rung() == 1) { // it went on from its rung-0 model
                    TrialRecord from = trials.stream().filter(r -> r.rung() == 0 && r.config() == t.config())
                            .findFirst().orElseThrow();
                    prior = SweepRunner.metricOf(from, "recipeJoules");
                    priorEpochs = from.epochs();
                }
                List<EpochRecord> epochs = store.load(t.runId()).orElseThrow().epochs();
                assertEquals(priorEpochs + epochs.size(), t.epochs(), "the trial's epochs are its recipe's");
                double atEnd = prior + epochs.get(epochs.size() - 1).cumulativeEnergyJoules();
                assertTrue(atEnd >= allowance || t.epochs() == 8, t.trialId() + " stopped before its allowance: "
                        + atEnd + " < " + allowance);
                if (epochs.size() > 1) {
                    double before = prior + epochs.get(epochs.size() - 2).cumulativeEnergyJoules();
                    assertTrue(before < allowance, t.trialId() + " went on past its allowance: " + before);
                }
                assertTrue(t.status() == TrialStatus.COMPLETED || t.status() == TrialStatus.PRUNED, t.toString());
                if (t.epochs() < 8 && t.status() == TrialStatus.COMPLETED) { // (pruned: why it was not promoted)
                    assertTrue(t.message() != null && t.message().contains("allowance"), t.message());
                }
            }
        }
    }

    @Test
    void aPromotedTrialGoesOnFromItsPreviousRungsModelWhenAsked() throws Exception {
        SweepSpec spec = SweepCodec.parse("sweep:\n  name: continue\n  base: " + GridSweepTest.BASE + "\n" + LR
                + "  method: halving\n  halving: { eta: 3, minEpochs: 1, maxEpochs: 3, continueTrials: true }\n", null);
        try (RunStore store = RunStore.open(dir.resolve("v.db"));
             LocalTrialExecutor executor = new LocalTrialExecutor(1, store)) {
            SweepResult result = new SweepRunner(store, executor, null).run(spec);
            List<TrialRecord> trials = store.sweeps().trials(result.sweepId());
            TrialRecord promoted = trials.stream().filter(t -> t.rung() == 1).findFirst().orElseThrow();
            TrialRecord from = trials.stream().filter(t -> t.rung() == 0 && t.config() == promoted.config())
                    .findFirst().orElseThrow();
            RunResult run = store.load(promoted.runId()).orElseThrow();
            assertEquals(3, promoted.epochs(), "the recipe has 3 epochs");
            assertEquals(2, run.epochs().size(), "its run trains the 2 epochs rung 0 had not");
            assertEquals("continue", run.spec().transfer().mode());
            assertEquals(from.runId(), run.spec().transfer().from());
            // its model starts where rung 0 ended: the first continued epoch is not a fresh network's
            RunResult scratch = store.load(from.runId()).orElseThrow();
            assertTrue(run.epochs().get(0).trainLoss() < scratch.epochs().get(0).trainLoss(),
                    "continued epoch 1 loss " + run.epochs().get(0).trainLoss() + " vs fresh "
                            + scratch.epochs().get(0).trainLoss());
            // every joule counted: the recipe's joules are both runs', the sweep's total every run's
            assertEquals(from.energyJoules() + promoted.energyJoules(), SweepRunner.metricOf(promoted,
                    "recipeJoules"), 1e-9);
            assertEquals(trials.stream().mapToDouble(TrialRecord::energyJoules).sum(),
                    result.summary().totalJoules(), 1e-9);
            SweepSummary.Recipe recipe = result.summary().front().stream()
                    .filter(r -> r.config() == promoted.config()).findFirst().orElse(null);
            if (recipe != null) {
                assertEquals(from.energyJoules() + promoted.energyJoules(), recipe.joules(), 1e-9);
            }
        }
    }

    @Test
    void aTrialWhoseForecastMissesTheTargetIsPrunedWithItsReason() throws Exception {
        // no tiny MLP reaches 99.9% on 200 digits in 9 epochs: after 3 epochs the forecast says so
        SweepSpec spec = SweepCodec.parse("sweep:\n  name: forecast\n  base: " + GridSweepTest.BASE + "\n" + LR
                + "  method: halving\n  halving: { eta: 3, minEpochs: 3, maxEpochs: 9, stopOnForecast: true }\n"
                + "  target: { accuracy: 0.999 }\n", null);
        try (RunStore store = RunStore.open(dir.resolve("v.db"));
             LocalTrialExecutor executor = new LocalTrialExecutor(1, store)) {
            SweepResult result = new SweepRunner(store, executor, null).run(spec);
            List<TrialRecord> trials = store.sweeps().trials(result.sweepId());
            assertEquals(3, trials.size(), "nothing is promoted past a forecast that misses the target");
            for (TrialRecord t : trials) {
                assertEquals(TrialStatus.PRUNED, t.status());
                assertTrue(t.message().startsWith("pruned at rung 0 after epoch 3: the energy-to-target forecast"),
                        t.message());
                assertNotNull(t.accuracy(), "a pruned trial keeps its figures");
            }
        }
    }

    @Test
    void repeatsRunEachConfigurationWithItsOwnSeedAndAverage() throws Exception {
        SweepSpec spec = SweepCodec.parse("sweep:\n  name: repeats\n  base: " + GridSweepTest.BASE + "\n"
                + "  parameters:\n    training.learningRate: { values: [0.003, 0.03] }\n  repeats: 2\n  seed: 5\n",
                null);
        try (RunStore store = RunStore.open(dir.resolve("v.db"));
             LocalTrialExecutor executor = new LocalTrialExecutor(1, store)) {
            SweepResult result = new SweepRunner(store, executor, null).run(spec);
            List<TrialRecord> trials = store.sweeps().trials(result.sweepId());
            assertEquals(4, trials.size());
            for (int config = 1; config <= 2; config++) {
                int c = config;
                TrialRecord first = trials.stream().filter(t -> t.config() == c && t.repeat() == 0).findFirst()
                        .orElseThrow();
                TrialRecord second = trials.stream().filter(t -> t.config() == c && t.repeat() == 1).findFirst()
                        .orElseThrow();
                assertEquals(result.sweepId() + "/t0" + c + "/s2", second.trialId());
                long seed0 = store.load(first.runId()).orElseThrow().spec().seed();
                long seed1 = store.load(second.runId()).orElseThrow().spec().seed();
                assertEquals(seed0 + 1, seed1, "repeat r runs with seed + r");
                SweepSummary.Recipe recipe = result.summary().front().stream().filter(r -> r.config() == c)
                        .findFirst().orElse(null);
                if (recipe != null) {
                    assertEquals((first.accuracy() + second.accuracy()) / 2, recipe.accuracy(), 1e-12);
                    assertEquals((first.energyJoules() + second.energyJoules()) / 2, recipe.joules(), 1e-12);
                }
            }
            assertFalse(result.summary().front().isEmpty());
        }
    }
}
