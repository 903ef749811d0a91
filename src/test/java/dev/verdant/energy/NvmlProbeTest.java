package dev.verdant.energy;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NvmlProbeTest {

    private long nanos;

    @Test
    void energyCounterPerGpuIsSummedInJoules() {
        FakeNvml nvml = new FakeNvml(List.of("NVIDIA A100-SXM4-40GB", "NVIDIA A100-SXM4-40GB"), true, true);
        nvml.energyMj = new long[] {5_000_000, 7_000_000};
        NvmlProbe probe = new NvmlProbe(() -> nvml, () -> nanos);
        assertTrue(probe.available(), probe.unavailableReason());
        assertEquals("measured:nvml", probe.method());
        assertEquals(List.of("NVIDIA A100-SXM4-40GB", "NVIDIA A100-SXM4-40GB"), probe.gpuNames());
        assertTrue(probe.covers().startsWith("2 GPU(s)"), probe.covers());
        assertEquals(0.0, probe.readJoules(), 1e-9);
        nvml.energyMj = new long[] {5_250_000, 7_500_500};
        assertEquals(250 + 500.5, probe.readJoules(), 1e-9);
        probe.close();
        assertTrue(nvml.closed);
    }

    @Test
    void beforeVoltaPowerSamplesAreIntegrated() {
        FakeNvml nvml = new FakeNvml(List.of("Tesla P100-PCIE-16GB"), false, true);
        nvml.powerMw[0] = 100_000;
        NvmlProbe probe = new NvmlProbe(() -> nvml, () -> nanos);
        assertEquals("measured:nvml-power", probe.method());
        nanos += 2_000_000_000L;
        nvml.powerMw[0] = 200_000;                         // 100 W -> 200 W over 2 s: trapezoid = 300 J
        assertEquals(300.0, probe.readJoules(), 1e-9);
        nanos += 1_000_000_000L;                           // steady 200 W for 1 s
        assertEquals(500.0, probe.readJoules(), 1e-9);
    }

    @Test
    void onlyUtilisationGivesALabelledEstimate() {
        FakeNvml nvml = new FakeNvml(List.of("Old GPU"), false, false);
        nvml.utilization = 50;
        nvml.limitMw = 250_000;                            // 125 W estimated
        NvmlProbe probe = new NvmlProbe(() -> nvml, () -> nanos);
        assertEquals("estimated:gpu-tdp", probe.method());
        nanos += 4_000_000_000L;
        assertEquals(500.0, probe.readJoules(), 1e-9);
    }

    @Test
    void noGpuIsUnavailable() {
        FakeNvml nvml = new FakeNvml(List.of(), true, true);
        NvmlProbe probe = new NvmlProbe(() -> nvml, () -> nanos);
        assertFalse(probe.available());
        assertEquals("NVML found no GPU", probe.unavailableReason());
        assertThrows(IllegalStateException.class, probe::readJoules);
    }

    @Test
    void driverErrorAtStartIsUnavailableWithReason() {
        NvmlProbe probe = new NvmlProbe(() -> {
            throw new NvmlException(9, "nvmlInit: Driver Not Loaded");
        }, () -> nanos);
        assertFalse(probe.available());
        assertTrue(probe.unavailableReason().contains("Driver Not Loaded"), probe.unavailableReason());
    }

    /** The real JNA binding with a library name no machine has: the genuine "library absent" path. */
    @Test
    void realBindingWithoutTheLibraryIsUnavailable() {
        NvmlProbe probe = new NvmlProbe(() -> JnaNvml.load(List.of("libverdant-absent-nvml.so.1")), System::nanoTime);
        assertFalse(probe.available());
        assertTrue(probe.unavailableReason().startsWith("no NVIDIA driver library"), probe.unavailableReason());
        assertTrue(probe.unavailableReason().contains("libverdant-absent-nvml.so.1"), probe.unavailableReason());
        assertFalse(probe.status().available());
    }

    /** On this machine (no NVIDIA driver) the default binding reports absence; with a driver it must work. */
    @Test
    void defaultBindingEitherWorksOrSaysWhy() {
        try (NvmlProbe probe = new NvmlProbe()) {
            if (probe.available()) {
                assertTrue(probe.readJoules() >= 0);
            } else {
                assertFalse(probe.unavailableReason().isBlank());
            }
        }
    }
}
