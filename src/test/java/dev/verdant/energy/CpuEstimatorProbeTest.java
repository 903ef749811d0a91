package dev.verdant.energy;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CpuEstimatorProbeTest {

    /**
     * Energy follows the run's CPU time, not wall time: a busy second costs; a sleeping one nearly not. The probe
     * is the per-run one ({@link RunCpuClock}), so the JIT, the GC and other tests' threads are not in it, which
     * keeps this test steady on a loaded machine.
     */
    @Test
    void busyThreadCostsAndSleepingThreadCostsAlmostNothing() throws Exception {
        try (CpuEstimatorProbe probe = CpuEstimatorProbe.forRun(RunCpuClock.forCurrentThread().orElseThrow())) {
            assertTrue(probe.perRun());
            double perThread = probe.cpu().wattsPerThread();
            var threads = java.lang.management.ManagementFactory.getThreadMXBean();
            spin(300);
            double before = probe.readJoules();
            long cpu0 = threads.getCurrentThreadCpuTime();
            long t0 = System.nanoTime();
            spin(1000);
            double spinCpuSeconds = (threads.getCurrentThreadCpuTime() - cpu0) / 1e9;
            double busy = probe.readJoules() - before;
            double busyRam = ramJoules(System.nanoTime() - t0);

            before = probe.readJoules();
            t0 = System.nanoTime();
            Thread.sleep(1000);
            double sleeping = probe.readJoules() - before;
            // the memory term is paid while sleeping too (resident GB x 0.375 W): only the CPU part must vanish
            double sleepRam = ramJoules(System.nanoTime() - t0);

            // the spinning thread's CPU time (less than 1 s when the cores are shared) x power per thread, read in
            // 10 ms ticks (two ticks of slack), plus the memory term (resident memory moves a little: 30% slack)
            double cpuPart = busy - busyRam;
            double expected = spinCpuSeconds * perThread;
            assertTrue(Math.abs(cpuPart - expected) < 0.03 * perThread + 0.3 * busyRam + 0.02,
                    "busy " + busy + " J (memory " + busyRam + " J) vs " + spinCpuSeconds + " CPU-s x " + perThread
                            + " W/thread");
            assertTrue(sleeping - sleepRam < 0.02 * perThread + 0.3 * sleepRam + 0.02,
                    "sleeping " + sleeping + " J (memory " + sleepRam + " J) vs busy " + busy + " J");
        }
    }

    private static double ramJoules(long nanos) {
        return CpuEstimatorProbe.residentGb() * CpuEstimatorProbe.RAM_WATTS_PER_GB * nanos / 1e9;
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
