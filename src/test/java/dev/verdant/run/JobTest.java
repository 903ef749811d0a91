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
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
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
            Recording events = new Recording();
            Job job = Job.of(small(3), store).addListener(events);
            RunResult r = job.runHere();
            assertEquals(RunStatus.COMPLETED, r.status(), r.message());
            assertNotNull(r.id());
            assertEquals("started", events.kinds.get(0));
            assertEquals("finished", events.kinds.get(events.kinds.size() - 1));
            assertEquals(3, events.kinds.stream().filter("epoch"::equals).count());
            assertEquals(java.util.Set.of(RunId.stored(r.id())), java.util.Set.copyOf(events.ids),
                    "every event carries the store id");
            assertEquals(RunId.stored(r.id()), job.handle().id().orElseThrow());
            assertEquals(RunStatus.COMPLETED, job.handle().status());

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
    void theStoreHearsEachEventFirstSoOtherListenersCanReadEpochsAndTheEndBack() {
        try (RunStore store = new InMemoryRunStore()) {
            List<Integer> storedEpochsSeen = new ArrayList<>();
            List<RunStatus> storedStatusAtEnd = new ArrayList<>();
            RunResult r = Job.of(small(2), store).addListener(new RunListener() {
                @Override
                public void onStarted(RunEvent.Started s) {
                    assertEquals(RunStatus.RUNNING, store.load(s.runId().value()).orElseThrow().status(),
                            "the run row exists before training");
                }

                @Override
                public void onEpoch(RunEvent.EpochEnded e) {
                    storedEpochsSeen.add(store.load(e.runId().value()).orElseThrow().epochs().size());
                }

                @Override
                public void onFinished(RunEvent.Finished f) {
                    storedStatusAtEnd.add(store.load(f.runId().value()).orElseThrow().status());
                }
            }).runHere();
            assertEquals(RunStatus.COMPLETED, r.status(), r.message());
            assertEquals(List.of(1, 2), storedEpochsSeen, "each epoch is committed before others hear of it");
            assertEquals(List.of(RunStatus.COMPLETED), storedStatusAtEnd);
        }
    }

    @Test
    void whenTheStoreCannotRecordTheEndTheRunEndsFailedAndEveryListenerHearsThat() throws Exception {
        RunStore store = RunStore.open(dir.resolve("v.db"));
        List<RunResult> heard = new ArrayList<>();
        Job job = Job.of(small(1), store).addListener(new RunListener() {
            @Override
            public void onEpoch(RunEvent.EpochEnded e) {
                store.close(); // the disk goes away after the epoch was committed
            }

            @Override
            public void onFinished(RunEvent.Finished f) {
                heard.add(f.result());
            }
        });
        RunResult r = job.runHere();
        assertEquals(RunStatus.FAILED, r.status(), r.message());
        assertTrue(r.message().contains("could not be stored") && r.message().contains("is closed"), r.message());
        assertNotNull(r.id(), "it keeps the id of its row");
        assertEquals(List.of(r), heard);
        assertEquals(r, job.handle().await(1, TimeUnit.SECONDS));
        try (RunStore reopened = RunStore.open(dir.resolve("v.db"))) {
            RunResult kept = reopened.load(r.id()).orElseThrow();
            assertEquals(1, kept.epochs().size(), "the committed epoch is kept");
            assertEquals(RunStatus.RUNNING, kept.status(), "no end was written: the row stays running until the "
                    + "store marks it interrupted (its owner, this process, is still alive)");
        }
    }

    @Test
    void anUnstoredRunIsKnownByALocalIdInEveryEvent() {
        Recording events = new Recording();
        Job job = Job.of(small(1)).addListener(events);
        RunResult r = job.runHere();
        assertNull(r.id());
        RunId id = job.handle().id().orElseThrow();
        assertFalse(id.stored());
        assertEquals(java.util.Set.of(id), java.util.Set.copyOf(events.ids));
        Job other = Job.of(small(1));
        other.runHere();
        assertNotEquals(id, other.handle().id().orElseThrow(), "local ids are distinct");
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
        assertEquals(dev.verdant.result.StopReason.TARGET, r.finalMetrics().stopReason());
        EpochRecordCheck.firstReaching(r, 0.5);
    }

    @Test
    void badDatasetFailsWithTheReasonAndIsStoredNowhere() {
        ExperimentSpec s = small(1).withDataset(DatasetSpec.defaults().withName("mnist").withPath(dir.resolve("none").toString()));
        try (RunStore store = RunStore.open(dir.resolve("v.db"))) {
            Recording events = new Recording();
            Job job = Job.of(s, store).addListener(events);
            RunResult r = job.runHere();
            assertEquals(RunStatus.FAILED, r.status());
            assertEquals(List.of("finished"), events.kinds, "a run failing before it starts only finishes");
            assertFalse(job.handle().id().orElseThrow().stored());
            assertTrue(r.message().contains("does not exist"), r.message());
            assertTrue(store.list(dev.verdant.store.RunFilter.all()).isEmpty());
        }
    }

    @Test
    void runnerCancelsAQueuedRunAndTheStoreMarksItCancelled() throws Exception {
        try (RunStore store = new InMemoryRunStore(); JobRunner runner = new JobRunner(1, store)) {
            RunHandle[] first = new RunHandle[1];
            first[0] = runner.submit(small(20), new RunListener() {
                @Override
                public void onEpoch(RunEvent.EpochEnded e) {
                    first[0].cancel();
                }
            });
            RunHandle second = runner.submit(small(2));
            assertEquals(RunStatus.RUNNING, second.status());
            RunResult r1 = first[0].await(60, TimeUnit.SECONDS);
            RunResult r2 = second.await(60, TimeUnit.SECONDS);
            assertEquals(RunStatus.CANCELLED, r1.status());
            assertTrue(r1.epochs().size() >= 1 && r1.epochs().size() < 20);
            assertEquals(RunStatus.CANCELLED, store.load(r1.id()).orElseThrow().status());
            assertEquals(RunStatus.COMPLETED, r2.status());
        }
    }

    /** Records the kind and run id of every event, through the typed callbacks. */
    private static final class Recording implements RunListener {
        final List<String> kinds = new CopyOnWriteArrayList<>();
        final List<RunId> ids = new CopyOnWriteArrayList<>();

        private void add(String kind, RunEvent e) {
            kinds.add(kind);
            ids.add(e.runId());
        }

        @Override
        public void onStarted(RunEvent.Started e) {
            add("started", e);
        }

        @Override
        public void onPhase(RunEvent.PhaseChanged e) {
            add("phase", e);
        }

        @Override
        public void onBatch(RunEvent.BatchEnded e) {
            add("batch", e);
        }

        @Override
        public void onEpoch(RunEvent.EpochEnded e) {
            add("epoch", e);
        }

        @Override
        public void onPower(RunEvent.Power e) {
            add("power", e);
        }

        @Override
        public void onFinished(RunEvent.Finished e) {
            add("finished", e);
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
