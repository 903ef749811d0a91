package dev.verdant.app;

import dev.verdant.app.actions.AboutAction;
import dev.verdant.app.actions.CancelRunsAction;
import dev.verdant.app.actions.CloseWindowAction;
import dev.verdant.app.actions.ComparisonsMenu;
import dev.verdant.app.actions.ExportRunsAction;
import dev.verdant.app.actions.OpenSpecAction;
import dev.verdant.app.actions.ParallelismMenu;
import dev.verdant.app.cluster.ClusterSettingsAction;
import dev.verdant.app.actions.PresetsMenu;
import dev.verdant.app.actions.QuitAction;
import dev.verdant.app.actions.RunSpecAction;
import dev.verdant.app.actions.SaveSpecAction;
import dev.verdant.app.actions.ShowTabAction;
import dev.verdant.app.actions.ThemeToggle;
import dev.verdant.app.builder.BuilderView;
import dev.verdant.app.builder.BuilderViewModel;
import dev.verdant.app.builder.Presets;
import dev.verdant.app.energy.EnergyView;
import dev.verdant.app.energy.EnergyViewModel;
import dev.verdant.app.history.CompareView;
import dev.verdant.app.history.CompareViewModel;
import dev.verdant.app.history.HistoryView;
import dev.verdant.app.history.HistoryViewModel;
import dev.verdant.app.live.LiveChartsView;
import dev.verdant.app.live.LiveChartsViewModel;
import dev.verdant.app.queue.QueueView;
import dev.verdant.app.queue.RunItem;
import dev.verdant.app.queue.RunQueueViewModel;
import dev.verdant.result.RunResult;
import dev.verdant.result.RunStatus;
import dev.verdant.run.RunEvent;
import dev.verdant.run.RunListener;
import dev.verdant.spec.ExperimentSpec;
import dev.verdant.spec.SpecException;
import javafx.beans.value.ChangeListener;
import javafx.collections.ListChangeListener;
import javafx.geometry.Orientation;
import javafx.geometry.Rectangle2D;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.stage.Screen;
import javafx.stage.Stage;
import javafx.stage.Window;

import java.util.List;
import java.util.Locale;

import static dev.verdant.app.actions.Menus.item;

/**
 * The window shell: the menu bar; the builder on the left; live charts, history, energy (and compare tabs) on the
 * right above the run queue; a status bar. It assembles the feature views and the menu actions around one shared
 * {@link AppState} and one {@link DialogService}; the features talk to each other through the state. It stays one
 * class of about 560 lines because it is the one place that wires the features together (about a third of it is
 * read-only accessors the GUI tests use); the behaviour lives in the feature view models and menu actions.
 */
public final class MainWindow {

    /** Tab ids (see {@link Tabs}). */
    public static final String LIVE_TAB = Tabs.LIVE;
    public static final String HISTORY_TAB = Tabs.HISTORY;
    public static final String ENERGY_TAB = Tabs.ENERGY;

    private final AppContext ctx;
    private final AppState state = new AppState();
    private final DialogService dialogs;
    private final BuilderViewModel builder;
    private final RunQueueViewModel queue;
    private final LiveChartsViewModel live;
    private final HistoryViewModel history;
    private final EnergyViewModel energy;
    private final RunSpecAction runAction;
    private final ClusterSettingsAction clusterSettings;
    private final BuilderView builderView;
    private final LiveChartsView liveView;
    /** Made when first needed (the History tab's first selection, or a caller): see {@link #historyView()}. */
    private HistoryView historyView;
    private final EnergyView energyView;
    private final QueueView queueView;
    private final TabPane tabs = new TabPane();
    private final SplitPane mainSplit = new SplitPane();
    private final SplitPane rightSplit = new SplitPane();
    private final BorderPane root = new BorderPane();

