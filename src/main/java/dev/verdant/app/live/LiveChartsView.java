package dev.verdant.app.live;

import dev.verdant.app.LazyTooltip;
import dev.verdant.app.DialogService;
import dev.verdant.app.EventPump;
import dev.verdant.run.RunEvent;
import dev.verdant.run.RunListener;
import javafx.collections.ListChangeListener;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.RowConstraints;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.ValueMarker;

import java.awt.BasicStroke;
import java.awt.Color;
import java.util.List;

/**
 * The four live charts in a 2x2 grid, or one column when the view is narrow; each chart keeps a minimum height
 * (its plot area at least {@link #MIN_PLOT_HEIGHT} px) and the grid scrolls when the view is shorter than that.
 * Each pumped batch of events is applied with the touched charts' notifications off; a {@link RedrawThrottle}
 * redraws them at most 10 times a second, less when a redraw (drawing and rasterising) is slow.
 */
public final class LiveChartsView extends javafx.scene.layout.BorderPane {

    /** The least height of a chart's plot area (the data area, without title, axes and legend). */
    public static final double MIN_PLOT_HEIGHT = 150;
    /** Below this width the charts go one under the other, so that each keeps room for its legend beside it. */
    static final double TWO_COLUMNS_WIDTH = 1000;
    /** A chart pane's least height: plot area, title, axis labels and the export bar. */
    static final double MIN_PANE_HEIGHT = 270;

    private final LiveChartsViewModel vm;
    private final ChartPane accuracy;
    private final ChartPane loss;
    private final ChartPane power;
    private final ChartPane pareto;
    private final RedrawThrottle throttle = new RedrawThrottle(System::nanoTime, new RenderThreadClock());
    private final GridPane grid = new GridPane();
    private final javafx.scene.control.ScrollPane scroll = new javafx.scene.control.ScrollPane();
    private final javafx.scene.layout.BorderPane paretoBox;
    private int columns;

    /** Puts the four charts in {@code n} columns (1 or 2), each row at least {@link #MIN_PANE_HEIGHT} tall. */
    private void layoutCharts(int n) {
        if (n == columns) {
            return;
        }
        columns = n;
        grid.getChildren().clear();
        grid.getColumnConstraints().clear();
        grid.getRowConstraints().clear();
        List<javafx.scene.Node> panes = List.of(accuracy, loss, power, paretoBox);
        for (int i = 0; i < panes.size(); i++) {
            grid.add(panes.get(i), i % n, i / n);
        }
        for (int c = 0; c < n; c++) {
            ColumnConstraints cc = new ColumnConstraints();
            cc.setPercentWidth(100.0 / n);
            cc.setHgrow(Priority.ALWAYS);
            grid.getColumnConstraints().add(cc);
        }
        for (int r = 0; r < panes.size() / n; r++) {
            RowConstraints rc = new RowConstraints();
            rc.setMinHeight(MIN_PANE_HEIGHT);
            rc.setPercentHeight(100.0 * n / panes.size());
            rc.setVgrow(Priority.ALWAYS);
            grid.getRowConstraints().add(rc);
        }
    }

    /** How many columns the charts are in now (2, or 1 when the view is narrow). */
    public int columns() {
        return columns;
    }

