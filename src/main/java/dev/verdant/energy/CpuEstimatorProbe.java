package dev.verdant.energy;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.DoubleSupplier;
import java.util.function.LongSupplier;

/**
 * The always-available estimate ({@code estimated:cpu-tdp}) for machines without counters, e.g. virtual
 * machines. CPU energy = CPU time (not wall time) x active power per thread, from the CPU model's TDP
 * ({@link CpuTdpTable}); a thread that sleeps costs next to nothing. For a run ({@link #forRun}) the CPU time is
 * the run's own ({@link RunCpuClock}: its thread and its share of libtorch's compute threads, not the window,
 * the GC or other runs); otherwise, and where Linux's per-thread times are not readable, the whole process's.
 * Memory power =
 * {@value #RAM_WATTS_PER_GB} W per GB of this process's resident memory, integrated over wall time (the
 * 3 W per 8 GB model CodeCarbon used until 2.x). Expect errors of tens of percent: TDP is a thermal rating,
 * not a power reading, and idle package power, turbo and shared caches are not modelled.
 */
public final class CpuEstimatorProbe implements EnergyProbe {

    /** Memory power per GB in use: 3 W per 8 GB, CodeCarbon's RAM model up to version 2.x. */
    public static final double RAM_WATTS_PER_GB = 0.375;

    private static final long RAM_REFRESH_NANOS = 1_000_000_000L;

    private final CpuTdpTable.Entry cpu;
    private final LongSupplier cpuNanos;
    private final DoubleSupplier ramGb;
    private final LongSupplier wallNanos;
    private final long cpuNanos0;
    private final RunCpuClock runClock;
    private long lastWall;
    private double ramJoules;
    private double lastRamGb;
    private long lastRamRead;

    /** Estimates this JVM process on this machine. */
    public CpuEstimatorProbe() {
        this(CpuTdpTable.bundled().lookup(cpuModelName()), CpuEstimatorProbe::processCpuNanos,
                CpuEstimatorProbe::residentGb, System::nanoTime);
    }

    /**
     * An estimator over explicit sources: the CPU entry, a cumulative process CPU-time clock (ns), resident
     * memory in GB and a wall clock (ns).
     */
    public CpuEstimatorProbe(CpuTdpTable.Entry cpu, LongSupplier cpuNanos, DoubleSupplier ramGb, LongSupplier wallNanos) {
        this(cpu, cpuNanos, ramGb, wallNanos, null);
    }

    private CpuEstimatorProbe(CpuTdpTable.Entry cpu, LongSupplier cpuNanos, DoubleSupplier ramGb,
                              LongSupplier wallNanos, RunCpuClock runClock) {
        this.runClock = runClock;
        this.cpu = cpu;
        this.cpuNanos = cpuNanos;
        this.ramGb = ramGb;
        this.wallNanos = wallNanos;
        this.cpuNanos0 = cpuNanos.getAsLong();
        this.lastWall = wallNanos.getAsLong();
        this.lastRamGb = ramGb.getAsDouble();
        this.lastRamRead = lastWall;
    }

    /**
     * Estimates the run clocked by {@code clock} (which this probe then owns and closes); a null clock estimates
     * the whole process.
     */
    public static CpuEstimatorProbe forRun(RunCpuClock clock) {
        CpuTdpTable.Entry cpu = CpuTdpTable.bundled().lookup(cpuModelName());
        return clock == null ? new CpuEstimatorProbe()
                : new CpuEstimatorProbe(cpu, clock::nanos, CpuEstimatorProbe::residentGb, System::nanoTime, clock);
    }

    /** Whether CPU time is this run's own (true) or the whole process's (false). */
    public boolean perRun() {
        return runClock != null;
    }

    @Override
    public void close() {
        if (runClock != null) {
            runClock.close();
        }
    }

    @Override
    public String name() {
        return "estimator";
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
        return "estimated:cpu-tdp";
    }

    @Override
    public String covers() {
        return (runClock != null ? "this run's CPU time (its thread and its share of libtorch's threads)"
                : "this process's CPU time") + " x " + cpu.describe() + " + " + RAM_WATTS_PER_GB
                + " W per GB of resident memory; an estimate, often off by tens of percent";
    }

    /** The CPU entry the estimate uses. */
    public CpuTdpTable.Entry cpu() {
        return cpu;
    }

    @Override
    public synchronized double readJoules() {
        long now = wallNanos.getAsLong();
        if (now - lastRamRead >= RAM_REFRESH_NANOS) {
            // resident memory changes slowly; reading it once a second halves the sampler's cost at 10 Hz
            lastRamGb = ramGb.getAsDouble();
            lastRamRead = now;
        }
        ramJoules += lastRamGb * RAM_WATTS_PER_GB * (now - lastWall) / 1e9;
        lastWall = now;
        double cpuSeconds = (cpuNanos.getAsLong() - cpuNanos0) / 1e9;
        return cpuSeconds * cpu.wattsPerThread() + ramJoules;
    }

    /** The CPU model name from {@code /proc/cpuinfo}, Windows' environment, or the JVM's architecture. */
    public static String cpuModelName() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.toLowerCase(Locale.ROOT).startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux: fall through to the other sources
        }
        String win = System.getenv("PROCESSOR_IDENTIFIER");
        return win != null ? win : System.getProperty("os.arch", "unknown");
    }

    /** CPU time of the whole process in ns, from the JDK's OS bean (all threads, native ones included). */
    static long processCpuNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            long t = os.getProcessCpuTime();
            if (t >= 0) {
                return t;
            }
        }
        // Without the JDK bean: the JVM's own threads only (misses native threads, e.g. libtorch's).
        var threads = ManagementFactory.getThreadMXBean();
        long sum = 0;
        for (long id : threads.getAllThreadIds()) {
            sum += Math.max(0, threads.getThreadCpuTime(id));
        }
        return sum;
    }

    /** Resident memory of this process in GB: {@code /proc/self/statm} on Linux, else the Java heap in use. */
    static double residentGb() {
        try {
            String[] f = Files.readString(Path.of("/proc/self/statm")).trim().split("\\s+");
            return Long.parseLong(f[1]) * 4096.0 / 1e9; // pages of 4 KiB, the x86-64 and arm64 Linux default
        } catch (IOException | RuntimeException e) {
            Runtime rt = Runtime.getRuntime();
            return (rt.totalMemory() - rt.freeMemory()) / 1e9;
        }
    }
}