    public MainWindow(AppContext ctx) {
        this.ctx = ctx;
        this.dialogs = ctx.dialogs();
        state.themeProperty().set(Theme.parse(ctx.settings().get(AppSettings.THEME, "light")));
        StartupTrace.mark("window: begin");
        builder = new BuilderViewModel(ctx.executor());
        ctx.settings().lastSpec().ifPresent(text -> {
            try {
                builder.loadYaml(text);
            } catch (SpecException | IllegalArgumentException e) {
                // a stale remembered spec (older format) is dropped: the defaults are a fine start
            }
        });
        // marks what needs the built network (and a distill teacher's fit, from the store), before Run
        builder.setDryRun(spec -> dev.verdant.run.DryRun.problems(spec,
                id -> ctx.history().load(id).map(dev.verdant.result.RunResult::spec)));
        int parallelism = (int) ctx.settings().getDouble(AppSettings.PARALLELISM, 1);
        StartupTrace.mark("window: builder model");
        queue = new RunQueueViewModel(ctx.runners(), parallelism, ctx.pump(), System::nanoTime);
        live = new LiveChartsViewModel();
        history = new HistoryViewModel(ctx.history(), ctx.executor(),
                e -> dialogs.showError("The run history could not be read", e));
        energy = new EnergyViewModel();
        runAction = new RunSpecAction(queue, state);
        clusterSettings = new ClusterSettingsAction(ctx);

        StartupTrace.mark("window: view models");
        builderView = new BuilderView(builder, runAction::run);
        StartupTrace.mark("window: builder view");
        liveView = new LiveChartsView(live, ctx.pump(), dialogs);
        StartupTrace.mark("window: live charts view");
        energyView = new EnergyView(energy);
        StartupTrace.mark("window: energy view");
        queueView = new QueueView(queue);
        wireChartChoice();
        subscribeToRuns();

        tabs.getTabs().addAll(Tabs.fixed("Live charts", LIVE_TAB, liveView),
                Tabs.lazy("History", HISTORY_TAB, this::historyView), Tabs.lazy("Energy", ENERGY_TAB, energyView));
        teaching();
        StartupTrace.mark("window: teaching tabs");
        tabs.getTabs().add(dev.verdant.app.sweep.SweepTab.of(ctx, builder.specProperty()));
        StartupTrace.mark("window: sweep tab");
        tabs.getTabs().add(dataEfficiencyTab());
        // Issue 16: the Architecture gallery and the deployment what-if, each its own feature package.
        tabs.getTabs().addAll(Tabs.lazy("Gallery", "tab-gallery", () -> new dev.verdant.app.gallery.GalleryView(
                new dev.verdant.app.gallery.GalleryViewModel(ctx.executor()))), Tabs.lazy("Deploy", "tab-deploy",
                () -> new dev.verdant.app.deploy.DeployView(new dev.verdant.app.deploy.DeployViewModel(
                        ctx.executor(), dev.verdant.app.deploy.DeployViewModel.Source.of(ctx.history())))));
        StartupTrace.mark("window: gallery, deploy tabs");
        rightSplit.setOrientation(Orientation.VERTICAL);
        rightSplit.getItems().addAll(tabs, queueView);
        rightSplit.setDividerPositions(ctx.settings().getDouble(AppSettings.RIGHT_SPLIT, 0.74));
        mainSplit.getItems().addAll(builderView, rightSplit);
        mainSplit.setDividerPositions(ctx.settings().getDouble(AppSettings.MAIN_SPLIT, 0.27));
        SplitPane.setResizableWithParent(builderView, false);
        root.setTop(menuBar());
        StartupTrace.mark("window: menu bar");
        root.setCenter(mainSplit);
        root.setBottom(statusBar());
        bindState();
        history.refresh();
        restoreChartedRuns();
        StartupTrace.mark("window: built");
    }

    /** Settings key: the stored runs on the charts when the window closed (ids, comma-separated). */
    static final String CHARTED_RUNS = "charts.runs";

