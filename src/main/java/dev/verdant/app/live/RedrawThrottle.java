package dev.verdant.app.live;

import org.jfree.chart.JFreeChart;

import java.util.Set;
import java.util.function.LongSupplier;

/**
 * Bounds how much CPU chart redraws may take. Changed charts are redrawn together at most every
 * {@link #MIN_INTERVAL_NANOS} (10 Hz: smooth enough for training curves), and after a redraw that cost {@code d} in
 * all, not again for {@link #FACTOR} x {@code d} (at most {@link #MAX_INTERVAL_NANOS}): chart work stays under
 * ~1/(1+FACTOR) of a core, so on a slow machine charts update less often instead of stalling the window.
 *
 * <p>The cost counts both threads a redraw occupies: the FX thread, which records the chart's drawing commands (a few
 * ms), and the render thread, which rasterises them. Without a GPU (software rendering, as under Xvfb or in a VM)
 * rasterising a chart takes tens of ms; while it runs, the next pulse waits for it, so each redraw was one long pulse
 * (issue 20). The render thread's CPU time since the last redraw is that part of the cost. While a redraw is
 * deferred the chart's notifications stay off, so data changes cost nothing.
 */
final class RedrawThrottle {

    static final long MIN_INTERVAL_NANOS = 100_000_000L;
    static final long MAX_INTERVAL_NANOS = 1_000_000_000L;
    static final int FACTOR = 8;

    private final LongSupplier clock;
    private final LongSupplier renderCpu;
    // identity, not equals: JFreeChart's equals and hashCode look at its content, which changes with the data
    private final Set<JFreeChart> pending = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
    private long lastFlush = Long.MIN_VALUE;
    private long lastFxNanos;
    private long renderAtFlush;
    private long redraws;

    /** A throttle that counts only the FX thread's drawing (tests). */
    RedrawThrottle(LongSupplier clock) {
        this(clock, () -> 0L);
    }

    /**
     * @param clock     nanoseconds, monotonic
     * @param renderCpu the render thread's CPU time so far in nanoseconds (0 when it cannot be read)
     */
    RedrawThrottle(LongSupplier clock, LongSupplier renderCpu) {
        this.clock = clock;
        this.renderCpu = renderCpu;
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
        if (pending.isEmpty() || now < nextAllowed()) {
            return;
        }
        for (JFreeChart c : pending) {
            c.setNotify(true);
            redraws++;
        }
        pending.clear();
        lastFxNanos = clock.getAsLong() - now;
        lastFlush = now;
        renderAtFlush = renderCpu.getAsLong();
    }

    /** When the next redraw may come: the last one's cost so far (FX and render thread) times {@link #FACTOR}. */
    long nextAllowed() {
        if (lastFlush == Long.MIN_VALUE) {
            return Long.MIN_VALUE;
        }
        long rendered = Math.max(0, renderCpu.getAsLong() - renderAtFlush);
        long wait = Math.max(MIN_INTERVAL_NANOS, FACTOR * (lastFxNanos + rendered));
        return lastFlush + Math.min(MAX_INTERVAL_NANOS, wait);
    }

    /** Redraws every pending chart now (e.g. before a snapshot). */
    void flushAll() {
        lastFlush = Long.MIN_VALUE;
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
