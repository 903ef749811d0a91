package dev.verdant.app.sweep;

import dev.verdant.spec.SweepMethod;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.fx.ChartViewer;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.axis.NumberAxis;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Rectangle2D;

/**
 * The Sweeps tab: the builder on the left (parameters with values or ranges, method and rungs, target, budget),
 * and on the right the live sweep: status and budget bar, the accuracy-vs-joules chart, the trial table and
 * parallel coordinates. Layout and bindings only; {@link SweepViewModel} does the work.
 */
public final class SweepView extends SplitPane {

    /** Ids for tests and styling. */
    public static final String START_ID = "sweep-start";
    public static final String STOP_ID = "sweep-stop";
    public static final String ADD_ID = "sweep-add-parameter";
    public static final String CHART_ID = "sweep-chart";

    private final SweepViewModel vm;
    private final VBox parameterRows = new VBox(4);
    private final JFreeChart chart;

    public SweepView(SweepViewModel vm) {
        this.vm = vm;
        chart = buildChart();
        getItems().addAll(builder(), live());
        setDividerPositions(0.38);
    }

    /** The chart, for tests that read what it draws. */
    public JFreeChart chart() {
        return chart;
    }

    /** The view model this view shows. */
    public SweepViewModel viewModel() {
        return vm;
    }

    private ScrollPane builder() {
        VBox box = new VBox(8);
        box.setPadding(new Insets(8));
        TextField name = bound(new TextField(), vm.nameProperty().get());
        name.textProperty().bindBidirectional(vm.nameProperty());
        ChoiceBox<SweepMethod> method = new ChoiceBox<>();
        method.getItems().setAll(SweepMethod.values());
        method.valueProperty().bindBidirectional(vm.methodProperty());
        Button add = new Button("Add parameter");
        add.setId(ADD_ID);
        add.setOnAction(e -> vm.parameters().add(ParameterRow.values("training.learningRate", "0.001, 0.01")));
        vm.parameters().addListener((ListChangeListener<ParameterRow>) c -> rebuildRows());
        rebuildRows();
        FlowPane rungs = new FlowPane(6, 6, new Label("trials"), small(vm.trialsProperty(), "sweep-trials"),
                new Label("eta"), small(vm.etaProperty(), "sweep-eta"), new Label("epochs from"),
                small(vm.minEpochsProperty(), "sweep-min-epochs"), new Label("to"),
                small(vm.maxEpochsProperty(), "sweep-max-epochs"));
        ChoiceBox<String> unit = new ChoiceBox<>();
        unit.getItems().setAll(dev.verdant.spec.SweepHalving.UNITS);
        unit.valueProperty().bindBidirectional(vm.rungUnitProperty());
        unit.setId("sweep-rung-unit");
        FlowPane joules = new FlowPane(6, 6, new Label("joules from"), small(vm.minJoulesProperty(),
                "sweep-min-joules"), new Label("to"), small(vm.maxJoulesProperty(), "sweep-max-joules"));
        joules.visibleProperty().bind(vm.rungUnitProperty().isEqualTo("joules"));
        joules.managedProperty().bind(joules.visibleProperty());
        CheckBox continueTrials = new CheckBox("continue promoted trials (fewer epochs, less accurate)");
        continueTrials.setWrapText(true);
        continueTrials.selectedProperty().bindBidirectional(vm.continueTrialsProperty());
        CheckBox byForecast = new CheckBox("prune by energy-to-target forecast (needs a target)");
        byForecast.setWrapText(true);
        byForecast.selectedProperty().bindBidirectional(vm.stopOnForecastProperty());
        VBox halving = new VBox(6, new HBox(6, new Label("rungs counted in"), unit), joules, continueTrials,
                byForecast);
        halving.visibleProperty().bind(Bindings.createBooleanBinding(() -> vm.methodProperty().get() != null
                && vm.methodProperty().get().usesRungs(), vm.methodProperty()));
        halving.managedProperty().bind(halving.visibleProperty());
        CheckBox stopAt = new CheckBox("stop at target");
        stopAt.selectedProperty().bindBidirectional(vm.stopAtTargetProperty());
        FlowPane target = new FlowPane(6, 6, new Label("target accuracy"), small(vm.targetProperty(), "sweep-target"),
                stopAt);
        FlowPane budget = new FlowPane(6, 6, new Label("budget: joules"), small(vm.budgetJoulesProperty(),
                "sweep-budget-joules"), new Label("trial runs"), small(vm.budgetTrialsProperty(), "sweep-budget-trials"));
        Button start = new Button("Start sweep");
        start.setId(START_ID);
        start.disableProperty().bind(vm.runningProperty());
        start.setOnAction(e -> vm.start());
        Button stop = new Button("Stop");
        stop.setId(STOP_ID);
        stop.disableProperty().bind(vm.runningProperty().not());
        stop.setOnAction(e -> vm.stop());
        Label problems = new Label();
        problems.setWrapText(true);
        problems.setStyle("-fx-text-fill: #b00020;");
        problems.textProperty().bind(vm.problemsProperty());
        Label base = new Label();
        base.setWrapText(true);
        base.textProperty().bind(Bindings.createStringBinding(() -> "Base: the builder's spec ("
                + vm.baseProperty().get().name() + ", " + vm.baseProperty().get().model().arch() + " on "
                + vm.baseProperty().get().dataset().name() + ", " + vm.baseProperty().get().training().epochs()
                + " epochs)", vm.baseProperty()));
        box.getChildren().addAll(new Label("Sweep name"), name, base, new Label("Parameters (spec path: values "
                + "separated by commas, or a range)"), parameterRows, add, new HBox(6, new Label("Method"), method),
                rungs, halving, target, budget, new HBox(6, start, stop), problems);
        ScrollPane scroll = new ScrollPane(box);
        scroll.setFitToWidth(true);
        return scroll;
    }