    /** Puts the stored runs that were on the charts when the window last closed back on them, loaded off the FX thread. */
    private void restoreChartedRuns() {
        List<Long> ids = java.util.Arrays.stream(ctx.settings().get(CHARTED_RUNS, "").split(","))
                .map(String::trim).filter(t -> t.matches("\\d{1,18}")).map(Long::parseLong).toList();
        if (ids.isEmpty()) {
            return;
        }
        ctx.executor().runInBackground(() -> ids.stream().map(id -> ctx.history().load(id)
                        .map(r -> r.id() == null ? r.withId(id) : r)).flatMap(java.util.Optional::stream).toList(),
                runs -> {
                    runs.forEach(r -> {
                        liveView.replay(r);
                        state.showOnCharts(r, true);
                    });
                    liveView.redrawNow();
                    if (!runs.isEmpty()) {
                        state.status("Charts show " + runs.size() + " run(s) from the last session");
                    }
                }, e -> state.status("The last session's runs could not be put back on the charts"));
    }

    /**
     * What the charts show is chosen explicitly: the queue's and History's "show on charts" checks, and the live
     * charts' Clear button, all change {@link AppState#chartedRuns()}; the Pareto chart follows it.
     */
    private void wireChartChoice() {
        queueView.setOnShowOnCharts((item, shown) -> {
            liveView.showRun(item.label(), shown);
            if (item.resultProperty().get() != null) {
                state.showOnCharts(keyed(item), shown);
            }
        });
        liveView.setOnClear(() -> {
            state.clearCharts();
            queue.items().forEach(i -> i.shownOnChartsProperty().set(false));
        });
        state.chartedRuns().addListener((ListChangeListener<RunResult>) c -> {
            if (historyView != null) {
                historyView.refreshChecks();
            }
        });
    }

    /** History's "show on charts" checks change what the charts show; called once, when the view is made. */
    private void wireChartChecks(HistoryView view) {
        view.addChartChecks(state::isCharted, (id, shown) -> {
            if (!shown) {
                state.chartedRuns().stream().filter(r -> r.id() != null && r.id() == id).findFirst()
                        .ifPresent(r -> state.showOnCharts(r, false));
                return;
            }
            ctx.executor().runInBackground(() -> ctx.history().load(id).map(r -> r.id() == null ? r.withId(id) : r),
                    loaded -> loaded.ifPresent(r -> state.showOnCharts(r, true)),
                    e -> dialogs.showError("The run could not be loaded", e));
        });
    }

    /**
     * The item's result under the id History lists it by: its store id, or for a run kept only in this session its
     * run number (as History loads it), so that the charts, the queue and History's checks name one run alike.
     */
    private static RunResult keyed(RunItem item) {
        RunResult r = item.resultProperty().get();
        return r.id() != null ? r : r.withId(item.handle().id().orElseThrow().value());
    }

    /** The teaching tabs (issue 17): Lessons and the 2-D playground, each its own package. */
    private void teaching() {
        // both made on first selection: the lesson catalogue is read from resources; the playground makes its data
        // itself once it is on screen
        Tab playgroundTab = Tabs.lazy("Playground", "tab-playground", () -> new dev.verdant.app.playground
                .PlaygroundView(new dev.verdant.app.playground.PlaygroundViewModel(ctx.executor())));
        tabs.getTabs().addAll(Tabs.lazy("Lessons", "tab-lessons", () -> new dev.verdant.app.lessons.LessonsView(
                new dev.verdant.app.lessons.LessonsViewModel(ctx.executor(), () -> ctx.runners().apply(1)))),
                playgroundTab);
    }

    /** The run-event subscriptions of the window itself (the views subscribe to what they draw). */
    private void subscribeToRuns() {
        queue.addFinishedListener(this::finished);
        ctx.pump().addListener(this::notices);
    }

