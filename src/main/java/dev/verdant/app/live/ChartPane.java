package dev.verdant.app.live;

import dev.verdant.app.LazyTooltip;
import dev.verdant.app.DialogService;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.fx.ChartViewer;
import org.jfree.data.xy.XYDataset;

import java.util.List;

/**
 * One chart in a {@link ChartViewer} with PNG, SVG and CSV export buttons. The chart can be zoomed (drag a
 * rectangle, or the mouse wheel) and panned (Ctrl- or Alt-drag); Reset view undoes both. Its legend sits beside the
 * plot and can be hidden; clicking a legend entry hides that run's lines, and "Show hidden" brings them back.
 */
public final class ChartPane extends BorderPane {

    private static final int EXPORT_WIDTH = 1000;
    private static final int EXPORT_HEIGHT = 650;

    private final JFreeChart chart;
    private final ChartViewer viewer;
    private final HBox bar;
    /** Run labels hidden by a legend click, and the series each hid (to show exactly those again). */
    private final javafx.collections.ObservableList<String> hiddenRuns =
            javafx.collections.FXCollections.observableArrayList();
    private java.util.function.Function<Comparable<?>, String> runOf = String::valueOf;

    public ChartPane(JFreeChart chart, String fileStem, DialogService dialogs) {
        this.chart = chart;
        this.viewer = new ChartViewer(chart);
        viewer.setMinSize(200, LiveChartsView.MIN_PLOT_HEIGHT + 90); // the plot area, title and axis labels
        viewer.getCanvas().addMouseHandler(new org.jfree.chart.fx.interaction.PanHandlerFX("pan-ctrl", false, true,
                false, false));
        viewer.addChartMouseListener(new org.jfree.chart.fx.interaction.ChartMouseListenerFX() {
            @Override
            public void chartMouseClicked(org.jfree.chart.fx.interaction.ChartMouseEventFX e) {
                if (e.getEntity() instanceof org.jfree.chart.entity.LegendItemEntity legend
                        && legend.getSeriesKey() != null) {
                    hideRun(runOf.apply(legend.getSeriesKey()));
                }
            }

            @Override
            public void chartMouseMoved(org.jfree.chart.fx.interaction.ChartMouseEventFX e) {
            }
        });
        if (chart.getPlot() instanceof org.jfree.chart.plot.XYPlot xy) {
            xy.setDomainPannable(true);
            xy.setRangePannable(true);
        }
        if (chart.getLegend() != null) {
            chart.getLegend().setPosition(org.jfree.chart.ui.RectangleEdge.RIGHT);
        }
        Button reset = new Button("Reset view");
        LazyTooltip.set(reset, "Undo zoom and pan (drag a rectangle or turn the mouse wheel to zoom, "
                + "Ctrl- or Alt-drag to pan)");
        reset.setFocusTraversable(false);
        reset.setOnAction(e -> resetView());
        javafx.scene.control.ToggleButton legend = new javafx.scene.control.ToggleButton("Legend");
        legend.setSelected(true);
        legend.setFocusTraversable(false);
        LazyTooltip.set(legend, "Show or hide the legend; click an entry in it to hide that run's lines");
        legend.selectedProperty().addListener((o, was, now) -> {
            if (chart.getLegend() != null) {
                chart.getLegend().setVisible(now);
            }
        });
        Button showHidden = new Button();
        showHidden.setId("show-hidden-" + fileStem);
        showHidden.textProperty().bind(javafx.beans.binding.Bindings.size(hiddenRuns).asString("Show hidden (%d)"));
        showHidden.visibleProperty().bind(javafx.beans.binding.Bindings.isNotEmpty(hiddenRuns));
        showHidden.managedProperty().bind(showHidden.visibleProperty());
        showHidden.setFocusTraversable(false);
        showHidden.setOnAction(e -> showHiddenRuns());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        bar = new HBox(4, legend, reset, showHidden, spacer,
                exportButton("PNG", "Save the chart as a PNG image", new ExportChartAction(dialogs,
                        "the chart as PNG", fileStem + ".png",
                        f -> ChartExport.png(chart, f, EXPORT_WIDTH, EXPORT_HEIGHT))),
                exportButton("SVG", "Save the chart as an SVG vector image", new ExportChartAction(dialogs,
                        "the chart as SVG", fileStem + ".svg",
                        f -> ChartExport.svg(chart, f, EXPORT_WIDTH, EXPORT_HEIGHT))),
                exportButton("CSV", "Save the chart's data as CSV", new ExportChartAction(dialogs,
                        "the chart's data as CSV", fileStem + ".csv", f -> ChartExport.csv(datasets(), f))));
        bar.setPadding(new Insets(2, 4, 0, 4));
        setTop(bar);
        setCenter(viewer);
    }