    private static TextField bound(TextField f, String text) {
        f.setText(text);
        return f;
    }

    private static TextField small(javafx.beans.property.StringProperty p, String id) {
        TextField f = new TextField();
        f.setPrefColumnCount(5);
        f.setId(id);
        f.textProperty().bindBidirectional(p);
        return f;
    }

    private void rebuildRows() {
        parameterRows.getChildren().clear();
        for (ParameterRow row : vm.parameters()) {
            ComboBox<String> path = new ComboBox<>();
            path.setEditable(true);
            path.getItems().setAll(vm.paths());
            path.valueProperty().bindBidirectional(row.pathProperty());
            path.setPrefWidth(190);
            TextField values = new TextField();
            values.setPromptText("0.001, 0.01");
            values.textProperty().bindBidirectional(row.valuesProperty());
            values.disableProperty().bind(row.rangeProperty());
            CheckBox range = new CheckBox("range");
            range.selectedProperty().bindBidirectional(row.rangeProperty());
            TextField low = new TextField();
            low.setPrefColumnCount(5);
            low.setPromptText("low");
            low.textProperty().bindBidirectional(row.lowProperty());
            TextField high = new TextField();
            high.setPrefColumnCount(5);
            high.setPromptText("high");
            high.textProperty().bindBidirectional(row.highProperty());
            ChoiceBox<String> scale = new ChoiceBox<>();
            scale.getItems().setAll("linear", "log");
            scale.valueProperty().bindBidirectional(row.scaleProperty());
            low.disableProperty().bind(row.rangeProperty().not());
            high.disableProperty().bind(row.rangeProperty().not());
            scale.disableProperty().bind(row.rangeProperty().not());
            Button remove = new Button("x");
            remove.setOnAction(e -> vm.parameters().remove(row));
            HBox.setHgrow(values, Priority.ALWAYS);
            FlowPane line = new FlowPane(4, 4, path, values, range, low, high, scale, remove);
            parameterRows.getChildren().add(line);
        }
    }