    /** Keeps the views in step with the shared state, both ways where the user can change either side. */
    private void bindState() {
        state.currentSpecProperty().bind(builder.specProperty());
        state.activeRunsProperty().bind(queue.activeCountProperty());
        dialogs.lastErrorProperty().addListener((o, was, now) -> state.status(now));
        state.focusedRunProperty().addListener((o, was, now) -> {
            if (now != null) {
                energy.show(now);
            }
        });
        state.chartedRuns().addListener((ListChangeListener<RunResult>) c ->
                liveView.showPareto(List.copyOf(state.chartedRuns())));
        state.themeProperty().addListener((o, was, now) -> applyTheme(now));
        liveView.setDark(state.themeProperty().get() == Theme.DARK);
        tabs.getSelectionModel().selectedItemProperty().addListener((o, was, now) -> {
            if (now != null) {
                state.activeTabProperty().set(now.getId());
            }
        });
        state.activeTabProperty().addListener((o, was, now) -> {
            Tab selected = tabs.getSelectionModel().getSelectedItem();
            if (now != null && (selected == null || !now.equals(selected.getId()))) { // Compare tabs share an id
                tabs.getTabs().stream().filter(t -> now.equals(t.getId())).findFirst()
                        .ifPresent(t -> tabs.getSelectionModel().select(t));
            }
        });
    }

    private HBox statusBar() {
        Label status = new Label();
        status.textProperty().bind(state.statusProperty());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        Label active = new Label();
        active.textProperty().bind(state.activeRunsProperty().asString("%d run(s) active"));
        HBox bar = new HBox(status, spacer, active);
        bar.getStyleClass().add(Styles.STATUS_BAR);
        return bar;
    }

    /**
     * The data-efficiency tab (issue 15): built on first selection (its two charts cost nothing at launch), its
     * curves read from the history each time it is selected.
     */
    private Tab dataEfficiencyTab() {
        dev.verdant.app.dataeff.DataEfficiencyViewModel vm = new dev.verdant.app.dataeff.DataEfficiencyViewModel(
                ctx.history(), ctx.executor(), e -> dialogs.showError("The active-learning runs could not be read", e));
        Tab tab = Tabs.fixed("Data efficiency", "tab-data-efficiency", null);
        tab.selectedProperty().addListener((o, was, now) -> {
            if (now && tab.getContent() == null) {
                tab.setContent(new dev.verdant.app.dataeff.DataEfficiencyView(vm, dialogs));
            }
            if (now) {
                vm.refresh();
            }
        });
        return tab;
    }

    private MenuBar menuBar() {
        Menu file = new Menu("File", null,
                item("Open spec…", "Shortcut+O", new OpenSpecAction(builder, state, dialogs)),
                item("Save spec as…", "Shortcut+S", new SaveSpecAction(builder, state, dialogs)),
                new PresetsMenu(Presets.catalogue(), builder, state, dialogs).menu(),
                new SeparatorMenuItem(),
                item("Export selected runs…", "Shortcut+E", new ExportRunsAction(state, dialogs, ctx.executor())),
                item("Export report…", null, new dev.verdant.app.actions.ExportReportAction(state, dialogs,
                        ctx.executor())),
                new SeparatorMenuItem(),
                item("Quit", "Shortcut+Q", new QuitAction(this::window)));
        Menu run = new Menu("Run", null,
                item("Run", "Shortcut+R", runAction),
                item("Cancel latest run", "Shortcut+PERIOD", CancelRunsAction.latest(queue, state)),
                item("Cancel all runs", "Shortcut+Shift+PERIOD", CancelRunsAction.all(queue, state)),
                new SeparatorMenuItem(),
                new ParallelismMenu(queue, ctx.settings()).menu(),
                item("Cluster settings…", null, clusterSettings));
        Menu comparisons = new ComparisonsMenu(Presets.catalogue(),
                Presets.user(ctx.settings().dir().resolve("comparisons")), this::runComparison, dialogs).menu();
        Menu view = new Menu("View", null,
                new ThemeToggle(state).menuItem(),
                item("Live charts", "Shortcut+1", new ShowTabAction(state, LIVE_TAB)),
                item("History", "Shortcut+2", new ShowTabAction(state, HISTORY_TAB)),
                item("Energy", "Shortcut+3", new ShowTabAction(state, ENERGY_TAB)));
        Menu help = new Menu("Help", null, item("About Verdant", null, new AboutAction(dialogs)));
        return new MenuBar(file, comparisons, run, view, help);
    }

