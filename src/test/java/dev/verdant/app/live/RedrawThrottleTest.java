package dev.verdant.app.live;

import org.jfree.chart.JFreeChart;
import org.jfree.chart.event.ChartChangeListener;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.junit.jupiter.api.Test;

import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RedrawThrottleTest {

    private final AtomicLong clock = new AtomicLong(1_000_000_000L);
    private final RedrawThrottle throttle = new RedrawThrottle(clock::get);

    @Test
    void manyDataChangesCostOneRedrawPerChartAndRedrawsAreSpacedOut() {
        XYSeries series = new XYSeries("s");
        JFreeChart chart = Charts.xyChart("t", "x", "y", new XYSeriesCollection(series));
        AtomicInteger redraws = new AtomicInteger();
        ChartChangeListener counter = e -> redraws.incrementAndGet();
        chart.addChangeListener(counter);

        throttle.beginUpdate(Set.of(chart));
        for (int i = 0; i < 100; i++) {
            series.add(i, i); // notifications are off: no redraw per point
        }
        assertEquals(0, redraws.get());
        throttle.flush();
        assertEquals(1, redraws.get());

        throttle.beginUpdate(Set.of(chart));
        series.add(100, 100);
        clock.addAndGet(RedrawThrottle.MIN_INTERVAL_NANOS / 2);
        throttle.flush();
        assertEquals(1, redraws.get(), "too soon after the last redraw");
        assertTrue(throttle.isPending(chart));
        clock.addAndGet(RedrawThrottle.MIN_INTERVAL_NANOS / 2);
        throttle.flush();
        assertEquals(2, redraws.get());
        assertFalse(throttle.isPending(chart));
        assertEquals(2, throttle.redraws());
    }

    @Test
    void theRenderThreadsRasterisingCountsTowardsTheWaitSoSlowRenderingMeansFewerRedraws() {
        AtomicLong render = new AtomicLong();
        RedrawThrottle t = new RedrawThrottle(clock::get, render::get);
        XYSeries series = new XYSeries("s");
        JFreeChart chart = Charts.xyChart("t", "x", "y", new XYSeriesCollection(series));
        AtomicInteger redraws = new AtomicInteger();
        chart.addChangeListener(e -> redraws.incrementAndGet());

        // a pump at 20 Hz with new data every tick, for 2 simulated seconds; each redraw costs the render thread
        // 40 ms (software rasterising): at most one redraw per FACTOR x 40 ms, not one per MIN_INTERVAL
        for (int tick = 0; tick < 40; tick++) {
            t.beginUpdate(Set.of(chart));
            series.add(tick, tick);
            int before = redraws.get();
            t.flush();
            if (redraws.get() > before) {
                render.addAndGet(40_000_000L);
            }
            clock.addAndGet(50_000_000L);
        }
        long wait = RedrawThrottle.FACTOR * 40_000_000L;
        assertTrue(wait > RedrawThrottle.MIN_INTERVAL_NANOS);
        long allowed = 1 + (2_000_000_000L - 1) / (((wait + 49_999_999L) / 50_000_000L) * 50_000_000L);
        assertEquals(allowed, redraws.get(), "one redraw per " + wait / 1e6 + " ms (rounded up to pump ticks)");
        assertTrue(redraws.get() < 2_000_000_000L / RedrawThrottle.MIN_INTERVAL_NANOS / 2);
    }

    @Test
    void aVerySlowRenderStillLetsTheChartsUpdateOnceASecond() {
        AtomicLong render = new AtomicLong();
        RedrawThrottle t = new RedrawThrottle(clock::get, render::get);
        JFreeChart chart = Charts.xyChart("t", "x", "y", new XYSeriesCollection(new XYSeries("s")));
        t.beginUpdate(Set.of(chart));
        t.flush();
        render.addAndGet(5_000_000_000L); // e.g. a huge window rasterised without a GPU
        t.beginUpdate(Set.of(chart));
        clock.addAndGet(RedrawThrottle.MAX_INTERVAL_NANOS - 1);
        t.flush();
        assertTrue(t.isPending(chart));
        clock.addAndGet(1);
        t.flush();
        assertFalse(t.isPending(chart), "redrawn after at most MAX_INTERVAL");
        assertEquals(2, t.redraws());
    }
}
