package dev.verdant.store;

import dev.verdant.spec.SweepCodec;
import dev.verdant.spec.SweepSpec;
import dev.verdant.sweep.LocalTrialExecutor;
import dev.verdant.sweep.SweepResult;
import dev.verdant.sweep.SweepRunner;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The in-memory store keeps sweeps by the same rules as the SQLite one, and runs a real sweep. */
class InMemorySweepsTest {

    @Test
    void aTrialIsCommittedOnceAndOpenAttemptsCanBeInterrupted() {
        try (InMemoryRunStore runs = new InMemoryRunStore()) {
            SweepStore s = runs.sweeps();
            long id = s.createSweep("x", "grid", "{}");
            s.addTrial(TrialRecord.pending(id, id + "/t01", 1, 1, 0, 0, 0, 1, "{}"));
            s.addTrial(TrialRecord.pending(id, id + "/t02", 1, 2, 0, 0, 0, 1, "{}"));
            assertThrows(StoreException.class, () -> s.addTrial(TrialRecord.pending(id, id + "/t01", 1, 1, 0, 0, 0,
                    1, "{}")), "the same attempt twice");
            s.trialStarted(id + "/t01", 1, "local");
            TrialRecord done = s.trials(id).get(0).withResult(TrialStatus.COMPLETED, 7L, 0.9, 1.5, "estimated", 2.0,
                    "{}", null);
            assertTrue(s.commitTrial(done));
            assertFalse(s.commitTrial(done), "a late duplicate changes nothing");
            assertEquals(1, s.interruptOpenTrials(id));
            List<TrialRecord> trials = s.trials(id);
            assertEquals(TrialStatus.COMPLETED, trials.get(0).status());
            assertEquals(7L, trials.get(0).runId());
            assertEquals(TrialStatus.INTERRUPTED, trials.get(1).status());
            s.finishSweep(id, SweepStatus.COMPLETED, null, "done", "{}");
            assertEquals(SweepStatus.COMPLETED, s.sweep(id).orElseThrow().status());
            s.deleteSweep(id);
            assertTrue(s.sweeps().isEmpty() && s.trials(id).isEmpty());
        }
    }

    @Test
    void aSweepRunsIntoTheInMemoryStore() throws Exception {
        SweepSpec spec = SweepCodec.parse("sweep:\n  name: mem\n  base: { name: tiny, dataset: { name: digits, "
                + "limit: 120 }, model: { hidden: [8] }, training: { epochs: 1, batchSize: 40 }, device: cpu }\n"
                + "  parameters:\n    training.learningRate: { values: [0.001, 0.01] }\n", null);
        try (InMemoryRunStore store = new InMemoryRunStore();
             LocalTrialExecutor executor = new LocalTrialExecutor(1, store)) {
            SweepResult result = new SweepRunner(store, executor, null).run(spec);
            assertEquals(SweepStatus.COMPLETED, result.status());
            List<TrialRecord> trials = store.sweeps().trials(result.sweepId());
            assertEquals(2, trials.size());
            for (TrialRecord t : trials) {
                assertEquals(TrialStatus.COMPLETED, t.status());
                assertTrue(store.load(t.runId()).isPresent(), "each trial's run is in the same store");
            }
            assertEquals(SweepStatus.COMPLETED, store.sweeps().sweep(result.sweepId()).orElseThrow().status());
        }
    }
}
