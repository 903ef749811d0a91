package dev.verdant.app.history;

import dev.verdant.app.DialogService;
import dev.verdant.app.Styles;
import dev.verdant.app.live.ChartPane;
import dev.verdant.app.live.Charts;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.VBox;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;

import java.util.List;

/** Two or more runs side by side: metric deltas, spec differences (highlighted) and overlaid accuracy curves. */
public final class CompareView extends BorderPane {

    public static final String SPEC_TABLE_ID = "compare-spec";
    public static final String METRIC_TABLE_ID = "compare-metrics";
    public static final String SIGNIFICANCE_ID = "compare-significance";

    private final JFreeChart chart;

    public CompareView(CompareViewModel vm, DialogService dialogs, boolean dark) {
        List<String> labels = vm.runLabels();
        TableView<CompareViewModel.MetricRow> metrics = new TableView<>(
                FXCollections.observableArrayList(vm.metricRows()));
        metrics.setId(METRIC_TABLE_ID);
        metrics.getColumns().add(col("Metric", CompareViewModel.MetricRow::metric, 120));
        for (int i = 0; i < labels.size(); i++) {
            int k = i;
            metrics.getColumns().add(col(labels.get(i), r -> r.values().get(k), 110));
            if (i > 0) {
                metrics.getColumns().add(col("Δ vs first", r -> r.deltas().get(k), 120));
            }
        }
        metrics.setColumnResizePolicy(TableView.UNCONSTRAINED_RESIZE_POLICY);

        TableView<CompareViewModel.SpecRow> spec = new TableView<>(FXCollections.observableArrayList(vm.differences()));
        spec.setId(SPEC_TABLE_ID);
        spec.getColumns().add(col("Spec field", CompareViewModel.SpecRow::path, 190));
        for (int i = 0; i < labels.size(); i++) {
            int k = i;
            spec.getColumns().add(col(labels.get(i), r -> r.values().get(k), 130));
        }
        spec.setRowFactory(t -> new TableRow<>() {
            @Override
            protected void updateItem(CompareViewModel.SpecRow row, boolean empty) {
                super.updateItem(row, empty);
                getStyleClass().remove(Styles.DIFFERENT);
                if (!empty && row != null && row.differs()) {
                    getStyleClass().add(Styles.DIFFERENT);
                }
            }
        });
        spec.setPlaceholder(new Label("The specs are identical"));
        CheckBox all = new CheckBox("Show identical fields too");
        all.selectedProperty().addListener((o, was, now) ->
                spec.getItems().setAll(now ? vm.specRows() : vm.differences()));
        Label specTitle = new Label("Spec differences (" + vm.differences().size() + " fields differ)");
        specTitle.getStyleClass().add(Styles.HEADING);
        Label metricTitle = new Label("Metrics");
        metricTitle.getStyleClass().add(Styles.HEADING);
        // what the differences mean (Welch for groups, machine noise for single runs), filled in off the FX thread
        VBox significance = new VBox(2);
        significance.setId(SIGNIFICANCE_ID);
        Runnable showSignificance = () -> significance.getChildren().setAll(vm.significance().stream().map(line -> {
            Label l = new Label(line);
            l.setWrapText(true);
            // without a minimum height a VBox squeezes the label to one line and it is cut, not wrapped
            l.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
            return l;
        }).toList());
        vm.significance().addListener((javafx.collections.ListChangeListener<String>) c -> showSignificance.run());
        showSignificance.run();
        VBox tables = new VBox(4, metricTitle, metrics, significance, specTitle, all, spec);
        tables.setPadding(new Insets(6));
        metrics.setPrefHeight(260);

        chart = Charts.xyChart("Accuracy against energy (compared runs)", vm.curveAxisLabel(),
                "validation accuracy", vm.curves());
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
        for (int i = 0; i < labels.size(); i++) {
            renderer.setSeriesPaint(i, Charts.runColour(i));
        }
        chart.getXYPlot().setRenderer(renderer);
        Charts.applyTheme(chart, dark);
        ChartPane overlay = new ChartPane(chart, "compare", dialogs);
        SplitPane split = new SplitPane(tables, overlay);
        split.setOrientation(Orientation.HORIZONTAL);
        split.setDividerPositions(0.55);
        setCenter(split);
    }

    /** The overlaid accuracy curves. */
    public JFreeChart chart() {
        return chart;
    }

    /** Switches the overlay chart to the light or dark palette (the window's theme changed). */
    public void setDark(boolean dark) {
        Charts.applyTheme(chart, dark);
    }

    private static <T> TableColumn<T, String> col(String title, java.util.function.Function<T, String> value,
                                                  double width) {
        TableColumn<T, String> c = new TableColumn<>(title);
        c.setCellValueFactory(cd -> new ReadOnlyStringWrapper(value.apply(cd.getValue())));
        c.setPrefWidth(width);
        c.setSortable(false);
        return c;
    }
}
