package dev.verdant.app.gallery;

import dev.verdant.run.ArchGallery;
import dev.verdant.run.EarlyExitReport;
import dev.verdant.spec.Architecture;
import dev.verdant.spec.DatasetSpec;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.fx.ChartViewer;
import org.jfree.chart.labels.XYItemLabelGenerator;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/**
 * The Architecture gallery: a toolbar (dataset, width, epochs, Compare), the measured table, two scatter charts
 * (accuracy against parameters and against FLOPs, log scale, each point labelled with its architecture) and the
 * teaching notes. Layout and bindings only; {@link GalleryViewModel} does the work.
 */
public final class GalleryView extends VBox {

    /** Id of the Compare button. */
    public static final String COMPARE_ID = "gallery-compare";
    /** Id of the results table. */
    public static final String TABLE_ID = "gallery-table";

    private final GalleryViewModel vm;
    private final XYSeriesCollection byParams = new XYSeriesCollection();
    private final XYSeriesCollection byFlops = new XYSeriesCollection();
    /** Id of the early-exit curve button. */
    public static final String EXIT_CURVE_ID = "gallery-exit-curve";

    private final GridPane notes = new GridPane();
    private final XYSeriesCollection exitCurve = new XYSeriesCollection();
    private final JFreeChart exitChart;

    public GalleryView(GalleryViewModel vm) {
        this.vm = vm;
        setSpacing(8);
        setPadding(new Insets(10));

        ChoiceBox<String> dataset = new ChoiceBox<>();
        dataset.getItems().addAll(DatasetSpec.BUILT_IN);
        dataset.valueProperty().bindBidirectional(vm.datasetProperty());
        Spinner<Double> width = new Spinner<>(0.25, 4.0, vm.widthProperty().get(), 0.25);
        width.getValueFactory().valueProperty().bindBidirectional(vm.widthProperty());
        width.setPrefWidth(90);
        Spinner<Integer> epochs = new Spinner<>(1, 50, vm.epochsProperty().get());
        epochs.valueProperty().addListener((o, was, now) -> vm.epochsProperty().set(now));
        epochs.setPrefWidth(80);
        Button compare = new Button("Compare");
        compare.setId(COMPARE_ID);
        compare.disableProperty().bind(vm.runningProperty());
        compare.setOnAction(e -> vm.compare());
        HBox bar = new HBox(8, new Label("Dataset"), dataset, new Label("Width"), width, new Label("Epochs"), epochs,
                compare);
        bar.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        Label status = new Label();
        status.textProperty().bind(vm.statusProperty());
        status.setWrapText(true);

        TableView<ArchGallery.Row> table = new TableView<>(vm.rows());
        table.setId(TABLE_ID);
        table.setMinHeight(130); // the lower charts scroll; the results stay readable
        table.getColumns().add(column("Architecture", r -> r.arch().label()));
        table.getColumns().add(column("Params", r -> String.format(Locale.ROOT, "%,d", r.params())));
        table.getColumns().add(column("MFLOPs/sample", r -> fmt("%.3f", r.flopsPerSample() / 1e6)));
        table.getColumns().add(column("ms batch 1", r -> fmt("%.2f", r.msBatch1())));
        table.getColumns().add(column("ms batch 64", r -> fmt("%.2f", r.msBatch64())));
        table.getColumns().add(column("J / 1k samples", r -> r.joulesPer1k() == null ? "-"
                : fmt("%.2f", r.joulesPer1k()) + " (" + r.energyMethod() + ")"));
        table.getColumns().add(column("Accuracy", r -> fmt("%.4f", r.accuracy())));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setPrefHeight(190);

        ChoiceBox<Architecture> exitArch = new ChoiceBox<>();
        exitArch.getItems().addAll(Architecture.GALLERY);
        exitArch.valueProperty().bindBidirectional(vm.exitArchProperty());
        Spinner<Integer> after = new Spinner<>(1, 8, vm.exitAfterProperty().get());
        after.valueProperty().addListener((o, was, now) -> vm.exitAfterProperty().set(now));
        after.setPrefWidth(70);
        Button sweep = new Button("Early-exit curve");
        sweep.setId(EXIT_CURVE_ID);
        sweep.disableProperty().bind(vm.runningProperty());
        sweep.setOnAction(e -> vm.sweepExits());
        HBox exitBar = new HBox(8, new Label("Early exit: architecture"), exitArch, new Label("head after block"),
                after, sweep);
        exitBar.setAlignment(javafx.geometry.Pos.CENTER_LEFT);

        exitChart = ChartFactory.createXYLineChart("Early exit: accuracy vs energy (trained model)",
                "joules per sample (estimated: FLOPs share)", "val. accuracy (measured)", exitCurve,
                PlotOrientation.VERTICAL, false, true, false);
        XYLineAndShapeRenderer exitRenderer = new XYLineAndShapeRenderer(true, true);
        exitRenderer.setDefaultItemLabelGenerator((data, series, item) -> label(item));
        exitRenderer.setDefaultItemLabelsVisible(true);
        exitChart.getXYPlot().setRenderer(exitRenderer);
        // margins keep the end points' labels inside the plot
        exitChart.getXYPlot().getDomainAxis().setLowerMargin(0.25);
        exitChart.getXYPlot().getDomainAxis().setUpperMargin(0.25);
        ChartViewer exitViewer = new ChartViewer(exitChart);
        exitViewer.setPrefSize(420, 260);
        exitViewer.setMinHeight(240);

        compact(exitChart);
        List<ChartViewer> viewers = List.of(chart("Accuracy vs parameters", "parameters (log)", byParams),
                chart("Accuracy vs FLOPs", "FLOPs per sample (log)", byFlops), exitViewer);
        GridPane charts = new GridPane();
        charts.setHgap(8);
        charts.setVgap(8);
        // three charts side by side need about 1,000 pixels; narrower, they take two columns (or one) instead of
        // squeezing their titles and axis labels
        widthProperty().addListener((o, was, now) -> layoutCharts(charts, viewers,
                now.doubleValue() >= 1000 ? 3 : now.doubleValue() >= 560 ? 2 : 1));
        layoutCharts(charts, viewers, 3);

        notes.setHgap(10);
        notes.setVgap(4);
        Label notesTitle = new Label("What each block replaces, why it is cheaper, and its cost per output position");
        notesTitle.setStyle("-fx-font-weight: bold");
        notesTitle.setWrapText(true);

        VBox lower = new VBox(8, charts, notesTitle, notes);
        javafx.scene.control.ScrollPane scroll = new javafx.scene.control.ScrollPane(lower);
        scroll.setFitToWidth(true);
        scroll.setHbarPolicy(javafx.scene.control.ScrollPane.ScrollBarPolicy.NEVER);
        VBox.setVgrow(scroll, Priority.ALWAYS);
        getChildren().addAll(bar, exitBar, status, table, scroll);
        vm.rows().addListener((ListChangeListener<ArchGallery.Row>) c -> refresh());
        vm.exitReportProperty().addListener((o, was, now) -> refreshExits());
        refresh();
    }

