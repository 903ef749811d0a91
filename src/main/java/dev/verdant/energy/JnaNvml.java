package dev.verdant.energy;

import com.sun.jna.Library;
import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.LongByReference;
import com.sun.jna.ptr.PointerByReference;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * {@link Nvml} bound to the NVIDIA driver's library through JNA: {@code libnvidia-ml.so.1} on Linux,
 * {@code nvml.dll} on Windows. Nothing is linked at build time; a machine without the driver gets an
 * {@link UnsatisfiedLinkError} from {@link #load()}, which {@link NvmlProbe} turns into a reason.
 */
final class JnaNvml implements Nvml {

    /** The C functions used, with NVML's own names (the {@code _v2} entry points exist since driver 325). */
    interface Lib extends Library {
        int nvmlInit_v2();

        int nvmlShutdown();

        int nvmlDeviceGetCount_v2(IntByReference count);

        int nvmlDeviceGetHandleByIndex_v2(int index, PointerByReference device);

        int nvmlDeviceGetName(Pointer device, byte[] name, int length);

        int nvmlDeviceGetTotalEnergyConsumption(Pointer device, LongByReference millijoules);

        int nvmlDeviceGetPowerUsage(Pointer device, IntByReference milliwatts);

        /** Fills an {@code nvmlUtilization_t} (two unsigned ints: gpu, memory); passed as raw memory. */
        int nvmlDeviceGetUtilizationRates(Pointer device, Pointer utilization);

        int nvmlDeviceGetEnforcedPowerLimit(Pointer device, IntByReference milliwatts);

        String nvmlErrorString(int result);
    }

    /** Library names tried in order; the versioned name needs no development symlink. */
    static List<String> defaultNames() {
        return Platform.isWindows() ? List.of("nvml") : List.of("libnvidia-ml.so.1", "nvidia-ml");
    }

    private final Lib lib;
    private final List<Pointer> handles = new ArrayList<>();

    private JnaNvml(Lib lib) {
        this.lib = lib;
        check(lib.nvmlInit_v2(), "nvmlInit");
        IntByReference count = new IntByReference();
        check(lib.nvmlDeviceGetCount_v2(count), "nvmlDeviceGetCount");
        for (int i = 0; i < count.getValue(); i++) {
            PointerByReference h = new PointerByReference();
            check(lib.nvmlDeviceGetHandleByIndex_v2(i, h), "nvmlDeviceGetHandleByIndex(" + i + ")");
            handles.add(h.getValue());
        }
    }

    /** Loads and initialises NVML from the system's usual names. */
    static Nvml load() {
        return load(defaultNames());
    }

    /**
     * Loads and initialises NVML from the first of {@code names} that the dynamic linker finds.
     *
     * @throws UnsatisfiedLinkError naming every library tried when none loads
     */
    static Nvml load(List<String> names) {
        StringBuilder tried = new StringBuilder();
        for (String name : names) {
            Lib lib;
            try {
                lib = Native.load(name, Lib.class);
            } catch (UnsatisfiedLinkError e) {
                tried.append(tried.length() == 0 ? "" : ", ").append(name);
                continue;
            }
            return new JnaNvml(lib);
        }
        throw new UnsatisfiedLinkError("NVIDIA management library not found (tried " + tried + ")");
    }

    private void check(int result, String call) {
        if (result != 0) {
            String text;
            try {
                text = lib.nvmlErrorString(result);
            } catch (RuntimeException | UnsatisfiedLinkError e) {
                text = "error";
            }
            throw new NvmlException(result, call + ": " + text);
        }
    }

    private Pointer handle(int index) {
        return handles.get(index);
    }

    @Override
    public int deviceCount() {
        return handles.size();
    }

    @Override
    public String name(int index) {
        byte[] buf = new byte[96]; // NVML_DEVICE_NAME_V2_BUFFER_SIZE
        check(lib.nvmlDeviceGetName(handle(index), buf, buf.length), "nvmlDeviceGetName");
        int len = 0;
        while (len < buf.length && buf[len] != 0) {
            len++;
        }
        return new String(buf, 0, len, StandardCharsets.UTF_8);
    }

    @Override
    public long totalEnergyMillijoules(int index) {
        LongByReference mj = new LongByReference();
        check(lib.nvmlDeviceGetTotalEnergyConsumption(handle(index), mj), "nvmlDeviceGetTotalEnergyConsumption");
        return mj.getValue();
    }

    @Override
    public int powerMilliwatts(int index) {
        IntByReference mw = new IntByReference();
        check(lib.nvmlDeviceGetPowerUsage(handle(index), mw), "nvmlDeviceGetPowerUsage");
        return mw.getValue();
    }

    @Override
    public int utilizationPercent(int index) {
        try (Memory m = new Memory(8)) {
            check(lib.nvmlDeviceGetUtilizationRates(handle(index), m), "nvmlDeviceGetUtilizationRates");
            return m.getInt(0);
        }
    }

    @Override
    public int powerLimitMilliwatts(int index) {
        IntByReference mw = new IntByReference();
        check(lib.nvmlDeviceGetEnforcedPowerLimit(handle(index), mw), "nvmlDeviceGetEnforcedPowerLimit");
        return mw.getValue();
    }

    @Override
    public void close() {
        lib.nvmlShutdown();
    }
}
