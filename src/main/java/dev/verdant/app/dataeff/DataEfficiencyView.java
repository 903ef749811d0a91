package dev.verdant.app.dataeff;

import dev.verdant.app.DialogService;
import dev.verdant.app.live.ChartPane;
import dev.verdant.app.live.Charts;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.jfree.chart.JFreeChart;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * The data-efficiency tab: accuracy against labelled samples (left) and against cumulative joules (right), one line
 * per active-learning strategy. Layout and bindings only; the curves come from {@link DataEfficiencyViewModel}.
 */
public final class DataEfficiencyView extends BorderPane {

    private final XYSeriesCollection byLabels = new XYSeriesCollection();
    private final XYSeriesCollection byJoules = new XYSeriesCollection();
    private final JFreeChart labelsChart;
    private final JFreeChart joulesChart;

    public DataEfficiencyView(DataEfficiencyViewModel vm, DialogService dialogs) {
        setId("data-efficiency");
        labelsChart = Charts.xyChart("Accuracy vs labelled samples", "labelled samples",
                "validation accuracy (trained model)", byLabels);
        joulesChart = Charts.xyChart("Accuracy vs cumulative energy", "cumulative joules (queries included)",
                "validation accuracy (trained model)", byJoules);
        for (JFreeChart c : new JFreeChart[] {labelsChart, joulesChart}) {
            c.getXYPlot().getRangeAxis().setAutoRange(true);
            ((org.jfree.chart.axis.NumberAxis) c.getXYPlot().getRangeAxis()).setAutoRangeIncludesZero(false);
            org.jfree.chart.renderer.xy.XYLineAndShapeRenderer r =
                    new org.jfree.chart.renderer.xy.XYLineAndShapeRenderer(true, true);
            c.getXYPlot().setRenderer(r);
        }
        ChartPane left = new ChartPane(labelsChart, "data-efficiency-labels", dialogs);
        ChartPane right = new ChartPane(joulesChart, "data-efficiency-joules", dialogs);
        HBox charts = new HBox(6, left, right);
        HBox.setHgrow(left, Priority.ALWAYS);
        HBox.setHgrow(right, Priority.ALWAYS);
        Button refresh = new Button("Refresh");
        refresh.setId("data-efficiency-refresh");
        refresh.setOnAction(e -> vm.refresh());
        refresh.setMinWidth(Region.USE_PREF_SIZE); // the long summary must not squeeze the button to "..."
        Label summary = new Label();
        summary.setId("data-efficiency-summary");
        summary.setWrapText(true);
        summary.textProperty().bind(vm.summaryProperty());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox bar = new HBox(6, summary, spacer, refresh);
        bar.setPadding(new Insets(4));
        setCenter(charts);
        setBottom(new VBox(bar));
        vm.curves().addListener((ListChangeListener<DataEfficiencyViewModel.Curve>) c -> redraw(vm));
        redraw(vm);
    }

    private void redraw(DataEfficiencyViewModel vm) {
        byLabels.removeAllSeries();
        byJoules.removeAllSeries();
        for (DataEfficiencyViewModel.Curve curve : vm.curves()) {
            XYSeries a = new XYSeries(curve.strategy(), false);
            XYSeries b = new XYSeries(curve.strategy(), false);
            for (DataEfficiencyViewModel.Point p : curve.points()) {
                a.add(p.labelled(), p.accuracy());
                b.add(p.cumulativeJoules(), p.accuracy());
            }
            byLabels.addSeries(a);
            byJoules.addSeries(b);
        }
    }

    /** The left chart (for tests and snapshots). */
    public JFreeChart labelsChart() {
        return labelsChart;
    }

    /** The right chart. */
    public JFreeChart joulesChart() {
        return joulesChart;
    }
}