    /** Points drawn on the early-exit curve (for tests). */
    int exitPointCount() {
        return exitCurve.getSeriesCount() == 0 ? 0 : exitCurve.getItemCount(0);
    }

    /** Redraws the early-exit curve: one point per threshold; x is estimated joules, or FLOPs when unmetered. */
    private void refreshExits() {
        exitCurve.removeAllSeries();
        EarlyExitReport r = vm.exitReportProperty().get();
        if (r == null) {
            return;
        }
        boolean joules = r.rows().stream().allMatch(row -> row.joulesPerSample() != null);
        exitChart.getXYPlot().getDomainAxis().setLabel(joules
                ? "J/sample (estimated)"
                : "MFLOPs per sample (counted; no energy meter)");
        XYSeries s = new XYSeries("early exit", false, true);
        for (EarlyExitReport.Row row : r.rows()) {
            s.add(joules ? row.joulesPerSample() : row.flopsPerSample() / 1e6, row.accuracy());
        }
        exitCurve.addSeries(s);
    }

    /** "t=0.90, 35% early" for the threshold row at {@code item} (the series keeps the report's order). */
    private String label(int item) {
        EarlyExitReport r = vm.exitReportProperty().get();
        if (r == null || item >= r.rows().size()) {
            return "";
        }
        // thresholds that land on (nearly) the same point share one label ("t=0.50-1.00"), written at the last of them
        if (item + 1 < r.rows().size() && samePoint(r.rows().get(item), r.rows().get(item + 1))) {
            return "";
        }
        int first = item;
        while (first > 0 && samePoint(r.rows().get(first - 1), r.rows().get(item))) {
            first--;
        }
        EarlyExitReport.Row row = r.rows().get(item);
        double early = 1 - row.shares()[row.shares().length - 1];
        String t = first == item ? String.format(Locale.ROOT, "t=%.2f", row.threshold())
                : String.format(Locale.ROOT, "t=%.2f-%.2f", r.rows().get(first).threshold(), row.threshold());
        return String.format(Locale.ROOT, "%s, %.0f%% early", t, early * 100);
    }

