package dev.verdant.energy;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CpuEstimatorProbeTest {

    /** Energy follows this process's CPU time, not wall time: a busy second costs; a sleeping one nearly not. */
    @Test
    void busyThreadCostsAndSleepingThreadCostsAlmostNothing() throws Exception {
        CpuEstimatorProbe probe = new CpuEstimatorProbe();
        double perThread = probe.cpu().wattsPerThread();

        var threads = java.lang.management.ManagementFactory.getThreadMXBean();
        spin(300); // let the JIT compile the loop first: its compiler threads' CPU time counts too
        Thread.sleep(200);
        double before = probe.readJoules();
        long cpu0 = threads.getCurrentThreadCpuTime();
        spin(1000);
        double spinCpuSeconds = (threads.getCurrentThreadCpuTime() - cpu0) / 1e9;
        double busy = probe.readJoules() - before;

        before = probe.readJoules();
        long t0 = System.nanoTime();
        Thread.sleep(1000);
        double sleeping = probe.readJoules() - before;
        // the memory term is paid while sleeping too (resident GB x 0.375 W): only the CPU part must vanish
        double ram = CpuEstimatorProbe.residentGb() * CpuEstimatorProbe.RAM_WATTS_PER_GB * (System.nanoTime() - t0) / 1e9;

        // The spinning thread's own CPU time (less than 1 s when the 2 cores are shared) x power per thread;
        // the process's other threads (JIT, GC) and its resident memory add a little on top.
        double expected = spinCpuSeconds * perThread;
        assertTrue(busy > 0.95 * expected && busy < expected + 0.5 * perThread + 0.2,
                "busy " + busy + " J vs " + spinCpuSeconds + " CPU-s x " + perThread + " W/thread");
        assertTrue(sleeping - ram < 0.15 * busy,
                "sleeping " + sleeping + " J (memory " + ram + " J) vs busy " + busy + " J");
    }

    @Test
    void formulaIsCpuSecondsTimesWattsPerThreadPlusRam() {
        long[] cpu = {0};
        long[] wall = {0};
        CpuTdpTable.Entry e = CpuTdpTable.bundled().lookup("Intel(R) Core(TM) i7-8700K CPU @ 3.70GHz");
        CpuEstimatorProbe probe = new CpuEstimatorProbe(e, () -> cpu[0], () -> 2.0, () -> wall[0]);
        cpu[0] = 3_000_000_000L;   // 3 CPU-seconds
        wall[0] = 10_000_000_000L; // over 10 s with 2 GB resident
        double expected = 3 * 95.0 / 12 + 2.0 * 0.375 * 10;
        assertEquals(expected, probe.readJoules(), 1e-9);
        assertEquals("estimated:cpu-tdp", probe.method());
        assertTrue(probe.covers().contains("estimate"), probe.covers());
    }

    @Test
    void tdpTableMatchesModelsFamiliesAndDefault() {
        CpuTdpTable t = CpuTdpTable.bundled();
        assertTrue(t.size() >= 30);
        assertEquals("Intel Core i9-9900K", t.lookup("Intel(R) Core(TM) i9-9900K CPU @ 3.60GHz").model());
        assertEquals("unknown", t.lookup("Intel(R) Core(TM) i9-9900KS CPU @ 4.00GHz").model()); // not the K
        assertEquals("AMD Ryzen 9 5950X", t.lookup("AMD Ryzen 9 5950X 16-Core Processor").model());
        assertEquals("AMD EPYC 7763", t.lookup("AMD EPYC 7763 64-Core Processor").model());
        assertEquals("Intel Core i7-12700K", t.lookup("12th Gen Intel(R) Core(TM) i7-12700K").model());
        assertEquals("Intel Xeon Platinum 8480+", t.lookup("Intel(R) Xeon(R) Platinum 8480+").model());
        CpuTdpTable.Entry family = t.lookup("AMD EPYC");
        assertEquals("AMD EPYC", family.model());
        assertTrue(family.source().startsWith("family fallback"), family.source());
        CpuTdpTable.Entry unknown = t.lookup("Some Future CPU 9000");
        assertEquals(CpuTdpTable.DEFAULT_WATTS_PER_THREAD, unknown.wattsPerThread());
        assertTrue(unknown.describe().contains("CodeCarbon"), unknown.describe());
    }

    static void spin(long millis) {
        long end = System.nanoTime() + millis * 1_000_000;
        double x = 0;
        while (System.nanoTime() < end) {
            x += Math.sqrt(x + 1);
        }
        if (x < 0) {
            throw new AssertionError();
        }
    }
}
