package dev.verdant.app.queue;

import dev.verdant.app.EventPump;
import dev.verdant.result.RunResult;
import dev.verdant.run.JobRunner;
import dev.verdant.run.RunId;
import dev.verdant.spec.DatasetSpec;
import dev.verdant.spec.ExperimentSpec;
import dev.verdant.spec.TrainingSpec;
import dev.verdant.store.RunStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The queue against real (tiny) runs; the test pumps events itself, standing in for the FX thread. */
class RunQueueViewModelTest {

    private final EventPump pump = new EventPump();
    private final RunQueueViewModel vm = new RunQueueViewModel(n -> new JobRunner(n, null), 1, pump,
            System::nanoTime);

    private static ExperimentSpec spec(String name, int epochs) {
        return ExperimentSpec.defaults().withName(name).withDevice("cpu")
                .withDataset(DatasetSpec.defaults().withName("digits").withLimit(200))
                .withTraining(TrainingSpec.defaults().withEpochs(epochs));
    }

    @AfterEach
    void stop() throws InterruptedException {
        vm.shutdown(30);
    }

    @Test
    void aRunMovesFromQueuedToCompletedWithProgressAndTimes() throws Exception {
        List<RunItem> finished = new ArrayList<>();
        vm.addFinishedListener(finished::add);
        RunItem item = vm.submit(spec("queue-ok", 2));
        assertEquals("queued", item.statusProperty().get());
        assertEquals(1, vm.activeCountProperty().get());
        item.handle().await(120, TimeUnit.SECONDS);
        pump.pump();
        assertEquals("completed", item.statusProperty().get());
        assertEquals(1.0, item.progressProperty().get());
        assertEquals("epoch 2/2", item.epochProperty().get());
        assertFalse(item.elapsedProperty().get().isEmpty());
        assertEquals(0, vm.activeCountProperty().get());
        assertEquals(List.of(item), finished);
        assertEquals(2, item.resultProperty().get().epochs().size());
    }

    @Test
    void progressMovesWithinTheFirstEpoch() throws Exception {
        // several batches an epoch; the Started event says how many, so progress need not wait for epoch 1 to end
        RunItem item = vm.submit(spec("queue-steps", 2).withTraining(TrainingSpec.defaults().withEpochs(2)
                .withBatchSize(32)));
        List<Double> progress = new ArrayList<>();
        item.progressProperty().addListener((o, was, now) -> progress.add(now.doubleValue()));
        item.handle().await(120, TimeUnit.SECONDS);
        pump.pump(); // every event in order, as one batch
        assertTrue(progress.get(0) > 0 && progress.get(0) < 0.5, "moves during epoch 1 of 2: " + progress);
        assertTrue(progress.contains(0.5), "half way when epoch 1 ends: " + progress);
        assertEquals(1.0, progress.get(progress.size() - 1));
        for (int i = 1; i < progress.size(); i++) {
            assertTrue(progress.get(i) >= progress.get(i - 1), "progress never goes back: " + progress);
        }
    }

    @Test
    void cancelStopsARunAndKeepsItListedAsCancelled() throws Exception {
        RunItem item = vm.submit(spec("queue-cancel", 5000));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!"running".equals(item.statusProperty().get()) && System.nanoTime() < deadline) {
            pump.pump();
            Thread.sleep(20);
        }
        vm.cancel(item);
        assertEquals("cancelling", item.statusProperty().get());
        item.handle().await(60, TimeUnit.SECONDS);
        pump.pump();
        assertEquals("cancelled", item.statusProperty().get());
        assertTrue(item.progressProperty().get() < 1.0);
        vm.clearFinished();
        assertTrue(vm.items().isEmpty());
    }

    @Test
    void durationsReadLikeAClock() {
        assertEquals("0:07", RunQueueViewModel.duration(7.2));
        assertEquals("12:30", RunQueueViewModel.duration(750));
        assertEquals("1:02:03", RunQueueViewModel.duration(3723));
    }

    @Test
    void aStoredRunIsNamedByItsStoreIdOnceItStarts(@TempDir Path dir) throws Exception {
        try (RunStore store = RunStore.open(dir.resolve("q.db"))) {
            long earlier = store.createRun(spec("earlier", 1), null); // store ids and queue positions differ
            RunQueueViewModel stored = new RunQueueViewModel(n -> new JobRunner(n, store), 1, pump,
                    System::nanoTime);
            List<String> seenByBatchListener = new ArrayList<>();
            pump.addListener(events -> seenByBatchListener.add(stored.items().get(0).label()));
            RunItem item = stored.submit(spec("named", 1));
            assertEquals("named", item.label(), "no id while queued");
            RunResult r = item.handle().await(120, TimeUnit.SECONDS);
            pump.pump();
            assertEquals(earlier + 1, r.id());
            assertEquals("run " + r.id() + " named", item.label());
            assertEquals(r.id(), item.storeIdProperty().get());
            assertEquals(RunId.stored(r.id()), item.handle().id().orElseThrow());
            assertEquals(List.of("run " + r.id() + " named"), seenByBatchListener,
                    "the run's own listener hears its events before the batch listeners");
            stored.shutdown(30);
        }
    }

    @Test
    void anUnstoredRunIsNamedByItsLocalId() throws Exception {
        RunItem item = vm.submit(spec("local", 1));
        item.handle().await(120, TimeUnit.SECONDS);
        pump.pump();
        RunId id = item.handle().id().orElseThrow();
        assertFalse(id.stored());
        assertEquals("run " + id.value() + " local", item.label());
        assertNull(item.storeIdProperty().get());
    }
}
