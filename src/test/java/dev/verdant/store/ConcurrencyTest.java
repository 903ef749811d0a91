package dev.verdant.store;

import dev.verdant.result.BatchRecord;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Two runs writing at once through two stores on one file, and a reader in a loop: nothing is "locked". */
class ConcurrencyTest {

    private static final int EPOCHS = 60;

    @TempDir
    Path dir;

    @Test
    void twoWritersAndAReaderNeverFail() throws Exception {
        Path db = dir.resolve("verdant.db");
        Queue<Throwable> failures = new ConcurrentLinkedQueue<>();
        AtomicBoolean writing = new AtomicBoolean(true);
        AtomicInteger reads = new AtomicInteger();
        long[] ids = new long[2];
        CountDownLatch start = new CountDownLatch(1);
        try (RunStore a = RunStore.open(db); RunStore b = RunStore.open(db); RunStore window = RunStore.open(db)) {
            Thread[] writers = new Thread[2];
            RunStore[] stores = {a, b};
            for (int w = 0; w < 2; w++) {
                int which = w;
                writers[w] = new Thread(() -> {
                    try {
                        start.await();
                        long id = stores[which].createRun(Samples.spec("writer-" + which), null);
                        ids[which] = id;
                        for (int n = 1; n <= EPOCHS; n++) {
                            stores[which].appendBatches(id, List.of(new BatchRecord(n, 0, 1, 1, 1, n)));
                            stores[which].appendEpoch(id, Samples.epoch(n));
                        }
                        stores[which].finishRun(id, Samples.result("writer-" + which, 0.9, 1.0));
                    } catch (Throwable t) {
                        failures.add(t);
                    }
                });
                writers[w].start();
            }
            Thread reader = new Thread(() -> {
                try {
                    start.await();
                    while (writing.get()) {
                        for (RunSummary s : window.list(RunFilter.all())) {
                            window.load(s.id()).orElseThrow();
                        }
                        reads.incrementAndGet();
                    }
                } catch (Throwable t) {
                    failures.add(t);
                }
            });
            reader.start();
            start.countDown();
            for (Thread w : writers) {
                w.join(120_000);
            }
            writing.set(false);
            reader.join(30_000);

            assertTrue(failures.isEmpty(), () -> "failures: " + failures);
            assertTrue(reads.get() > 0);
            for (long id : ids) {
                assertEquals(EPOCHS, window.load(id).orElseThrow().epochs().size());
                assertEquals(EPOCHS, window.batches(id).size());
            }
        }
    }

    @RepeatedTest(8)
    void twoProcessesWorthOfStoresOpeningANewFileAtOnceBothSucceed(RepetitionInfo round) throws Exception {
        // a fresh file per round: the race is in turning a new file into a store (WAL switch, first migration)
        Path db = dir.resolve("fresh-" + round.getCurrentRepetition() + ".db");
        Queue<Throwable> failures = new ConcurrentLinkedQueue<>();
        CountDownLatch start = new CountDownLatch(1);
        Thread[] openers = new Thread[4];
        for (int i = 0; i < openers.length; i++) {
            openers[i] = new Thread(() -> {
                try {
                    start.await();
                    try (RunStore s = RunStore.open(db)) {
                        s.createRun(Samples.spec("x"), null);
                    }
                } catch (Throwable t) {
                    failures.add(t);
                }
            });
            openers[i].start();
        }
        start.countDown();
        for (Thread t : openers) {
            t.join(60_000);
        }
        assertTrue(failures.isEmpty(), () -> "failures: " + failures);
        try (RunStore s = RunStore.open(db)) {
            assertEquals(openers.length, s.list(RunFilter.all()).size());
        }
    }

    @Test
    void aStoreOpensWhileAnotherConnectionHoldsTheNewFileLocked() throws Exception {
        Path db = dir.resolve("locked.db");
        try (java.sql.Connection other = java.sql.DriverManager.getConnection("jdbc:sqlite:" + db);
             java.sql.Statement st = other.createStatement()) {
            st.execute("BEGIN EXCLUSIVE");
            Thread release = new Thread(() -> {
                try {
                    Thread.sleep(400);
                    st.execute("COMMIT");
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            release.start();
            try (RunStore s = RunStore.open(db)) {
                s.createRun(Samples.spec("x"), null);
                assertEquals(1, s.list(RunFilter.all()).size());
            }
            release.join();
        }
    }
}
