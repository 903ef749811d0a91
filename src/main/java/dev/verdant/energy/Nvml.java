package dev.verdant.energy;

/**
 * The few NVIDIA Management Library calls Verdant uses, in Java terms. {@link JnaNvml} binds them to the
 * driver's {@code libnvidia-ml}; tests put a fake behind this same interface (the hardware edge).
 * Each call throws {@link NvmlException} carrying NVML's return code when the driver refuses it.
 */
public interface Nvml extends AutoCloseable {

    /** Number of GPUs NVML sees. */
    int deviceCount();

    /** Product name of GPU {@code index}, e.g. {@code NVIDIA A100-SXM4-40GB}. */
    String name(int index);

    /** Energy since the driver loaded, in millijoules (Volta and later; else NOT_SUPPORTED). */
    long totalEnergyMillijoules(int index);

    /** Current board power in milliwatts. */
    int powerMilliwatts(int index);

    /** GPU utilisation over the last sample period, percent. */
    int utilizationPercent(int index);

    /** The enforced power limit in milliwatts (the board's TDP unless an administrator changed it). */
    int powerLimitMilliwatts(int index);

    /** Shuts NVML down. */
    @Override
    void close();
}