    /**
     * Puts the window on {@code stage}: size (as remembered, but never larger than the screen) and theme, shortcuts,
     * the close guard.
     */
    public Scene install(Stage stage) {
        Rectangle2D screen = Screen.getPrimary().getVisualBounds();
        double width = Math.min(ctx.settings().getDouble(AppSettings.WIDTH, 1360), screen.getWidth());
        double height = Math.min(ctx.settings().getDouble(AppSettings.HEIGHT, 860), screen.getHeight());
        Scene scene = new Scene(root, width, height);
        state.themeProperty().get().applyTo(scene);
        stage.setScene(scene);
        stage.setTitle("Verdant — accuracy against energy");
        CloseWindowAction close = new CloseWindowAction(state, dialogs, () -> shutdown(stage::close));
        stage.setOnCloseRequest(e -> {
            e.consume(); // closing is asynchronous when runs must be cancelled first
            close.execute();
        });
        dialogs.setOwner(stage);
        ctx.pump().start();
        return scene;
    }

    /** The context the window was built from (tests and the benchmark reach the pump through it). */
    AppContext context() {
        return ctx;
    }

    /** What the features share. */
    public AppState state() {
        return state;
    }

    /** The one dialog service of the window. */
    public DialogService dialogs() {
        return dialogs;
    }

    public Parent root() {
        return root;
    }

    public BuilderViewModel builder() {
        return builder;
    }

    public RunQueueViewModel queue() {
        return queue;
    }

    public LiveChartsViewModel live() {
        return live;
    }

    public LiveChartsView liveView() {
        return liveView;
    }

    public HistoryViewModel history() {
        return history;
    }

    public EnergyViewModel energy() {
        return energy;
    }

    public TabPane tabs() {
        return tabs;
    }

    public BuilderView builderView() {
        return builderView;
    }

    /** The History tab's view, made on first call (the tab's first selection calls it). */
    public HistoryView historyView() {
        if (historyView == null) {
            historyView = new HistoryView(history, this::compare, this::cloneAndChange, runAction::run,
                    state::select, dialogs);
            wireChartChecks(historyView);
        }
        return historyView;
    }

    public EnergyView energyView() {
        return energyView;
    }

    /** Selects the tab with {@code id}. */
    public void showTab(String id) {
        state.activeTabProperty().set(id);
    }

    /** Queues a spec (Run button, Ctrl+R, Re-run). */
    public void run(ExperimentSpec spec) {
        runAction.run(spec);
    }

    /**
     * Queues a comparison's specs as one run group and shows only them on the live charts (the runs charted before
     * are taken off; History's checks put them back).
     */
    public void runComparison(String name, List<ExperimentSpec> specs) {
        liveView.clearCharts();
        queue.submitGroup(name, specs);
        state.status("Queued comparison " + name + ": " + specs.size() + " runs as one group");
        state.activeTabProperty().set(LIVE_TAB);
    }

    /** Switches the colour theme and remembers it. */
    public void setTheme(Theme t) {
        state.themeProperty().set(t);
    }

    private void applyTheme(Theme t) {
        ctx.settings().put(AppSettings.THEME, t.name().toLowerCase(Locale.ROOT));
        if (root.getScene() != null) {
            t.applyTo(root.getScene());
        }
        liveView.setDark(t == Theme.DARK);
    }

