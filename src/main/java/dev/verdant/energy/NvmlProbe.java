package dev.verdant.energy;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * GPU energy from NVIDIA's NVML. Per GPU, the best figure the driver offers:
 * <ol>
 *   <li>the total-energy counter ({@code nvmlDeviceGetTotalEnergyConsumption}, mJ; Volta and later):
 *       {@code measured:nvml};</li>
 *   <li>else board power samples ({@code nvmlDeviceGetPowerUsage}) integrated by the trapezoid rule between
 *       reads: {@code measured:nvml-power} (its accuracy depends on the sampling rate);</li>
 *   <li>else power limit x utilisation: {@code estimated:gpu-tdp}.</li>
 * </ol>
 * Without the driver library, or with no GPU, the probe is unavailable and says so.
 */
public final class NvmlProbe implements EnergyProbe {

    private enum Mode {
        ENERGY("measured:nvml"), POWER("measured:nvml-power"), ESTIMATE("estimated:gpu-tdp");

        final String label;

        Mode(String label) {
            this.label = label;
        }
    }

    /** One GPU's accumulator. */
    private static final class Gpu {
        final int index;
        final String name;
        final Mode mode;
        long firstMj;
        double lastWatts;
        long lastNanos;
        double joules;

        Gpu(int index, String name, Mode mode) {
            this.index = index;
            this.name = name;
            this.mode = mode;
        }
    }

    private final LongSupplier nanoClock;
    private final List<Gpu> gpus = new ArrayList<>();
    private final List<String> skipped = new ArrayList<>();
    private Nvml nvml;
    private String unavailableReason;

    /** NVML from the driver's library ({@code libnvidia-ml.so.1} or {@code nvml.dll}). */
    public NvmlProbe() {
        this(JnaNvml::load, System::nanoTime);
    }

    /**
     * NVML from {@code loader}; {@code nanoClock} times power integration.
     * The loader may throw {@link UnsatisfiedLinkError} (no library) or {@link NvmlException} (no driver).
     */
    public NvmlProbe(Supplier<Nvml> loader, LongSupplier nanoClock) {
        this.nanoClock = nanoClock;
        try {
            nvml = loader.get();
        } catch (UnsatisfiedLinkError e) {
            unavailableReason = "no NVIDIA driver library (" + e.getMessage() + "): no NVIDIA GPU, or its driver "
                    + "is not installed; GPU energy is not counted";
            return;
        } catch (NvmlException e) {
            unavailableReason = "NVML did not start: " + e.getMessage() + "; check 'nvidia-smi'";
            return;
        }
        try {
            discover();
        } catch (NvmlException e) {
            unavailableReason = "NVML failed: " + e.getMessage() + "; check 'nvidia-smi'";
        }
        if (unavailableReason == null && gpus.isEmpty()) {
            unavailableReason = nvml.deviceCount() == 0 ? "NVML found no GPU"
                    : "no GPU reports energy, power or utilisation: " + String.join("; ", skipped);
        }
        if (unavailableReason != null) {
            close();
        }
    }

    private void discover() {
        int n = nvml.deviceCount();
        for (int i = 0; i < n; i++) {
            String name = nvml.name(i);
            Gpu gpu = null;
            try {
                long mj = nvml.totalEnergyMillijoules(i);
                gpu = new Gpu(i, name, Mode.ENERGY);
                gpu.firstMj = mj;
            } catch (NvmlException energyUnsupported) {
                try {
                    double w = nvml.powerMilliwatts(i) / 1000.0;
                    gpu = new Gpu(i, name, Mode.POWER);
                    gpu.lastWatts = w;
                } catch (NvmlException powerUnsupported) {
                    try {
                        gpu = new Gpu(i, name, Mode.ESTIMATE);
                        gpu.lastWatts = estimatedWatts(i);
                    } catch (NvmlException nothing) {
                        skipped.add("GPU " + i + " (" + name + "): " + nothing.getMessage());
                        gpu = null;
                    }
                }
            }
            if (gpu != null) {
                gpu.lastNanos = nanoClock.getAsLong();
                gpus.add(gpu);
            }
        }
    }

    private double estimatedWatts(int i) {
        return nvml.powerLimitMilliwatts(i) / 1000.0 * nvml.utilizationPercent(i) / 100.0;
    }

    @Override
    public String name() {
        return "nvml";
    }

    @Override
    public Hardware hardware() {
        return Hardware.GPU;
    }

    @Override
    public String unavailableReason() {
        return unavailableReason;
    }

    @Override
    public String method() {
        Set<String> labels = new LinkedHashSet<>();
        gpus.forEach(g -> labels.add(g.mode.label));
        return String.join("+", labels);
    }

    @Override
    public String covers() {
        String list = gpus.stream().map(g -> "GPU " + g.index + " " + g.name + " (" + g.mode.label + ")")
                .collect(Collectors.joining(", "));
        return gpus.size() + " GPU(s): " + list + (skipped.isEmpty() ? "" : "; skipped " + String.join("; ", skipped))
                + "; board power only (not the host)";
    }

    /** GPU product names, in NVML's index order. */
    public List<String> gpuNames() {
        return gpus.stream().map(g -> g.name).toList();
    }

    @Override
    public synchronized double readJoules() {
        if (!available()) {
            throw new IllegalStateException("nvml is unavailable: " + unavailableReason);
        }
        long now = nanoClock.getAsLong();
        double total = 0;
        for (Gpu g : gpus) {
            if (g.mode == Mode.ENERGY) {
                g.joules = (nvml.totalEnergyMillijoules(g.index) - g.firstMj) / 1000.0;
            } else {
                double w = g.mode == Mode.POWER ? nvml.powerMilliwatts(g.index) / 1000.0 : estimatedWatts(g.index);
                g.joules += (w + g.lastWatts) / 2 * (now - g.lastNanos) / 1e9;
                g.lastWatts = w;
                g.lastNanos = now;
            }
            total += g.joules;
        }
        return total;
    }

    @Override
    public synchronized void close() {
        if (nvml != null) {
            try {
                nvml.close();
            } catch (RuntimeException ignored) {
                // shutting down a broken driver session has nothing left to release
            }
            nvml = null;
            if (unavailableReason == null) {
                unavailableReason = "closed";
            }
        }
    }
}
