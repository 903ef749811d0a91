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

    private Charts() {
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
        plot.setRenderer(1, batches);
        plot.setNoDataMessage("Loss curves appear once training starts");
        return chart;
    }

    /** Power over time; the legend carries how it was obtained (measured or estimated). */
    public static JFreeChart power(LiveChartsViewModel vm) {
        JFreeChart chart = xyChart("Power", "time (s)", "power (W)", vm.powerDataset());
        chart.getXYPlot().setRenderer(new SamplingXYLineRenderer());
        chart.getXYPlot().setNoDataMessage("No power readings: no energy meter reported for these runs");
        return chart;
    }

    /** Accuracy against energy of finished runs: the front in colour, dominated runs grey. */
    public static JFreeChart pareto(LiveChartsViewModel vm) {
        JFreeChart chart = xyChart("Pareto front (finished runs)", vm.paretoAxisModeProperty().get().label(),
                "final accuracy", vm.paretoDataset());
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, true);
        r.setSeriesPaint(0, new Color(46, 125, 50));
        r.setSeriesStroke(0, new BasicStroke(2f));
        r.setSeriesLinesVisible(1, false);
        r.setSeriesPaint(1, GREY);
        r.setDefaultToolTipGenerator(tooltips(vm));
        chart.getXYPlot().setRenderer(r);
        chart.getXYPlot().setNoDataMessage("Finish a run (or select finished runs in History)");
        return chart;
    }

    /** A line chart over {@code dataset} with readable fonts and non-zero-based axes. */
    public static JFreeChart xyChart(String title, String xLabel, String yLabel, XYDataset dataset) {
        JFreeChart chart = ChartFactory.createXYLineChart(title, xLabel, yLabel, dataset, PlotOrientation.VERTICAL,
                true, true, false);
        chart.getTitle().setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
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
