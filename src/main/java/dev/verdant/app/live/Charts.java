package dev.verdant.app.live;

import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.labels.XYToolTipGenerator;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.SamplingXYLineRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYDataset;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;

/**
 * Builds the four live charts over a {@link LiveChartsViewModel}'s datasets. Long series (batch loss, power) use
 * {@link SamplingXYLineRenderer}, which draws one vertical span per pixel column: a 10k-point line costs ~20 ms
 * instead of ~100 ms with the default renderer.
 */
public final class Charts {

    /** Dominated runs on the Pareto chart. */
    public static final Color GREY = new Color(160, 160, 160);

    /** Run colours, picked for contrast on white and on dark grey. */
    private static final Color[] RUN_COLOURS = {new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c),
        new Color(0xff7f0e), new Color(0x9467bd), new Color(0x8c564b), new Color(0xe377c2), new Color(0x17becf)};
    // Solid strokes only: software rendering (no GPU) dashes lines slowly, and live charts redraw often.
    private static final BasicStroke THIN = new BasicStroke(1.2f);
    private static final BasicStroke THICK = new BasicStroke(2.4f);

    static {
        // The workaround (for an old JDK bug) draws rotated labels through java.awt.font.TextLayout, which
        // FXGraphics2D renders as glyph outlines: the most expensive part of a redraw.
        org.jfree.chart.text.TextUtils.setUseDrawRotatedStringWorkaround(false);
    }

    private Charts() {
    }

    /** The colour of the {@code index}-th run. */
    public static Color runColour(int index) {
        return RUN_COLOURS[Math.floorMod(index, RUN_COLOURS.length)];
    }

    /**
     * Gives every series of a live chart its run's colour (validation loss thick, batch loss pale), so a run
     * looks the same in all four charts. Call after series were added.
     */
    public static void colourByRun(JFreeChart chart, LiveChartsViewModel vm) {
        XYPlot plot = chart.getXYPlot();
        for (int d = 0; d < plot.getDatasetCount(); d++) {
            XYDataset ds = plot.getDataset(d);
            if (ds == null || !(plot.getRenderer(d) instanceof org.jfree.chart.renderer.xy.AbstractXYItemRenderer r)) {
                continue;
            }
            for (int s = 0; s < ds.getSeriesCount(); s++) {
                int run = vm.runIndexOf(ds.getSeriesKey(s));
                if (run < 0) {
                    continue;
                }
                Color c = runColour(run);
                String key = String.valueOf(ds.getSeriesKey(s));
                if (key.endsWith(" · batch")) {
                    r.setSeriesPaint(s, new Color(c.getRed(), c.getGreen(), c.getBlue(), 90), false);
                } else {
                    r.setSeriesPaint(s, c, false);
                    r.setSeriesStroke(s, key.endsWith(" · validation") ? THICK : THIN, false);
                }
            }
        }
    }

    /** Chart colours for the light or the dark theme. */
    public static void applyTheme(JFreeChart chart, boolean dark) {
        Color background = dark ? new Color(0x1f2225) : Color.WHITE;
        Color plotBackground = dark ? new Color(0x26292d) : Color.WHITE;
        Color text = dark ? new Color(0xe6e6e6) : new Color(0x222222);
        Color grid = dark ? new Color(0x44484d) : new Color(220, 220, 220);
        chart.setBackgroundPaint(background);
        chart.getTitle().setPaint(text);
        if (chart.getLegend() != null) {
            chart.getLegend().setBackgroundPaint(background);
            chart.getLegend().setItemPaint(text);
        }
        XYPlot plot = chart.getXYPlot();
        plot.setBackgroundPaint(plotBackground);
        plot.setDomainGridlinePaint(grid);
        plot.setRangeGridlinePaint(grid);
        plot.setNoDataMessagePaint(text);
        for (var axis : new org.jfree.chart.axis.ValueAxis[] {plot.getDomainAxis(), plot.getRangeAxis()}) {
            axis.setLabelPaint(text);
            axis.setTickLabelPaint(text);
            axis.setAxisLinePaint(grid);
            axis.setTickMarkPaint(grid);
        }
    }

    /** Validation accuracy against cumulative energy (or time), one line per run, a point per epoch. */
    public static JFreeChart accuracy(LiveChartsViewModel vm) {
        JFreeChart chart = xyChart("Accuracy against energy", vm.xAxisModeProperty().get().label(),
                "validation accuracy", vm.accuracyDataset());
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, true);
        r.setDefaultToolTipGenerator(tooltips(vm));
        chart.getXYPlot().setRenderer(r);
        chart.getXYPlot().setNoDataMessage("Run an experiment: one point per epoch appears here");
        return chart;
    }

    /** Train and validation loss per epoch, batch loss underneath (sampled). */
    public static JFreeChart loss(LiveChartsViewModel vm) {
        JFreeChart chart = xyChart("Loss", "epoch", "loss", vm.lossDataset());
        XYPlot plot = chart.getXYPlot();
        XYLineAndShapeRenderer epochs = new XYLineAndShapeRenderer(true, true);
        plot.setRenderer(0, epochs);
        plot.setDataset(1, vm.batchLossDataset());
        SamplingXYLineRenderer batches = new SamplingXYLineRenderer();
        batches.setDefaultStroke(new BasicStroke(0.8f));
        batches.setAutoPopulateSeriesStroke(false);
        batches.setDefaultSeriesVisibleInLegend(false); // the run's colour already says which run a pale line is
        plot.setRenderer(1, batches);
        plot.setNoDataMessage("Loss curves appear once training starts");
        return chart;
    }

    /** Power over time; the legend carries how it was obtained (measured or estimated). */
    public static JFreeChart power(LiveChartsViewModel vm) {
        JFreeChart chart = xyChart("Power", "time (s)", "power (W)", vm.powerDataset());
        chart.getXYPlot().setRenderer(new SamplingXYLineRenderer());
        chart.getXYPlot().setNoDataMessage("Power readings appear while a run trains (measured or estimated)");
        return chart;
    }

    /**
     * Delivered accuracy against total energy of the completed runs of one task (repeats as one mean point with 95%
     * error bars): the front in colour, dominated runs grey, every point labelled with its run.
     */
    public static JFreeChart pareto(LiveChartsViewModel vm) {
        JFreeChart chart = xyChart("Pareto front (completed runs)",
                vm.paretoAxisLabelProperty().get(), "delivered acc.", vm.paretoDataset());
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, true);
        r.setSeriesPaint(0, new Color(46, 125, 50));
        r.setSeriesStroke(0, new BasicStroke(2f));
        r.setSeriesLinesVisible(1, false);
        r.setSeriesPaint(1, GREY);
        r.setDefaultToolTipGenerator(tooltips(vm));
        r.setDefaultItemLabelGenerator((XYDataset d, int series, int item) ->
                vm.pareto().pointLabel(d.getSeriesKey(series), item));
        r.setDefaultItemLabelsVisible(true);
        r.setDefaultItemLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 10));
        chart.getXYPlot().setRenderer(r);
        // repeats of one recipe: error bars (95% CI of energy and of accuracy) around their mean point
        org.jfree.chart.renderer.xy.XYErrorRenderer bars = new org.jfree.chart.renderer.xy.XYErrorRenderer();
        bars.setDefaultLinesVisible(false);
        bars.setDefaultShapesVisible(false);
        bars.setErrorPaint(new Color(90, 90, 90));
        bars.setCapLength(6);
        bars.setSeriesVisibleInLegend(0, true);
        chart.getXYPlot().setDataset(1, vm.pareto().spreadDataset());
        chart.getXYPlot().setRenderer(1, bars);
        chart.getXYPlot().setNoDataMessage("Finish a run, or tick \"show on charts\" for completed runs in History");
        return chart;
    }

    /** A line chart over {@code dataset} with readable fonts and non-zero-based axes. */
    public static JFreeChart xyChart(String title, String xLabel, String yLabel, XYDataset dataset) {
        JFreeChart chart = ChartFactory.createXYLineChart(title, xLabel, yLabel, dataset, PlotOrientation.VERTICAL,
                true, true, false);
        chart.getTitle().setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
        // AWT font metrics instead of FXGraphics2D's default, which creates and lays out a JavaFX Text node for
        // every string it measures (tick labels, legend): the second most expensive part of a redraw
        java.awt.RenderingHints hints = new java.awt.RenderingHints(null);
        hints.putAll(chart.getRenderingHints());
        hints.put(org.jfree.fx.FXHints.KEY_USE_FX_FONT_METRICS, false);
        chart.setRenderingHints(hints);
        XYPlot plot = chart.getXYPlot();
        NumberAxis y = (NumberAxis) plot.getRangeAxis();
        NumberAxis x = (NumberAxis) plot.getDomainAxis();
        y.setAutoRangeIncludesZero(false);
        x.setAutoRangeIncludesZero(false);
        // a single point (one finished run, one epoch) would otherwise zoom to a 1e-7 wide range with
        // unreadable tick labels such as 5.208914E-1
        y.setAutoRangeMinimumSize(0.02);
        x.setAutoRangeMinimumSize(0.5);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(new Color(220, 220, 220));
        plot.setRangeGridlinePaint(new Color(220, 220, 220));
        plot.setNoDataMessageFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        return chart;
    }

    private static XYToolTipGenerator tooltips(LiveChartsViewModel vm) {
        return (XYDataset d, int series, int item) -> vm.tooltip(d.getSeriesKey(series), item);
    }
}
