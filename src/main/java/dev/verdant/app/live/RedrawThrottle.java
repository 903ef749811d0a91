package dev.verdant.app.live;

import org.jfree.chart.JFreeChart;

import java.util.Set;
import java.util.function.LongSupplier;

/**
 * Bounds how much of the FX thread chart redraws may take. Changed charts are redrawn together at most every
 * {@link #MIN_INTERVAL_NANOS} (10 Hz: smooth enough for training curves, and each redraw also costs the render
 * thread a rasterisation, which is slow without a GPU), and after redraws that took {@code d} in all, not again for {@link #FACTOR}
 * x {@code d}: chart drawing stays under ~1/(1+FACTOR) of the FX thread's time, so on a slow machine (software
 * rendering, busy cores) charts update less often instead of freezing the window. While a redraw is deferred the
 * chart's notifications stay off, so data changes cost nothing.
 */
final class RedrawThrottle {

    static final long MIN_INTERVAL_NANOS = 100_000_000L;
    static final int FACTOR = 4;

    private final LongSupplier clock;
    // identity, not equals: JFreeChart's equals and hashCode look at its content, which changes with the data
    private final Set<JFreeChart> pending = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
    private long nextAllowed;
    private long redraws;

    RedrawThrottle(LongSupplier clock) {
        this.clock = clock;
    }

    /** Call before changing the charts' data: their redraws wait for {@link #flush}. */
    void beginUpdate(Set<JFreeChart> charts) {
        for (JFreeChart c : charts) {
            if (pending.add(c)) {
                c.setNotify(false);
            }
        }
    }

    /** Redraws the pending charts if their time has come (turning notifications back on draws each once). */
    void flush() {
        long now = clock.getAsLong();
        if (pending.isEmpty() || now < nextAllowed) {
            return;
        }
        for (JFreeChart c : pending) {
            c.setNotify(true);
            redraws++;
        }
        pending.clear();
        long took = clock.getAsLong() - now;
        nextAllowed = now + Math.max(MIN_INTERVAL_NANOS, FACTOR * took);
    }

    /** Redraws every pending chart now (e.g. before a snapshot). */
    void flushAll() {
        nextAllowed = 0;
        flush();
    }

    boolean isPending(JFreeChart chart) {
        return pending.contains(chart);
    }

    /** Chart redraws so far (for the benchmark). */
    long redraws() {
        return redraws;
    }
}
