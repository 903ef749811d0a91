package dev.verdant.energy;

import java.util.HashMap;
import java.util.Map;

/**
 * A machine-level counter (RAPL) shared between the runs of this process: while other runs are active, this run
 * is charged with the counter's increase times its share of the runs' CPU time ({@link RunCpuClock}) in each
 * interval; alone, it gets the whole increase, as before. Once a share was applied, the method says so:
 * {@code measured:rapl (shared by CPU time)}.
 */
public final class CpuShareProbe implements EnergyProbe {

    private final EnergyProbe counter;
    private final RunCpuClock clock;
    private final Map<RunCpuClock, Long> lastNanos = new HashMap<>();
    private double lastCounter = Double.NaN;
    private double charged;
    private volatile boolean shared;

    /** Shares {@code counter} (a machine-level probe) for the run clocked by {@code clock}. */
    public CpuShareProbe(EnergyProbe counter, RunCpuClock clock) {
        this.counter = counter;
        this.clock = clock;
    }

    @Override
    public String name() {
        return counter.name();
    }

    @Override
    public Hardware hardware() {
        return counter.hardware();
    }

    @Override
    public String unavailableReason() {
        return counter.unavailableReason();
    }

    @Override
    public String method() {
        return shared ? counter.method() + " (shared by CPU time)" : counter.method();
    }

    @Override
    public String covers() {
        return counter.covers() + "; split by CPU time between runs that overlap";
    }

    /** Whether another run overlapped this one, so that only a share of the counter was charged. */
    public boolean shared() {
        return shared;
    }

    @Override
    public synchronized double readJoules() {
        double now = counter.readJoules();
        long own = 0;
        long all = 0;
        int runs = 0;
        for (RunCpuClock c : RunCpuClock.active()) {
            long ns = c.nanos();
            Long before = lastNanos.put(c, ns);
            long delta = before == null ? 0 : Math.max(0, ns - before);
            all += delta;
            runs++;
            if (c == clock) {
                own = delta;
            }
        }
        lastNanos.keySet().retainAll(RunCpuClock.active());
        if (!Double.isNaN(lastCounter)) {
            double increase = now - lastCounter;
            if (runs > 1) {
                shared = true;
                // no CPU time in the interval (all waiting): split evenly rather than charge each run in full
                charged += all > 0 ? increase * own / all : increase / runs;
            } else {
                charged += increase;
            }
        }
        lastCounter = now;
        return charged;
    }

    @Override
    public void close() {
        counter.close();
    }
}