    private void finished(RunItem item) {
        RunResult r = keyed(item);
        state.runFinished(r);
        if (!item.shownOnChartsProperty().get()) {
            state.showOnCharts(r, false); // unticked in the queue while it ran
        }
        history.record(item.handle().id().orElseThrow().value(), r);
        state.status(item.label() + " " + r.status().label()
                + (r.finalMetrics() != null ? " · " + DeliveredText.accuracy(r) : ""));
        if (r.status() == RunStatus.FAILED && !state.closingProperty().get()) {
            FailedRunReport.show(dialogs, item.label(), r);
        }
    }

    private void notices(List<RunEvent> events) {
        RunListener notices = new RunListener() {
            @Override
            public void onNotice(RunEvent.Notice n) {
                if (RunQueueViewModel.isDeviceNotice(n.message())) {
                    return; // said once, above the queue
                }
                state.status(n.runId().label() + ": " + n.message());
            }
        };
        events.forEach(e -> e.deliverTo(notices));
    }

    /** Opens a Compare tab over two or more runs; its chart follows later theme switches. */
    public void compare(List<RunResult> runs) {
        if (runs.size() < 2) {
            dialogs.showError("Compare needs two runs", "Select two or more runs in the history table.");
            return;
        }
        CompareViewModel vm = new CompareViewModel(runs);
        CompareView view = new CompareView(vm, dialogs, state.themeProperty().get() == Theme.DARK);
        history.significance(runs, vm);
        ChangeListener<Theme> follow = (o, was, now) -> view.setDark(now == Theme.DARK);
        state.themeProperty().addListener(follow);
        Tab tab = Tabs.fixed(vm.title(), Tabs.COMPARE, view);
        tab.setClosable(true);
        tab.setOnClosed(e -> state.themeProperty().removeListener(follow));
        tabs.getTabs().add(tab);
        tabs.getSelectionModel().select(tab);
    }

    private void cloneAndChange(ExperimentSpec spec) {
        builder.load(spec.withName(spec.name() + "-what-if"));
        state.status("Loaded " + spec.name() + " into the builder: change it and press Run");
    }

    private Window window() {
        return root.getScene() == null ? null : root.getScene().getWindow();
    }

    /** Remembers the window's state (size, splits, theme, the spec in the builder). */
    public void rememberState() {
        AppSettings s = ctx.settings();
        if (root.getScene() != null) {
            s.putDouble(AppSettings.WIDTH, root.getScene().getWidth());
            s.putDouble(AppSettings.HEIGHT, root.getScene().getHeight());
        }
        s.putDouble(AppSettings.MAIN_SPLIT, mainSplit.getDividerPositions()[0]);
        s.putDouble(AppSettings.RIGHT_SPLIT, rightSplit.getDividerPositions()[0]);
        // only stored runs come back (a session-only run's number means nothing after a restart)
        s.put(CHARTED_RUNS, state.chartedRuns().stream().filter(r -> r.id() != null)
                .filter(r -> ctx.history() instanceof dev.verdant.app.history.StoreHistory)
                .map(r -> String.valueOf(r.id())).collect(java.util.stream.Collectors.joining(",")));
        String yaml = builder.toYaml();
        if (yaml != null) {
            s.putLastSpec(yaml);
        }
        s.save();
    }

    /**
     * Cancels every run, waits off the FX thread until they have recorded their end, remembers the window's
     * state, then calls {@code then} on the FX thread.
     */
    public void shutdown(Runnable then) {
        state.closingProperty().set(true);
        clusterSettings.close();
        rememberState();
        state.status("Cancelling active runs…");
        queue.cancelAll();
        ctx.executor().runInBackground(() -> queue.shutdown(30), ok -> {
            ctx.pump().pump();
            ctx.pump().stop();
            // If runs did not stop in time, keep the store open under them rather than failing their last
            // writes; the next start marks them interrupted.
            if (Boolean.TRUE.equals(ok)) {
                ctx.history().close();
            }
            then.run();
        }, err -> {
            ctx.pump().stop();
            then.run();
        });
    }
}
