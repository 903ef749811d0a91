package dev.verdant.energy;

import java.util.List;

/** NVML behind the same interface as the JNA binding: the hardware edge, with settable readings. */
final class FakeNvml implements Nvml {
    final List<String> names;
    final boolean energyCounter;
    final boolean powerReading;
    long[] energyMj;
    int[] powerMw;
    int utilization = 50;
    int limitMw = 300_000;
    boolean closed;

    FakeNvml(List<String> names, boolean energyCounter, boolean powerReading) {
        this.names = names;
        this.energyCounter = energyCounter;
        this.powerReading = powerReading;
        this.energyMj = new long[names.size()];
        this.powerMw = new int[names.size()];
    }

    @Override
    public int deviceCount() {
        return names.size();
    }

    @Override
    public String name(int index) {
        return names.get(index);
    }

    @Override
    public long totalEnergyMillijoules(int index) {
        if (!energyCounter) {
            throw new NvmlException(NvmlException.NOT_SUPPORTED, "nvmlDeviceGetTotalEnergyConsumption: Not Supported");
        }
        return energyMj[index];
    }

    @Override
    public int powerMilliwatts(int index) {
        if (!powerReading) {
            throw new NvmlException(NvmlException.NOT_SUPPORTED, "nvmlDeviceGetPowerUsage: Not Supported");
        }
        return powerMw[index];
    }

    @Override
    public int utilizationPercent(int index) {
        return utilization;
    }

    @Override
    public int powerLimitMilliwatts(int index) {
        return limitMw;
    }

    @Override
    public void close() {
        closed = true;
    }
}
