package dev.verdant.sweep;

import dev.verdant.result.RunResult;
import dev.verdant.spec.SweepCodec;
import dev.verdant.spec.SweepSpec;
import dev.verdant.store.RunStore;
import dev.verdant.store.StoredSweep;
import dev.verdant.store.SweepStatus;
import dev.verdant.store.TrialRecord;
import dev.verdant.store.TrialStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A small grid sweep trains real runs through the local executor and keeps every trial in SQLite. */
class GridSweepTest {

    @TempDir
    Path dir;

    static final String BASE = "{ name: tiny, dataset: { name: digits, limit: 200 }, model: { hidden: [16] }, "
            + "training: { epochs: 1, batchSize: 50 }, device: cpu }";

    @Test
    void aGridRunsEveryCombinationOnceAndStoresItsTrialsAndRuns() throws Exception {
        SweepSpec spec = SweepCodec.parse("sweep:\n  name: grid\n  base: " + BASE + "\n  parameters:\n"
                + "    training.learningRate: { values: [0.001, 0.01] }\n"
                + "    model.hidden: { values: [[8], [16]] }\n", null);
        try (RunStore store = RunStore.open(dir.resolve("v.db"));
             LocalTrialExecutor executor = new LocalTrialExecutor(1, store)) {
            SweepResult result = new SweepRunner(store, executor, null).run(spec);
            assertEquals(SweepStatus.COMPLETED, result.status());
            assertEquals(SweepStop.COMPLETED, result.stop());
            List<TrialRecord> trials = store.sweeps().trials(result.sweepId());
            assertEquals(4, trials.size());
            for (TrialRecord t : trials) {
                assertEquals(TrialStatus.COMPLETED, t.status(), t.toString());
                assertEquals(1, t.attempt());
                assertEquals("local", t.worker());
                assertNotNull(t.runId());
                RunResult run = store.load(t.runId()).orElseThrow();
                assertEquals(t.accuracy(), run.finalMetrics().deliveredAccuracy());
                assertEquals(1, run.epochs().size());
                assertTrue(t.energyJoules() > 0);
            }
            RunResult second = store.load(trials.get(1).runId()).orElseThrow();
            assertEquals(0.001, second.spec().training().learningRate());
            assertEquals(List.of(16), second.spec().model().hidden());
            assertEquals(result.sweepId() + "/t02", trials.get(1).trialId());
            StoredSweep stored = store.sweeps().sweep(result.sweepId()).orElseThrow();
            assertEquals(SweepStatus.COMPLETED, stored.status());
            assertNotNull(stored.summaryJson());
            assertNotNull(result.summary().recommendation());
            assertEquals(4, result.summary().trialRuns());
            assertEquals(result.summary().totalJoules(),
                    trials.stream().mapToDouble(TrialRecord::energyJoules).sum(), 1e-9);
        }
    }
}
