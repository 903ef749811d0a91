package dev.verdant.energy;

import dev.verdant.result.Phase;
import dev.verdant.result.PowerSample;
import dev.verdant.result.ProbeStatus;
import dev.verdant.spec.EnergySpec;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Meters a run's energy by phase. The probe chain is tried in order and the first available probe of each
 * {@link EnergyProbe.Hardware} kind is used (RAPL before the estimator for the CPU; NVML for GPUs), their
 * joules added. Phase energy is read from the probes at {@link #begin} and {@link #end} themselves, so it does
 * not depend on the sampling rate; the daemon sampler only feeds the power history and listeners.
 *
 * <p>{@link #method()} joins the chosen probes' methods with {@code +}, e.g. {@code measured:rapl+measured:nvml};
 * with idle subtraction it ends in {@code " (idle-subtracted)"} and {@link #idleWatts()} gives the baseline.
 *
 * <p>Thread-safe: the training thread calls begin/end while the sampler reads.
 */
public final class EnergyMeter implements AutoCloseable {

    /** Phase label of power samples taken while no phase is open. */
    public static final String NO_PHASE = "none";

    /** Seconds of idle measurement before the run when {@code energy.subtractIdle} is set. */
    public static final double DEFAULT_IDLE_SECONDS = 3.0;

    private static final String IDLE_SUFFIX = " (idle-subtracted)";

    /** Beyond this many samples the history halves its resolution, bounding memory on long runs. */
    static final int MAX_HISTORY = 100_000;

    private final List<EnergyProbe> chosen;
    private final List<ProbeStatus> statuses;
    private final String method;
    private final double idleWatts;
    private final long startNanos;
    private final Map<String, Double> phaseJoules = new LinkedHashMap<>();
    private final double[] lastJoules;
    private final List<PowerSample> history = new ArrayList<>();
    private final List<Consumer<PowerSample>> listeners = new CopyOnWriteArrayList<>();
    private final Thread sampler;
    private final List<EnergyProbe> owned;

    private String openPhase;
    private long openNanos;
    private double openRawJoules;
    private double endedSeconds;
    private double lastRaw;
    private long lastSampleNanos;
    private volatile boolean closed;

    private EnergyMeter(EnergySpec spec, List<EnergyProbe> probes, double idleSeconds, boolean ownsProbes) {
        this.owned = ownsProbes ? List.copyOf(probes) : List.of();
        this.statuses = probes.stream().map(EnergyProbe::status).toList();
        Map<EnergyProbe.Hardware, EnergyProbe> best = new EnumMap<>(EnergyProbe.Hardware.class);
        for (EnergyProbe p : probes) {
            if (p.available()) {
                best.putIfAbsent(p.hardware(), p);
            }
        }
        this.chosen = List.copyOf(best.values());
        this.lastJoules = new double[chosen.size()];
        String m = chosen.isEmpty() ? "none" : chosen.stream().map(EnergyProbe::method).collect(Collectors.joining("+"));
        double raw0 = readRaw();
        if (spec.subtractIdle() && !chosen.isEmpty()) {
            long t0 = System.nanoTime();
            sleepNanos((long) (idleSeconds * 1e9));
            double j = readRaw() - raw0;
            idleWatts = j / ((System.nanoTime() - t0) / 1e9);
            m += IDLE_SUFFIX;
        } else {
            idleWatts = 0;
        }
        this.method = m;
        this.startNanos = System.nanoTime();
        this.lastSampleNanos = startNanos;
        this.lastRaw = readRaw();
        long periodNanos = (long) (1e9 / spec.sampleHz());
        this.sampler = new Thread(() -> sampleLoop(periodNanos), "verdant-energy-sampler");
        sampler.setDaemon(true);
        sampler.start();
    }

    /**
     * Meters the run whose work happens on the calling thread with this machine's default chain ({@code rapl},
     * {@code nvml}, {@code estimator}; see {@link #runProbes()}), measuring an idle baseline first when
     * {@code spec.subtractIdle()}; the sampler runs at {@code spec.sampleHz()}. The meter owns these probes and
     * closes them.
     */
    public static EnergyMeter start(EnergySpec spec) {
        List<EnergyProbe> probes = runProbes();
        try {
            return new EnergyMeter(spec, probes, DEFAULT_IDLE_SECONDS, true);
        } catch (RuntimeException e) {
            // the run's CPU clock is registered as active: left open, every later run would seem to overlap it
            probes.forEach(EnergyProbe::close);
            throw e;
        }
    }

    /**
     * The default chain attributed to the run on the calling thread: the estimator charges only the run's CPU
     * time ({@link RunCpuClock}), and RAPL, a machine-level counter, is split by CPU time while other runs
     * overlap ({@link CpuShareProbe}). Where per-thread times are not readable, the same as {@link #defaultProbes()}.
     */
    public static List<EnergyProbe> runProbes() {
        RunCpuClock clock = RunCpuClock.forCurrentThread().orElse(null);
        if (clock == null) {
            return defaultProbes();
        }
        return List.of(new CpuShareProbe(new RaplProbe(), clock), new NvmlProbe(), CpuEstimatorProbe.forRun(clock));
    }

    /** Meters with an explicit probe chain (first available per hardware kind wins); the caller owns the probes. */
    public static EnergyMeter start(EnergySpec spec, List<EnergyProbe> probes) {
        return new EnergyMeter(spec, probes, DEFAULT_IDLE_SECONDS, false);
    }

    /** As {@link #start(EnergySpec, List)} with a chosen idle-baseline length (tests keep it short). */
    public static EnergyMeter start(EnergySpec spec, List<EnergyProbe> probes, double idleSeconds) {
        return new EnergyMeter(spec, probes, idleSeconds, false);
    }

    /** The default chain for this machine: RAPL, NVML, then the always-available estimator. */
    public static List<EnergyProbe> defaultProbes() {
        return List.of(new RaplProbe(), new NvmlProbe(), new CpuEstimatorProbe());
    }

    /** Opens {@code phase}, first ending any open phase. */
    public synchronized void begin(Phase phase) {
        end();
        openPhase = phase.label();
        openNanos = System.nanoTime();
        openRawJoules = readRaw();
    }

    /**
     * Opens the phase labelled {@code label} ({@code train}, {@code eval}, {@code compress}, {@code inference});
     * an unknown label throws {@link IllegalArgumentException}.
     */
    public void begin(String label) {
        begin(Phase.fromLabel(label));
    }

    /** Ends the open phase and returns its joules (idle baseline subtracted when configured); 0 if none is open. */
    public synchronized double end() {
        if (openPhase == null) {
            return 0;
        }
        long now = System.nanoTime();
        double j = netJoules(readRaw() - openRawJoules, (now - openNanos) / 1e9);
        phaseJoules.merge(openPhase, j, Double::sum);
        endedSeconds += (now - openNanos) / 1e9;
        openPhase = null;
        return j;
    }

    /** The open phase, or null. */
    public synchronized String currentPhase() {
        return openPhase;
    }

    /** Joules of every ended phase plus the open one so far. */
    public synchronized double totalJoules() {
        double sum = phaseJoules.values().stream().mapToDouble(Double::doubleValue).sum();
        return sum + openJoules();
    }

    /** Joules of one phase, all its begin/end spans together (the open span included). */
    public synchronized double joules(Phase phase) {
        String label = phase.label();
        double j = phaseJoules.getOrDefault(label, 0.0);
        return label.equals(openPhase) ? j + openJoules() : j;
    }

    /** {@link #joules(Phase)} of the phase labelled {@code label}. */
    public double joules(String label) {
        return joules(Phase.fromLabel(label));
    }

    /** Wall seconds metered: the time spent inside phases (so that {@link #averageWatts()} is their mean power). */
    public synchronized double elapsedSeconds() {
        return endedSeconds + (openPhase == null ? 0 : (System.nanoTime() - openNanos) / 1e9);
    }

    /** {@link #totalJoules()} / {@link #elapsedSeconds()}; 0 before any phase. */
    public synchronized double averageWatts() {
        double s = elapsedSeconds();
        return s > 0 ? totalJoules() / s : 0;
    }

    /**
     * How the figures are obtained, e.g. {@code estimated:cpu-tdp} or {@code measured:rapl (idle-subtracted)};
     * a shared counter adds {@code (shared by CPU time)} once another run overlapped this one.
     */
    public String method() {
        String shared = chosen.stream().anyMatch(p -> p instanceof CpuShareProbe s && s.shared())
                ? chosen.stream().map(EnergyProbe::method).collect(Collectors.joining("+"))
                : null;
        if (shared == null) {
            return method;
        }
        return method.endsWith(IDLE_SUFFIX) ? shared + IDLE_SUFFIX : shared;
    }

    /** The idle baseline in watts that is subtracted (0 without {@code energy.subtractIdle}). */
    public double idleWatts() {
        return idleWatts;
    }

    /** Every probe tried, available or not, with its reason. */
    public List<ProbeStatus> probeStatuses() {
        return statuses;
    }

    /** Power history, averaged into at most {@code maxPoints} points (seconds since start, watts, phase, method). */
    public List<PowerSample> powerSamples(int maxPoints) {
        List<PowerSample> all;
        synchronized (history) {
            all = new ArrayList<>(history);
        }
        return downsample(all, maxPoints);
    }

    /** Calls {@code listener} on the sampler thread with every sample; it must be quick (the UI throttles). */
    public void addPowerListener(Consumer<PowerSample> listener) {
        listeners.add(listener);
    }

    /** Stops the sampler (an open phase stays readable) and closes the probes this meter created. */
    @Override
    public void close() {
        closed = true;
        LockSupport.unpark(sampler);
        try {
            sampler.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        owned.forEach(EnergyProbe::close);
    }

    private double openJoules() {
        if (openPhase == null) {
            return 0;
        }
        return netJoules(readRaw() - openRawJoules, (System.nanoTime() - openNanos) / 1e9);
    }

    private double netJoules(double raw, double seconds) {
        return Math.max(0, raw - idleWatts * seconds);
    }

    /** Sum of the chosen probes' counters; a probe whose read fails keeps its last good value. */
    private double readRaw() {
        synchronized (lastJoules) {
            double sum = 0;
            for (int i = 0; i < chosen.size(); i++) {
                try {
                    lastJoules[i] = chosen.get(i).readJoules();
                } catch (RuntimeException e) {
                    // a transient sysfs or driver hiccup: under-count this interval rather than stop metering
                }
                sum += lastJoules[i];
            }
            return sum;
        }
    }

    private void sampleLoop(long periodNanos) {
        long next = System.nanoTime() + periodNanos;
        while (!closed) {
            long wait = next - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(this, wait);
                continue; // re-check: parkNanos may return early or on close()
            }
            next += periodNanos;
            if (next < System.nanoTime()) {
                next = System.nanoTime() + periodNanos; // fell behind (suspended machine): do not burst
            }
            sample();
        }
    }

    private void sample() {
        String phase;
        synchronized (this) {
            phase = openPhase == null ? NO_PHASE : openPhase;
        }
        long now = System.nanoTime();
        double raw = readRaw();
        double dt = (now - lastSampleNanos) / 1e9;
        if (dt <= 0) {
            return;
        }
        double watts = Math.max(0, (raw - lastRaw) / dt - idleWatts);
        lastRaw = raw;
        lastSampleNanos = now;
        PowerSample s = new PowerSample((now - startNanos) / 1e9, watts, phase, method);
        synchronized (history) {
            history.add(s);
            if (history.size() > MAX_HISTORY) {
                List<PowerSample> half = downsample(history, MAX_HISTORY / 2);
                history.clear();
                history.addAll(half);
            }
        }
        for (Consumer<PowerSample> l : listeners) {
            try {
                l.accept(s);
            } catch (RuntimeException e) {
                // a failing listener must not stop the metering of the run
            }
        }
    }

    /** Averages consecutive samples into {@code maxPoints} buckets; a bucket keeps its last sample's phase. */
    static List<PowerSample> downsample(List<PowerSample> all, int maxPoints) {
        if (maxPoints <= 0) {
            return List.of();
        }
        if (all.size() <= maxPoints) {
            return List.copyOf(all);
        }
        List<PowerSample> out = new ArrayList<>(maxPoints);
        for (int b = 0; b < maxPoints; b++) {
            int from = (int) ((long) b * all.size() / maxPoints);
            int to = (int) ((long) (b + 1) * all.size() / maxPoints);
            double s = 0;
            double w = 0;
            for (int i = from; i < to; i++) {
                s += all.get(i).seconds();
                w += all.get(i).watts();
            }
            PowerSample last = all.get(to - 1);
            out.add(new PowerSample(s / (to - from), w / (to - from), last.phase(), last.method()));
        }
        return out;
    }

    private static void sleepNanos(long nanos) {
        long end = System.nanoTime() + nanos;
        for (long left = nanos; left > 0; left = end - System.nanoTime()) {
            LockSupport.parkNanos(left);
        }
    }
}
