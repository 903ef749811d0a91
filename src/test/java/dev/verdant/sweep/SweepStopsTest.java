package dev.verdant.sweep;

import dev.verdant.spec.SweepCodec;
import dev.verdant.store.RunStore;
import dev.verdant.store.StoredSweep;
import dev.verdant.store.SweepStatus;
import dev.verdant.store.TrialRecord;
import dev.verdant.store.TrialStatus;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A sweep stops at its trial, joule and time budgets and at the target, and says which. */
class SweepStopsTest {

    @TempDir
    static Path dir;
    static RunStore store;
    static LocalTrialExecutor executor;

    @BeforeAll
    static void open() {
        store = RunStore.open(dir.resolve("v.db"));
        executor = new LocalTrialExecutor(1, store);
    }

    @AfterAll
    static void close() {
        executor.close();
        store.close();
    }

    private static SweepResult sweep(String extra) throws InterruptedException {
        return new SweepRunner(store, executor, null).run(SweepCodec.parse("sweep:\n  base: " + GridSweepTest.BASE
                + "\n  parameters:\n    training.learningRate: { values: [0.001, 0.003, 0.01, 0.03] }\n" + extra,
                null));
    }

    private static void assertStopped(SweepResult r, SweepStop why) {
        assertEquals(why, r.stop());
        assertEquals(SweepStatus.STOPPED, r.status());
        StoredSweep stored = store.sweeps().sweep(r.sweepId()).orElseThrow();
        assertEquals(why.label(), stored.stopReason());
        assertTrue(stored.message().contains(why.sentence()), stored.message());
    }

    @Test
    void theTrialBudgetStopsAfterThatManyTrialRuns() throws Exception {
        SweepResult r = sweep("  budget: { trials: 2 }\n");
        assertStopped(r, SweepStop.BUDGET_TRIALS);
        assertEquals(2, r.trials().size());
        r.trials().forEach(t -> assertEquals(TrialStatus.COMPLETED, t.status()));
    }

    @Test
    void theJouleBudgetStopsOnceSpentCountingTheRunningTrial() throws Exception {
        // the energy is estimated from time, and a cold trial also pays for warm-up (in one CI run the 4 trials of
        // the budgeted sweep cost 0.011-0.031 J each and all ran): the cheaper of two trials prices one trial
        SweepResult first = sweep("  budget: { trials: 2 }\n");
        double oneTrial = first.trials().stream().mapToDouble(TrialRecord::energyJoules).min().orElseThrow();
        // a budget of 1.5 trials: the second trial crosses it, nothing starts after it
        SweepResult r = sweep("  budget: { joules: " + (oneTrial * 1.5) + " }\n");
        assertStopped(r, SweepStop.BUDGET_JOULES);
        assertTrue(r.trials().size() >= 1 && r.trials().size() <= 3, "trials: " + r.trials());
        double spent = r.trials().stream().mapToDouble(TrialRecord::energyJoules).sum();
        assertTrue(spent >= oneTrial * 1.5, "it stopped because the budget was spent: " + spent);
        assertTrue(r.trials().size() < 4);
    }

    @Test
    void theTimeBudgetStopsBeforeTheNextTrial() throws Exception {
        SweepResult r = sweep("  budget: { seconds: 0.000001 }\n");
        assertStopped(r, SweepStop.BUDGET_SECONDS);
        assertEquals(List.of(), r.trials(), "no trial starts once the time is up");
        assertEquals(null, r.summary().recommendation());
    }

    @Test
    void theTargetStopsTheSweepOnceReachedWhenAsked() throws Exception {
        SweepResult r = sweep("  target: { accuracy: 0.01 }\n  stopAtTarget: true\n");
        assertStopped(r, SweepStop.TARGET);
        assertEquals(1, r.trials().size(), "any trained model beats 1% accuracy: the first trial reaches it");
        assertTrue(r.summary().recommendation().why().contains("target"));

        SweepResult goesOn = sweep("  target: { accuracy: 0.01 }\n");
        assertEquals(SweepStop.COMPLETED, goesOn.stop(), "without stopAtTarget the sweep runs every trial");
        assertEquals(4, goesOn.trials().size());
    }
}
