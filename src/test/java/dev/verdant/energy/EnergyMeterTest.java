package dev.verdant.energy;

import dev.verdant.result.PowerSample;
import dev.verdant.result.ProbeStatus;
import dev.verdant.spec.EnergySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The meter over real probes whose hardware is faked: a powercap tree on disk and NVML behind its interface. */
class EnergyMeterTest {

    @TempDir
    Path root;

    private static NvmlProbe absentNvml() {
        return new NvmlProbe(() -> {
            throw new UnsatisfiedLinkError("no libnvidia-ml.so.1");
        }, System::nanoTime);
    }

    @Test
    void phasesSumToTheTotalAndRaplWinsOverTheEstimator() {
        FakePowercap fake = new FakePowercap(root).zone("intel-rapl:0", "package-0", 0);
        List<EnergyProbe> chain = List.of(new RaplProbe(root), absentNvml(), new CpuEstimatorProbe());
        try (EnergyMeter meter = EnergyMeter.start(EnergySpec.defaults(), chain)) {
            assertEquals("measured:rapl", meter.method());
            List<ProbeStatus> statuses = meter.probeStatuses();
            assertEquals(List.of("rapl", "nvml", "estimator"), statuses.stream().map(ProbeStatus::name).toList());
            assertFalse(statuses.get(1).available());
            assertTrue(statuses.get(1).reason().contains("no NVIDIA driver library"), statuses.get(1).reason());

            assertEquals(0.0, meter.end(), "no phase open");
            meter.begin("train");
            fake.set("intel-rapl:0", 10_000_000);
            assertEquals(10.0, meter.end(), 1e-9);
            meter.begin("eval");
            fake.set("intel-rapl:0", 15_000_000);
            meter.begin("train");                   // ends eval first
            fake.set("intel-rapl:0", 18_000_000);
            assertEquals(3.0, meter.end(), 1e-9);   // per epoch: what this begin/end span cost
            meter.begin("inference");
            fake.set("intel-rapl:0", 20_000_000);

            assertEquals(13.0, meter.joules("train"), 1e-9);
            assertEquals(5.0, meter.joules("eval"), 1e-9);
            assertEquals(2.0, meter.joules("inference"), 1e-9, "the open phase counts");
            assertEquals(0.0, meter.joules("compress"), 1e-9);
            assertEquals(20.0, meter.totalJoules(), 1e-9);
            assertTrue(meter.elapsedSeconds() > 0);
            assertEquals(meter.totalJoules() / meter.elapsedSeconds(), meter.averageWatts(),
                    0.05 * meter.averageWatts());
            assertThrows(IllegalArgumentException.class, () -> meter.begin("warmup"));
        }
    }

    @Test
    void cpuAndGpuProbesAreAddedAndLabelledTogether() {
        FakePowercap fake = new FakePowercap(root).zone("intel-rapl:0", "package-0", 0);
        FakeNvml gpu = new FakeNvml(List.of("NVIDIA H100"), true, true);
        NvmlProbe nvml = new NvmlProbe(() -> gpu, System::nanoTime);
        try (EnergyMeter meter = EnergyMeter.start(EnergySpec.defaults(),
                List.of(new RaplProbe(root), nvml, new CpuEstimatorProbe()))) {
            assertEquals("measured:rapl+measured:nvml", meter.method());
            meter.begin("train");
            fake.set("intel-rapl:0", 40_000_000);
            gpu.energyMj[0] = 300_000;
            assertEquals(340.0, meter.end(), 1e-9);
        }
    }

    @Test
    void withoutCountersTheEstimatorIsUsedAndLabelled() {
        try (EnergyMeter meter = EnergyMeter.start(EnergySpec.defaults(),
                List.of(new RaplProbe(root.resolve("none")), absentNvml(), new CpuEstimatorProbe()))) {
            assertEquals("estimated:cpu-tdp", meter.method());
            meter.begin("train");
            CpuEstimatorProbeTest.spin(200);
            assertTrue(meter.end() > 0);
        }
    }

    @Test
    void idleBaselineIsMeasuredSubtractedAndLabelled() throws Exception {
        FakeNvml gpu = new FakeNvml(List.of("Tesla P100"), false, true); // power readings only
        gpu.powerMw[0] = 50_000;
        NvmlProbe nvml = new NvmlProbe(() -> gpu, System::nanoTime);
        EnergySpec spec = new EnergySpec(null, null, null, 50.0, true);
        try (EnergyMeter meter = EnergyMeter.start(spec, List.of(nvml), 0.5)) {
            assertEquals("measured:nvml-power (idle-subtracted)", meter.method());
            assertEquals(50.0, meter.idleWatts(), 1.0);
            meter.begin("train");
            gpu.powerMw[0] = 150_000;
            Thread.sleep(1000);
            double net = meter.end();
            double seconds = meter.elapsedSeconds();
            assertEquals(100.0 * seconds, net, 0.1 * 100 * seconds, "150 W drawn minus 50 W idle");
        }
    }

    @Test
    void samplerFeedsHistoryAndListenersThenStops() throws Exception {
        FakeNvml gpu = new FakeNvml(List.of("Tesla P100"), false, true);
        gpu.powerMw[0] = 80_000;
        NvmlProbe nvml = new NvmlProbe(() -> gpu, System::nanoTime);
        List<PowerSample> heard = new CopyOnWriteArrayList<>();
        EnergyMeter meter = EnergyMeter.start(new EnergySpec(null, null, null, 50.0, null), List.of(nvml));
        meter.addPowerListener(heard::add);
        meter.begin("train");
        Thread.sleep(600);
        meter.close();
        int count = heard.size();
        assertTrue(count >= 10, "~30 samples expected at 50 Hz, got " + count);
        PowerSample last = heard.get(count - 1);
        assertEquals("train", last.phase());
        assertEquals("measured:nvml-power", last.method());
        assertEquals(80.0, last.watts(), 1.0);
        List<PowerSample> five = meter.powerSamples(5);
        assertEquals(5, five.size());
        assertTrue(five.get(0).seconds() < five.get(4).seconds());
        Thread.sleep(200);
        assertEquals(count, heard.size(), "no samples after close");
        assertTrue(Thread.getAllStackTraces().keySet().stream()
                .noneMatch(t -> t.getName().equals("verdant-energy-sampler") && t.isAlive()));
    }

    @Test
    void downsampleAveragesBuckets() {
        List<PowerSample> all = List.of(new PowerSample(0, 10, "train", "m"), new PowerSample(1, 20, "train", "m"),
                new PowerSample(2, 30, "eval", "m"), new PowerSample(3, 50, "eval", "m"));
        List<PowerSample> two = EnergyMeter.downsample(all, 2);
        assertEquals(List.of(new PowerSample(0.5, 15, "train", "m"), new PowerSample(2.5, 40, "eval", "m")), two);
        assertEquals(all, EnergyMeter.downsample(all, 10));
    }
}
