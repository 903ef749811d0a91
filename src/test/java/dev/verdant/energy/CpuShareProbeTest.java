package dev.verdant.energy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CpuShareProbeTest {

    /** A machine counter whose value the test sets. */
    static final class Counter implements EnergyProbe {
        double joules;

        @Override
        public String name() {
            return "rapl";
        }

        @Override
        public Hardware hardware() {
            return Hardware.CPU;
        }

        @Override
        public String unavailableReason() {
            return null;
        }

        @Override
        public String method() {
            return "measured:rapl";
        }

        @Override
        public String covers() {
            return "package-0";
        }

        @Override
        public double readJoules() {
            return joules;
        }
    }

    @Test
    void aloneTheRunGetsTheWholeCounter(@TempDir Path root) {
        FakeProcTasks proc = new FakeProcTasks(root).thread(100, "java", 0);
        Counter counter = new Counter();
        try (RunCpuClock clock = RunCpuClock.of(proc.tasks(), 100, Set::of)) {
            CpuShareProbe probe = new CpuShareProbe(counter, clock);
            probe.readJoules();
            counter.joules = 40;
            proc.thread(100, "java", 10);
            assertEquals(40, probe.readJoules(), 1e-9);
            assertFalse(probe.shared());
            assertEquals("measured:rapl", probe.method());
        }
    }

    @Test
    void overlappingRunsSplitTheCounterAndSaySo(@TempDir Path root) {
        FakeProcTasks proc = new FakeProcTasks(root).thread(100, "java", 0).thread(200, "java", 0);
        Counter counter = new Counter();
        try (RunCpuClock a = RunCpuClock.of(proc.tasks(), 100, Set::of);
             RunCpuClock b = RunCpuClock.of(proc.tasks(), 200, Set::of)) {
            CpuShareProbe pa = new CpuShareProbe(counter, a);
            CpuShareProbe pb = new CpuShareProbe(counter, b);
            pa.readJoules();
            pb.readJoules();
            counter.joules = 100;
            proc.thread(100, "java", 30).thread(200, "java", 10);
            double ja = pa.readJoules();
            double jb = pb.readJoules();
            assertEquals(75, ja, 1e-9);
            assertEquals(25, jb, 1e-9);
            assertTrue(pa.shared());
            assertEquals("measured:rapl (shared by CPU time)", pa.method());
        }
    }
}