    private BorderPane live() {
        Label status = new Label();
        status.setWrapText(true);
        status.textProperty().bind(vm.statusProperty());
        ProgressBar budget = new ProgressBar();
        budget.setMaxWidth(Double.MAX_VALUE);
        budget.progressProperty().bind(Bindings.createDoubleBinding(() -> Math.max(0, vm.budgetUsedProperty().get()),
                vm.budgetUsedProperty()));
        Label budgetText = new Label();
        budgetText.textProperty().bind(vm.budgetTextProperty());
        Label recommendation = new Label();
        recommendation.setWrapText(true);
        recommendation.setStyle("-fx-font-weight: bold;");
        recommendation.textProperty().bind(vm.recommendationProperty());
        HBox.setHgrow(budget, Priority.ALWAYS);
        VBox top = new VBox(4, status, new HBox(8, new Label("Budget"), budget, budgetText), recommendation);
        top.setPadding(new Insets(6));

        ChartViewer viewer = new ChartViewer(chart);
        viewer.setId(CHART_ID);
        TableView<TrialRow> table = new TableView<>(vm.rows());
        table.getColumns().add(column("Trial", r -> String.valueOf(r.trialId()), 90));
        table.getColumns().add(column("Rung", r -> String.valueOf(r.rung()), 45));
        table.getColumns().add(column("Status", r -> String.valueOf(r.status()), 85));
        table.getColumns().add(column("Epochs", r -> String.valueOf(r.epochs()), 60));
        table.getColumns().add(column("Accuracy", r -> String.valueOf(r.accuracy()), 75));
        table.getColumns().add(column("Joules", r -> String.valueOf(r.joules()), 70));
        table.getColumns().add(column("Parameters", r -> String.valueOf(r.params()), 260));
        table.setPlaceholder(new Label("Trials appear here as the sweep runs."));
        ParallelCoordinates coordinates = new ParallelCoordinates(vm);
        // the chart is what a sweep is read by: it keeps most of the height (on a 700-pixel screen three stacked
        // parts left it a 100-pixel plot), and the trials and parallel coordinates share one place below it
        javafx.scene.control.TabPane lower = new javafx.scene.control.TabPane(
                new javafx.scene.control.Tab("Trials", table),
                new javafx.scene.control.Tab("Parallel coordinates", coordinates));
        lower.setTabClosingPolicy(javafx.scene.control.TabPane.TabClosingPolicy.UNAVAILABLE);
        viewer.setMinHeight(200);
        SplitPane parts = new SplitPane(viewer, lower);
        parts.setOrientation(Orientation.VERTICAL);
        parts.setDividerPositions(0.6);
        BorderPane pane = new BorderPane(parts);
        pane.setTop(top);
        return pane;
    }

    private static TableColumn<TrialRow, String> column(String title,
                                                        java.util.function.Function<TrialRow, String> value,
                                                        double width) {
        TableColumn<TrialRow, String> c = new TableColumn<>(title);
        c.setCellValueFactory(d -> new javafx.beans.property.ReadOnlyStringWrapper(value.apply(d.getValue())));
        c.setPrefWidth(width);
        return c;
    }

    private JFreeChart buildChart() {
        JFreeChart c = ChartFactory.createXYLineChart("Accuracy against joules spent per configuration",
                "joules spent per configuration (its own runs)", "validation accuracy", vm.curves(),
                PlotOrientation.VERTICAL, true, true, false);
        c.getTitle().setFont(new java.awt.Font(java.awt.Font.SANS_SERIF, java.awt.Font.BOLD, 13));
        XYPlot plot = c.getXYPlot();
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(new Color(220, 220, 220));
        plot.setRangeGridlinePaint(new Color(220, 220, 220));
        ((NumberAxis) plot.getRangeAxis()).setAutoRangeIncludesZero(false);
        XYLineAndShapeRenderer lines = new XYLineAndShapeRenderer(true, false);
        plot.setRenderer(0, lines);
        XYLineAndShapeRenderer ends = new XYLineAndShapeRenderer(false, true);
        ends.setSeriesPaint(0, new Color(200, 40, 40));
        ends.setSeriesShape(0, new Rectangle2D.Double(-4, -4, 8, 8));
        plot.setDataset(1, vm.prunedEnds());
        plot.setRenderer(1, ends);
        XYLineAndShapeRenderer front = new XYLineAndShapeRenderer(true, true);
        front.setSeriesPaint(0, Color.BLACK);
        front.setSeriesStroke(0, new BasicStroke(1.5f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND, 1f,
                new float[] {6f, 4f}, 0f));
        front.setSeriesShape(0, new Ellipse2D.Double(-3, -3, 6, 6));
        front.setSeriesPaint(1, new Color(255, 170, 0));
        front.setSeriesLinesVisible(1, false);
        front.setSeriesShape(1, new Ellipse2D.Double(-8, -8, 16, 16));
        plot.setDataset(2, vm.front());
        plot.setRenderer(2, front);
        plot.setNoDataMessage("Start a sweep: each configuration draws a line; a red square marks where a trial "
                + "was pruned");
        return c;
    }
}
