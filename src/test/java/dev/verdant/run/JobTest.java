package dev.verdant.run;

import dev.verdant.result.RunResult;
import dev.verdant.result.RunStatus;
import dev.verdant.spec.DatasetSpec;
import dev.verdant.spec.ExperimentSpec;
import dev.verdant.store.InMemoryRunStore;
import dev.verdant.store.RunStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JobTest {

    @TempDir
    Path dir;

    private static ExperimentSpec small(int epochs) {
        ExperimentSpec s = ExperimentSpec.defaults().withDevice("cpu")
                .withDataset(DatasetSpec.defaults().withLimit(500));
        return s.withTraining(s.training().withEpochs(epochs));
    }

    @Test
    void storedRunKeepsEveryEpochAndItsModelReloadsToTheSameAccuracy() {
        try (RunStore store = new InMemoryRunStore(dir.resolve("models"))) {
            List<RunEvent> events = new CopyOnWriteArrayList<>();
            RunResult r = Job.of(small(3), store).subscribe(events::add).runHere();
            assertEquals(RunStatus.COMPLETED, r.status(), r.message());
            assertNotNull(r.id());
            assertInstanceOf(RunEvent.Started.class, events.get(0));
            assertEquals(r.id(), ((RunEvent.Started) events.get(0)).storeId());
            assertInstanceOf(RunEvent.Finished.class, events.get(events.size() - 1));
            assertEquals(3, events.stream().filter(e -> e instanceof RunEvent.EpochEnded).count());

            RunResult stored = store.load(r.id()).orElseThrow();
            assertEquals(RunStatus.COMPLETED, stored.status());
            assertEquals(r.epochs(), stored.epochs());
            assertEquals(r.finalMetrics().accuracy(), stored.finalMetrics().accuracy(), 0.0);
            assertTrue(store.batches(r.id()).size() > 0);

            StoredModel.Check check = StoredModel.evaluate(store, r.id());
            assertEquals(r.finalMetrics().accuracy(), check.accuracy(), 0.0, "reloaded parameters reproduce accuracy");
            assertEquals(r.finalMetrics().loss(), check.loss(), 1e-6);
        }
    }

    @Test
    void energyIsMeteredPerEpochAndAddsUp() {
        RunResult r = Job.of(small(2)).runHere();
        assertNull(r.id(), "not stored without a store");
        double cumulative = r.epochs().get(1).cumulativeEnergyJoules();
        assertEquals(r.epochs().get(0).energyJoules() + r.epochs().get(1).energyJoules(), cumulative, 1e-9);
        assertTrue(r.finalMetrics().energyJoules() >= cumulative, "total includes the final evaluation");
        assertEquals(r.finalMetrics().energyJoules(),
                r.finalMetrics().trainEnergyJoules() + r.finalMetrics().evalEnergyJoules(), 1e-6);
        assertTrue(r.finalMetrics().energyMethod().startsWith("estimated:") || r.finalMetrics().energyMethod()
                .startsWith("measured:"), r.finalMetrics().energyMethod());
    }

    @Test
    void joulesToTargetIsTheCumulativeEnergyWhenTheTargetWasFirstReached() {
        ExperimentSpec s = small(6);
        s = s.withTraining(s.training().withTargetAccuracy(0.5));
        RunResult r = Job.of(s).runHere();
        assertEquals("target", r.finalMetrics().stopReason());
        EpochRecordCheck.firstReaching(r, 0.5);
    }

    @Test
    void badDatasetFailsWithTheReasonAndIsStoredNowhere() {
        ExperimentSpec s = small(1).withDataset(DatasetSpec.defaults().withName("mnist").withPath(dir.resolve("none").toString()));
        try (RunStore store = RunStore.open(dir.resolve("v.db"))) {
            RunResult r = Job.of(s, store).runHere();
            assertEquals(RunStatus.FAILED, r.status());
            assertTrue(r.message().contains("does not exist"), r.message());
            assertTrue(store.list(dev.verdant.store.RunFilter.all()).isEmpty());
        }
    }

    @Test
    void runnerCancelsAQueuedRunAndTheStoreMarksItCancelled() throws Exception {
        try (RunStore store = new InMemoryRunStore(); JobRunner runner = new JobRunner(1, store)) {
            Job first = runner.submit(small(20), e -> { });
            Job second = runner.submit(small(2));
            first.subscribe(e -> {
                if (e instanceof RunEvent.EpochEnded) {
                    first.cancel();
                }
            });
            RunResult r1 = first.result().get(60, TimeUnit.SECONDS);
            RunResult r2 = second.result().get(60, TimeUnit.SECONDS);
            assertEquals(RunStatus.CANCELLED, r1.status());
            assertTrue(r1.epochs().size() >= 1 && r1.epochs().size() < 20);
            assertEquals(RunStatus.CANCELLED, store.load(r1.id()).orElseThrow().status());
            assertEquals(RunStatus.COMPLETED, r2.status());
        }
    }

    /** Checks joulesToTarget against the epochs. */
    private static final class EpochRecordCheck {
        static void firstReaching(RunResult r, double target) {
            var first = r.epochs().stream().filter(e -> e.valAccuracy() >= target).findFirst().orElseThrow();
            assertEquals(first.cumulativeEnergyJoules(), r.finalMetrics().joulesToTarget(), 0.0);
            assertEquals(first.epoch(), r.epochs().size(), "stops at the first epoch reaching the target");
        }
    }
}