    private static boolean samePoint(EarlyExitReport.Row a, EarlyExitReport.Row b) {
        // within half a percent of FLOPs and accuracy the points overlap on screen
        return Math.abs(a.accuracy() - b.accuracy()) < 0.005
                && Math.abs(a.flopsPerSample() - b.flopsPerSample()) <= 0.005 * Math.max(a.flopsPerSample(),
                b.flopsPerSample());
    }

    private void refresh() {
        byParams.removeAllSeries();
        byFlops.removeAllSeries();
        notes.getChildren().clear();
        int line = 0;
        for (ArchGallery.Row r : vm.rows()) {
            byParams.addSeries(point(r, ArchGallery.Row::params));
            byFlops.addSeries(point(r, ArchGallery.Row::flopsPerSample));
            ArchGallery.Note n = vm.note(r.arch());
            if (n != null) {
                Label name = new Label(r.arch().label());
                name.setStyle("-fx-font-weight: bold");
                name.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
                Label text = new Label(n.block() + ": replaces " + n.replaces() + "; " + n.why() + ". Cost: "
                        + n.formula() + ".");
                text.setWrapText(true);
                notes.addRow(line++, name, text);
            }
        }
    }

    private static XYSeries point(ArchGallery.Row r, ToDoubleFunction<ArchGallery.Row> x) {
        XYSeries s = new XYSeries(r.arch().label());
        s.add(Math.max(1, x.applyAsDouble(r)), r.accuracy());
        return s;
    }

    private static void layoutCharts(GridPane grid, List<ChartViewer> viewers, int columns) {
        if (grid.getColumnConstraints().size() == columns) {
            return;
        }
        grid.getChildren().clear();
        grid.getColumnConstraints().clear();
        for (int c = 0; c < columns; c++) {
            javafx.scene.layout.ColumnConstraints cc = new javafx.scene.layout.ColumnConstraints();
            cc.setPercentWidth(100.0 / columns);
            grid.getColumnConstraints().add(cc);
        }
        for (int i = 0; i < viewers.size(); i++) {
            grid.add(viewers.get(i), i % columns, i / columns);
        }
    }

    /** Titles and axis labels at a size that fits a third of the window. */
    private static void compact(JFreeChart chart) {
        chart.getTitle().setFont(new java.awt.Font(java.awt.Font.SANS_SERIF, java.awt.Font.BOLD, 13));
        java.awt.Font axis = new java.awt.Font(java.awt.Font.SANS_SERIF, java.awt.Font.PLAIN, 11);
        chart.getXYPlot().getDomainAxis().setLabelFont(axis);
        chart.getXYPlot().getRangeAxis().setLabelFont(axis);
    }

    private static ChartViewer chart(String title, String xLabel, XYSeriesCollection data) {
        JFreeChart chart = ChartFactory.createScatterPlot(title, xLabel, "val. accuracy (trained model)", data,
                PlotOrientation.VERTICAL, true, true, false);
        XYPlot plot = chart.getXYPlot();
        LogAxis log = new LogAxis(xLabel);
        log.setSmallestValue(1);
        // before the first comparison the axis has no data: a plain 10^3..10^7 instead of "10^-2E-9" ticks
        log.setDefaultAutoRange(new org.jfree.data.Range(1e3, 1e7));
        plot.setDomainAxis(log);
        compact(chart);
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(false, true);
        XYItemLabelGenerator labels = (dataset, series, item) -> dataset.getSeriesKey(series).toString();
        renderer.setDefaultItemLabelGenerator(labels);
        renderer.setDefaultItemLabelsVisible(true);
        plot.setRenderer(renderer);
        ChartViewer viewer = new ChartViewer(chart);
        viewer.setPrefSize(420, 260);
        viewer.setMinHeight(240);
        return viewer;
    }

    private static TableColumn<ArchGallery.Row, String> column(String title, Function<ArchGallery.Row, String> f) {
        TableColumn<ArchGallery.Row, String> c = new TableColumn<>(title);
        c.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(f.apply(cell.getValue())));
        return c;
    }

    private static String fmt(String f, double v) {
        return String.format(Locale.ROOT, f, v);
    }
}