    public LiveChartsView(LiveChartsViewModel vm, EventPump pump, DialogService dialogs) {
        this.vm = vm;
        accuracy = new ChartPane(Charts.accuracy(vm), "accuracy-vs-energy", dialogs);
        loss = new ChartPane(Charts.loss(vm), "loss", dialogs);
        power = new ChartPane(Charts.power(vm), "power", dialogs);
        pareto = new ChartPane(Charts.pareto(vm), "pareto", dialogs);
        for (ChartPane p : List.of(accuracy, loss, power)) {
            p.setRunOf(vm::runOf);
        }
        paretoBox = paretoBox();
        scroll.setContent(grid);
        scroll.setFitToWidth(true);
        scroll.setFitToHeight(true);
        scroll.setHbarPolicy(javafx.scene.control.ScrollPane.ScrollBarPolicy.NEVER);
        setCenter(scroll);
        layoutCharts(2);
        scroll.viewportBoundsProperty().addListener((o, was, now) ->
                layoutCharts(now.getWidth() >= TWO_COLUMNS_WIDTH ? 2 : 1));
        vm.xAxisModeProperty().addListener((o, was, now) ->
                accuracy.chart().getXYPlot().getDomainAxis().setLabel(vm.trajectoryAxisLabel()));
        vm.energyEstimatedProperty().addListener((o, was, now) ->
                accuracy.chart().getXYPlot().getDomainAxis().setLabel(vm.trajectoryAxisLabel()));
        vm.trajectoryAxisProperty().addListener((o, was, now) -> {
            accuracy.chart().getXYPlot().getDomainAxis().setLabel(vm.trajectoryAxisLabel());
            accuracy.resetView();
            throttle.beginUpdate(java.util.Set.of(accuracy.chart()));
            throttle.flush();
        });
        javafx.scene.control.ComboBox<TrajectoryAxis> xChoice = new javafx.scene.control.ComboBox<>(
                javafx.collections.FXCollections.observableArrayList(TrajectoryAxis.values()));
        xChoice.setId(X_AXIS_ID);
        xChoice.valueProperty().bindBidirectional(vm.trajectoryAxisProperty());
        LazyTooltip.set(xChoice, "What the x axis measures: energy, emissions, time or "
                + "training FLOPs (points without that measure are left out)");
        xChoice.setFocusTraversable(false);
        accuracy.addToBar(new javafx.scene.control.Label("x:"), xChoice);
        vm.paretoAxisLabelProperty().addListener((o, was, now) ->
                pareto.chart().getXYPlot().getDomainAxis().setLabel(now));
        vm.compressionMarks().addListener((ListChangeListener<CompressionMark>) c -> placeMarks());
        pump.addListener(this::apply);
        pump.addTickListener(throttle::flush);
    }

    /**
     * Applies a batch of events; the touched charts are redrawn by the throttle on the pump's tick, at most
     * once each, and charts the events do not touch are not redrawn (per-batch events only touch the loss chart).
     */
    public void apply(List<RunEvent> events) {
        // identity set: a chart's equals/hashCode follow its data
        java.util.Set<JFreeChart> touched = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        RunListener touches = new RunListener() {
            @Override
            public void onStarted(RunEvent.Started e) {
                touched.add(loss.chart());
                touched.add(accuracy.chart());
            }

            @Override
            public void onBatch(RunEvent.BatchEnded e) {
                touched.add(loss.chart());
            }

            @Override
            public void onEpoch(RunEvent.EpochEnded e) {
                touched.add(loss.chart());
                touched.add(accuracy.chart());
            }

            @Override
            public void onPower(RunEvent.Power e) {
                touched.add(power.chart());
            }

            @Override
            public void onStep(RunEvent.StepEnded e) {
                touched.add(accuracy.chart());
            }
        };
        for (RunEvent e : events) {
            e.deliverTo(touches);
        }
        throttle.beginUpdate(touched);
        int series = vm.accuracyDataset().getSeriesCount() + vm.powerDataset().getSeriesCount();
        vm.apply(events);
        if (series != vm.accuracyDataset().getSeriesCount() + vm.powerDataset().getSeriesCount()) {
            touched.forEach(c -> Charts.colourByRun(c, vm)); // a new run or power series: give it its run's colour
        }
    }

    /** Node id of the trajectory chart's x-axis chooser. */
    public static final String X_AXIS_ID = "trajectory-x-axis";
    /** Label rows the compression-step labels are spread over, so that neighbouring steps' labels do not overlap. */
    static final int MARK_ROWS = 4;

