package dev.verdant.energy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RunCpuClockTest {

    private static final long TICK = ProcTasks.NANOS_PER_TICK;
    private static final Set<String> JAVA_NAMES = Set.of("verdant-run", "JavaFX Applicat", "verdant-energy-");

    @Test
    void parsesStatAfterANameWithSpacesAndParentheses(@TempDir Path root) {
        FakeProcTasks proc = new FakeProcTasks(root).thread(7, "odd (name) x", 40);
        assertEquals(40 * TICK, proc.tasks().cpuNanos(7));
        assertEquals("odd (name) x", proc.tasks().comm(7));
        assertEquals(-1, proc.tasks().cpuNanos(8), "an ended thread reads as -1");
    }

    /** The run's thread and libtorch's pool are charged; GC, JIT, the FX thread and the sampler are not. */
    @Test
    void chargesRunThreadAndComputePoolOnly(@TempDir Path root) {
        FakeProcTasks proc = new FakeProcTasks(root)
                .thread(100, "verdant-run", 0).thread(101, "verdant-run", 0).thread(102, "GC Thread#0", 0)
                .thread(103, "JavaFX Applicat", 0).thread(104, "verdant-energy-", 0).thread(105, "C2 CompilerThre", 0);
        try (RunCpuClock clock = RunCpuClock.of(proc.tasks(), 100, () -> JAVA_NAMES)) {
            proc.thread(100, "verdant-run", 50).thread(101, "verdant-run", 100).thread(102, "GC Thread#0", 30)
                    .thread(103, "JavaFX Applicat", 40).thread(104, "verdant-energy-", 5)
                    .thread(105, "C2 CompilerThre", 70);
            assertEquals(150 * TICK, clock.nanos());
            // a pool thread that appears mid-run is charged from zero; one that ends keeps what it was charged
            proc.thread(106, "verdant-run", 20).end(101);
            assertEquals(170 * TICK, clock.nanos());
        }
    }

    /** Two overlapping runs split the shared pool by their own threads' CPU time in each interval. */
    @Test
    void overlappingRunsSplitThePoolByOwnCpuTime(@TempDir Path root) {
        FakeProcTasks proc = new FakeProcTasks(root).thread(100, "verdant-run", 0).thread(200, "verdant-run", 0)
                .thread(101, "verdant-run", 0);
        try (RunCpuClock a = RunCpuClock.of(proc.tasks(), 100, () -> JAVA_NAMES);
             RunCpuClock b = RunCpuClock.of(proc.tasks(), 200, () -> JAVA_NAMES)) {
            a.nanos();
            b.nanos();
            proc.thread(100, "verdant-run", 30).thread(200, "verdant-run", 10).thread(101, "verdant-run", 80);
            assertEquals((30 + 60) * TICK, a.nanos());
            assertEquals((10 + 20) * TICK, b.nanos());
        }
    }

    @Test
    void closedClockNoLongerCountsForOthers(@TempDir Path root) {
        FakeProcTasks proc = new FakeProcTasks(root).thread(100, "java", 0).thread(200, "java", 0)
                .thread(101, "java", 0);
        RunCpuClock a = RunCpuClock.of(proc.tasks(), 100, Set::of);
        try (RunCpuClock b = RunCpuClock.of(proc.tasks(), 200, Set::of)) {
            a.close();
            assertFalse(RunCpuClock.active().contains(a));
            proc.thread(100, "java", 500).thread(200, "java", 10).thread(101, "java", 40);
            // a's thread is no longer a run thread: its CPU time is compute time b is charged with (named alike)
            assertEquals((10 + 540) * TICK, b.nanos());
            assertEquals(0, a.nanos(), "a closed clock stops where it was");
        }
    }

    /** On the real /proc: a busy thread that is not the run's is not charged to the run. */
    @Test
    void anotherBusyJavaThreadIsNotCharged() throws Exception {
        AtomicBoolean stop = new AtomicBoolean();
        Thread other = new Thread(() -> {
            while (!stop.get()) {
                CpuEstimatorProbeTest.spin(50);
            }
        }, "other-spinner");
        long[] charged = new long[1];
        long[] ownCpu = new long[1];
        Thread run = new Thread(() -> {
            try (RunCpuClock clock = RunCpuClock.forCurrentThread().orElseThrow()) {
                var bean = java.lang.management.ManagementFactory.getThreadMXBean();
                long cpu0 = bean.getCurrentThreadCpuTime();
                long before = clock.nanos();
                CpuEstimatorProbeTest.spin(800);
                ownCpu[0] = bean.getCurrentThreadCpuTime() - cpu0;
                charged[0] = clock.nanos() - before;
            }
        }, "verdant-run-test");
        other.start();
        try {
            Thread.sleep(100);
            run.start();
            run.join();
        } finally {
            stop.set(true);
            other.join();
        }
        // ticks are 10 ms, so allow two ticks either way; the other thread spun as long and is not in it
        assertTrue(Math.abs(charged[0] - ownCpu[0]) <= 3 * TICK,
                "charged " + charged[0] / 1e6 + " ms for " + ownCpu[0] / 1e6 + " ms of the run thread's CPU time");
    }
}
