package dev.verdant.app.live;

import org.jfree.chart.JFreeChart;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * Bounds how much of the FX thread chart redraws may take. A changed chart is redrawn at most every
 * {@link #MIN_INTERVAL_NANOS} (20 Hz), and after a redraw that took {@code d} not again for {@link #FACTOR}
 * x {@code d}: on a slow machine (software rendering, busy cores) charts update less often instead of freezing the
 * window. While a redraw is deferred the chart's notifications stay off, so data changes cost nothing.
 */
final class RedrawThrottle {

    static final long MIN_INTERVAL_NANOS = 50_000_000L;
    static final int FACTOR = 4;

    private final LongSupplier clock;
    private final Map<JFreeChart, Long> nextAllowed = new HashMap<>();
    private final Set<JFreeChart> pending = new LinkedHashSet<>();

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

    /** Redraws the pending charts whose time has come (turning notifications back on draws them once). */
    void flush() {
        var it = pending.iterator();
        while (it.hasNext()) {
            JFreeChart c = it.next();
            long now = clock.getAsLong();
            if (now < nextAllowed.getOrDefault(c, 0L)) {
                continue;
            }
            it.remove();
            c.setNotify(true);
            long took = clock.getAsLong() - now;
            nextAllowed.put(c, now + Math.max(MIN_INTERVAL_NANOS, FACTOR * took));
        }
    }

    /** Redraws every pending chart now (e.g. before a snapshot or export). */
    void flushAll() {
        pending.forEach(c -> c.setNotify(true));
        pending.clear();
    }

    boolean isPending(JFreeChart chart) {
        return pending.contains(chart);
    }
}
