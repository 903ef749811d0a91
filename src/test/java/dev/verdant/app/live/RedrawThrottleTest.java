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
}