    /** Adds controls to the chart's bar, after Reset view (e.g. the trajectory chart's x-axis chooser). */
    public void addToBar(javafx.scene.Node... nodes) {
        bar.getChildren().addAll(3, List.of(nodes));
    }

    /** How a series key names its run (the live charts' series are "run 3 name · validation" and the like). */
    void setRunOf(java.util.function.Function<Comparable<?>, String> runOf) {
        this.runOf = runOf;
    }

    /** The runs hidden from this chart by a legend click, in the order they were hidden. */
    public javafx.collections.ObservableList<String> hiddenRuns() {
        return hiddenRuns;
    }

    /** Hides every series of {@code run} in this chart (as a click on its legend entry does). */
    public void hideRun(String run) {
        if (run == null || hiddenRuns.contains(run)) {
            return;
        }
        setRunVisible(run, false);
        hiddenRuns.add(run);
    }

    /** Shows again the runs a legend click hid. */
    public void showHiddenRuns() {
        List.copyOf(hiddenRuns).forEach(r -> setRunVisible(r, true));
        hiddenRuns.clear();
    }

    /** Whether any series of {@code run} is drawn in this chart. */
    public boolean isRunVisible(String run) {
        org.jfree.chart.plot.XYPlot plot = chart.getXYPlot();
        for (int d = 0; d < plot.getDatasetCount(); d++) {
            XYDataset ds = plot.getDataset(d);
            for (int s = 0; ds != null && plot.getRenderer(d) != null && s < ds.getSeriesCount(); s++) {
                if (run.equals(runOf.apply(ds.getSeriesKey(s))) && plot.getRenderer(d).isSeriesVisible(s)) {
                    return true;
                }
            }
        }
        return false;
    }

    private void setRunVisible(String run, boolean visible) {
        org.jfree.chart.plot.XYPlot plot = chart.getXYPlot();
        for (int d = 0; d < plot.getDatasetCount(); d++) {
            XYDataset ds = plot.getDataset(d);
            for (int s = 0; ds != null && plot.getRenderer(d) != null && s < ds.getSeriesCount(); s++) {
                if (run.equals(runOf.apply(ds.getSeriesKey(s)))) {
                    plot.getRenderer(d).setSeriesVisible(s, visible);
                }
            }
        }
    }

    /** Undoes zoom and pan: both axes follow the data again. */
    public void resetView() {
        org.jfree.chart.plot.XYPlot plot = chart.getXYPlot();
        plot.getDomainAxis().setAutoRange(true);
        plot.getRangeAxis().setAutoRange(true);
    }

    public JFreeChart chart() {
        return chart;
    }

    public ChartViewer viewer() {
        return viewer;
    }

    /** Every dataset of the chart's plot, for CSV export. */
    public XYDataset[] datasets() {
        var plot = chart.getXYPlot();
        XYDataset[] all = new XYDataset[plot.getDatasetCount()];
        for (int i = 0; i < all.length; i++) {
            all[i] = plot.getDataset(i);
        }
        return all;
    }

    private static Button exportButton(String text, String tip, ExportChartAction action) {
        Button b = new Button(text);
        LazyTooltip.set(b, tip);
        b.setFocusTraversable(false);
        b.setOnAction(e -> action.execute());
        return b;
    }
}