    /**
     * Draws the compression marks: a dashed line per step, its label on one of {@link #MARK_ROWS} rows in turn
     * (neighbouring steps, which sit close on the x axis, get different rows; the dashed line leads from the label to
     * its place). The chart draws them, so PNG and SVG exports have them alike.
     */
    private void placeMarks() {
        accuracy.chart().getXYPlot().clearDomainMarkers();
        List<CompressionMark> sorted = new java.util.ArrayList<>(vm.compressionMarks());
        sorted.sort(java.util.Comparator.comparingDouble(CompressionMark::x));
        for (int i = 0; i < sorted.size(); i++) {
            CompressionMark m = sorted.get(i);
            ValueMarker marker = new ValueMarker(m.x(), new Color(121, 85, 72),
                    new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 1f,
                            new float[] {4f, 3f}, 0f));
            marker.setLabel(m.text());
            marker.setLabelFont(new java.awt.Font(java.awt.Font.SANS_SERIF, java.awt.Font.PLAIN, 10));
            marker.setLabelPaint(new Color(121, 85, 72));
            marker.setLabelAnchor(org.jfree.chart.ui.RectangleAnchor.TOP_RIGHT);
            marker.setLabelTextAnchor(org.jfree.chart.ui.TextAnchor.TOP_LEFT);
            marker.setLabelOffset(new org.jfree.chart.ui.RectangleInsets(2 + 12 * (i % MARK_ROWS), 2, 2, 2));
            accuracy.chart().getXYPlot().addDomainMarker(marker);
        }
    }

    /** The vertical offsets (px from the plot's top) of the compression-step labels now drawn, in x order. */
    public List<Double> markLabelOffsets() {
        java.util.Collection<?> markers = accuracy.chart().getXYPlot().getDomainMarkers(
                org.jfree.chart.ui.Layer.FOREGROUND);
        List<Double> out = new java.util.ArrayList<>();
        if (markers != null) {
            for (Object o : markers) {
                out.add(((ValueMarker) o).getLabelOffset().getTop());
            }
        }
        return out;
    }

    /**
     * Draws a stored run's curves as if its events had just arrived (epochs, power, compression steps), e.g. the
     * runs that were on the charts when the window last closed. A run already on the charts is left as it is.
     */
    public void replay(dev.verdant.result.RunResult r) {
        if (r.id() == null) {
            return;
        }
        List<RunEvent> events = dev.verdant.run.Replay.events(r);
        apply(events);
        vm.markFinished(dev.verdant.run.RunId.stored(r.id())); // a stored run has ended
    }

    /** Node id of the Pareto chart's task chooser. */
    public static final String TASK_ID = "pareto-task";
    /** Node id of the button that clears the live charts. */
    public static final String CLEAR_ID = "clear-charts";
    /** Node id of the button that clears the finished runs' curves. */
    public static final String CLEAR_FINISHED_ID = "clear-finished";

    private Runnable onClear = () -> { };

    /** The Pareto chart under its bar: the task chooser, what is left out, and a button that clears the charts. */
    private javafx.scene.layout.BorderPane paretoBox() {
        ParetoViewModel p = vm.pareto();
        javafx.scene.control.ComboBox<ParetoViewModel.Task> task = new javafx.scene.control.ComboBox<>(p.tasks());
        task.setId(TASK_ID);
        task.valueProperty().bindBidirectional(p.taskProperty());
        task.setPromptText("no completed runs on the charts");
        LazyTooltip.set(task, "Runs are only comparable on the same data and split: "
                + "one front per task");
        javafx.scene.control.Label excluded = new javafx.scene.control.Label();
        excluded.textProperty().bind(p.excludedProperty());
        excluded.getStyleClass().add(dev.verdant.app.Styles.HINT);
        javafx.scene.control.Button clear = new javafx.scene.control.Button("Clear charts");
        clear.setId(CLEAR_ID);
        LazyTooltip.set(clear, "Remove every run's curves and take all runs off the "
                + "Pareto chart (History's \"show on charts\" checks put them back)");
        clear.setOnAction(e -> clearCharts());
        javafx.scene.control.Button clearFinished = new javafx.scene.control.Button("Clear finished runs");
        clearFinished.setId(CLEAR_FINISHED_ID);
        LazyTooltip.set(clearFinished, "Remove the curves of completed, failed and "
                + "cancelled runs; running ones stay (the Pareto chart is left as it is)");
        clearFinished.setOnAction(e -> clearFinishedRuns());
        clearFinished.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        javafx.scene.layout.Region spacer = new javafx.scene.layout.Region();
        javafx.scene.layout.HBox.setHgrow(spacer, Priority.ALWAYS);
        javafx.scene.control.Label taskLabel = new javafx.scene.control.Label("Task");
        // at 1024x700 the bar is ~350 px wide: the label and the button keep their text, the chooser and the
        // "not plotted" hint give way (the hint shrinks first, with an ellipsis)
        taskLabel.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        clear.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        task.setMinWidth(90);
        task.setMaxWidth(260);
        excluded.setMinWidth(0);
        javafx.scene.layout.HBox bar = new javafx.scene.layout.HBox(6, taskLabel, task, excluded, spacer, clearFinished, clear);
        bar.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        bar.setPadding(new javafx.geometry.Insets(2, 6, 2, 6));
        javafx.scene.layout.BorderPane box = new javafx.scene.layout.BorderPane(pareto);
        box.setTop(bar);
        p.taskProperty().addListener((o, was, now) -> {
            throttle.beginUpdate(java.util.Set.of(pareto.chart()));
            throttle.flush();
        });
        return box;
    }

    /** What else to do when the user clears the charts (the window takes every run off the Pareto chart). */
    public void setOnClear(Runnable action) {
        onClear = action;
    }

    /** Removes every run's live curves and asks the window to take all runs off the Pareto chart. */
    public void clearCharts() {
        java.util.Set<JFreeChart> all = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        all.addAll(charts());
        throttle.beginUpdate(all);
        for (JFreeChart c : List.of(accuracy.chart(), loss.chart(), power.chart())) {
            org.jfree.chart.plot.XYPlot plot = c.getXYPlot();
            for (int d = 0; d < plot.getDatasetCount(); d++) {
                if (plot.getDataset(d) != null && plot.getRenderer(d) != null) {
                    for (int s = 0; s < plot.getDataset(d).getSeriesCount(); s++) {
                        plot.getRenderer(d).setSeriesVisible(s, null); // hidden runs' indices go to new runs
                    }
                }
            }
        }
        vm.clear();
        for (ChartPane p : List.of(accuracy, loss, power)) {
            p.hiddenRuns().clear(); // their series are gone; the indices they hid go to new runs
        }
        accuracy.chart().getXYPlot().clearDomainMarkers();
        onClear.run();
        throttle.flush();
    }

    /**
     * Removes the curves of every run that ended and keeps the running ones; runs hidden by a legend click stay
     * hidden (a renderer's visibility is per series index, and the indices shift when series go).
     */
    public void clearFinishedRuns() {
        java.util.Set<JFreeChart> all = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        all.addAll(charts());
        throttle.beginUpdate(all);
        for (JFreeChart c : List.of(accuracy.chart(), loss.chart(), power.chart())) {
            org.jfree.chart.plot.XYPlot plot = c.getXYPlot();
            for (int d = 0; d < plot.getDatasetCount(); d++) {
                if (plot.getDataset(d) != null && plot.getRenderer(d) != null) {
                    for (int s = 0; s < plot.getDataset(d).getSeriesCount(); s++) {
                        plot.getRenderer(d).setSeriesVisible(s, null);
                    }
                }
            }
        }
        List<String> gone = vm.clearFinished();
        for (ChartPane p : List.of(accuracy, loss, power)) {
            List<String> keep = new java.util.ArrayList<>(p.hiddenRuns());
            keep.removeAll(gone);
            p.hiddenRuns().clear();
            keep.forEach(p::hideRun);
        }
        throttle.flush();
    }

    /** Shows or hides the live curves of the run labelled {@code runLabel} (as the queue and legends name it). */
    public void showRun(String runLabel, boolean shown) {
        for (JFreeChart c : List.of(accuracy.chart(), loss.chart(), power.chart())) {
            org.jfree.chart.plot.XYPlot plot = c.getXYPlot();
            for (int d = 0; d < plot.getDatasetCount(); d++) {
                org.jfree.data.xy.XYDataset ds = plot.getDataset(d);
                if (ds == null || plot.getRenderer(d) == null) {
                    continue;
                }
                for (int s = 0; s < ds.getSeriesCount(); s++) {
                    if (runLabel.equals(vm.runOf(ds.getSeriesKey(s)))) {
                        plot.getRenderer(d).setSeriesVisible(s, shown);
                    }
                }
            }
        }
    }

    /** Switches the charts to the light or dark palette. */
    public void setDark(boolean dark) {
        for (JFreeChart c : charts()) {
            Charts.applyTheme(c, dark);
        }
    }

    /** Draws every chart whose redraw is still deferred (before a snapshot or an export). */
    public void redrawNow() {
        throttle.flushAll();
    }

    /** Recomputes the Pareto chart with one redraw. */
    public void showPareto(List<dev.verdant.result.RunResult> runs) {
        throttle.beginUpdate(java.util.Set.of(pareto.chart()));
        vm.setParetoRuns(runs);
        throttle.flush();
    }

    /** Chart redraws made by the live updates so far (for the benchmark). */
    public long redraws() {
        return throttle.redraws();
    }

    public List<JFreeChart> charts() {
        return List.of(accuracy.chart(), loss.chart(), power.chart(), pareto.chart());
    }

    public ChartPane accuracyPane() {
        return accuracy;
    }

    public ChartPane lossPane() {
        return loss;
    }

    public ChartPane powerPane() {
        return power;
    }

    public ChartPane paretoPane() {
        return pareto;
    }
}
