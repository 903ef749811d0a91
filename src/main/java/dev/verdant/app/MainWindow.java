package dev.verdant.app;

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
import javafx.geometry.Orientation;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.RadioMenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.ToggleGroup;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.stage.FileChooser;
import javafx.stage.Stage;
import javafx.stage.WindowEvent;

import java.io.File;
import java.util.ArrayList;
import java.util.List;

/**
 * The main window: menu bar; the builder on the left; live charts, history, energy (and compare tabs) on the
 * right above the run queue; a status bar. Wires the feature ViewModels to each other and to the run layer.
 */
public final class MainWindow {

    /** Tab ids. */
    public static final String LIVE_TAB = "tab-live";
    public static final String HISTORY_TAB = "tab-history";
    public static final String ENERGY_TAB = "tab-energy";

    private final AppContext ctx;
    private final BuilderViewModel builder;
    private final RunQueueViewModel queue;
    private final LiveChartsViewModel live;
    private final HistoryViewModel history;
    private final EnergyViewModel energy;
    private final BuilderView builderView;
    private final LiveChartsView liveView;
    private final HistoryView historyView;
    private final EnergyView energyView;
    private final QueueView queueView;
    private final TabPane tabs = new TabPane();
    private final SplitPane mainSplit = new SplitPane();
    private final SplitPane rightSplit = new SplitPane();
    private final BorderPane root = new BorderPane();
    private final Label status = new Label("Ready");
    private final List<RunResult> sessionResults = new ArrayList<>();
    private Theme theme;
    private boolean closing;

    public MainWindow(AppContext ctx) {
        this.ctx = ctx;
        builder = new BuilderViewModel(ctx.executor());
        ctx.settings().lastSpec().ifPresent(text -> {
            try {
                builder.loadYaml(text);
            } catch (SpecException | IllegalArgumentException e) {
                // a stale remembered spec (older format) is dropped: the defaults are a fine start
            }
        });
        int parallelism = (int) ctx.settings().getDouble(AppSettings.PARALLELISM, 1);
        queue = new RunQueueViewModel(ctx.runners(), parallelism, ctx.pump(), System::nanoTime);
        live = new LiveChartsViewModel();
        history = new HistoryViewModel(ctx.history(), ctx.executor(),
                e -> ctx.errors().show("The run history could not be read", e));
        energy = new EnergyViewModel();

        builderView = new BuilderView(builder, this::run);
        liveView = new LiveChartsView(live, ctx.pump(), ctx.errors());
        historyView = new HistoryView(history, this::compare, this::cloneAndChange, this::run, this::selected);
        energyView = new EnergyView(energy);
        queueView = new QueueView(queue);

        queue.addFinishedListener(this::finished);
        ctx.pump().addListener(this::notices);

        tabs.getTabs().addAll(tab("Live charts", LIVE_TAB, liveView), lazyTab("History", HISTORY_TAB, historyView),
                lazyTab("Energy", ENERGY_TAB, energyView));
        rightSplit.setOrientation(Orientation.VERTICAL);
        rightSplit.getItems().addAll(tabs, queueView);
        rightSplit.setDividerPositions(ctx.settings().getDouble(AppSettings.RIGHT_SPLIT, 0.74));
        mainSplit.getItems().addAll(builderView, rightSplit);
        mainSplit.setDividerPositions(ctx.settings().getDouble(AppSettings.MAIN_SPLIT, 0.27));
        SplitPane.setResizableWithParent(builderView, false);

        root.setTop(menuBar());
        root.setCenter(mainSplit);
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        Label active = new Label();
        active.textProperty().bind(queue.activeCountProperty().asString("%d run(s) active"));
        HBox bar = new HBox(status, spacer, active);
        bar.getStyleClass().add(Styles.STATUS_BAR);
        root.setBottom(bar);
        ctx.errors().lastMessageProperty().addListener((o, was, now) -> status.setText(now));
        theme = Theme.parse(ctx.settings().get(AppSettings.THEME, "light"));
        liveView.setDark(theme == Theme.DARK);
        history.refresh();
    }

    /** Puts the window on {@code stage}: size and theme as remembered, shortcuts, the close guard. */
    public Scene install(Stage stage) {
        Scene scene = new Scene(root, ctx.settings().getDouble(AppSettings.WIDTH, 1360),
                ctx.settings().getDouble(AppSettings.HEIGHT, 860));
        theme.applyTo(scene);
        stage.setScene(scene);
        stage.setTitle("Verdant — accuracy against energy");
        stage.setOnCloseRequest(this::closeRequested);
        ctx.errors().setOwner(stage);
        ctx.pump().start();
        return scene;
    }

    /** The context the window was built from (tests and the benchmark reach the pump through it). */
    AppContext context() {
        return ctx;
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

    public HistoryView historyView() {
        return historyView;
    }

    public EnergyView energyView() {
        return energyView;
    }

    /** Selects the tab with {@code id}. */
    public void showTab(String id) {
        tabs.getTabs().stream().filter(t -> id.equals(t.getId())).findFirst()
                .ifPresent(t -> tabs.getSelectionModel().select(t));
    }

    /** Queues a spec (Run button, Ctrl+R, Re-run). */
    public void run(ExperimentSpec spec) {
        RunItem item = queue.submit(spec);
        status.setText("Queued " + item.label());
        showTab(LIVE_TAB);
    }

    private void finished(RunItem item) {
        RunResult r = item.resultProperty().get();
        sessionResults.add(r);
        history.record(item.handle().id().orElseThrow().value(), r);
        energy.show(r);
        liveView.showPareto(sessionResults);
        status.setText(item.label() + " " + r.status().label()
                + (r.finalMetrics() != null ? String.format(" · accuracy %.3f", r.finalMetrics().accuracy()) : ""));
        if (r.status() == RunStatus.FAILED && !closing) {
            String details = "status: " + r.status().label() + "\nstarted: " + r.startedAt() + "\nended: " + r.endedAt()
                    + "\n\nmessage:\n" + r.message() + "\n\nspec:\n" + dev.verdant.spec.SpecCodec.toYaml(r.spec());
            ctx.errors().showWithDetails("Run " + item.label() + " failed", r.message(), details);
        }
    }

    private void notices(List<RunEvent> events) {
        RunListener notices = new RunListener() {
            @Override
            public void onNotice(RunEvent.Notice n) {
                status.setText(n.runId().label() + ": " + n.message());
            }
        };
        events.forEach(e -> e.deliverTo(notices));
    }

    private void selected(List<RunResult> runs) {
        if (!runs.isEmpty()) {
            energy.show(runs.get(0));
            liveView.showPareto(runs.size() >= 2 ? runs : sessionResults);
        }
    }

    /** Opens a Compare tab over two or more runs. */
    public void compare(List<RunResult> runs) {
        if (runs.size() < 2) {
            ctx.errors().show("Compare needs two runs", "Select two or more runs in the history table.", null);
            return;
        }
        CompareViewModel vm = new CompareViewModel(runs);
        Tab tab = tab(vm.title(), "tab-compare", new CompareView(vm, ctx.errors(), theme == Theme.DARK));
        tab.setClosable(true);
        tabs.getTabs().add(tab);
        tabs.getSelectionModel().select(tab);
    }

    private void cloneAndChange(ExperimentSpec spec) {
        builder.load(spec.withName(spec.name() + "-what-if"));
        status.setText("Loaded " + spec.name() + " into the builder: change it and press Run");
    }

    private static Tab tab(String title, String id, javafx.scene.Node content) {
        Tab t = new Tab(title, content);
        t.setId(id);
        t.setClosable(false);
        return t;
    }

    /**
     * A tab whose content joins the scene when the tab is first selected: hidden tables cost CSS and skin work
     * at launch for nothing.
     */
    private static Tab lazyTab(String title, String id, javafx.scene.Node content) {
        Tab t = tab(title, id, null);
        t.selectedProperty().addListener((o, was, now) -> {
            if (now && t.getContent() == null) {
                t.setContent(content);
            }
        });
        return t;
    }

    private MenuBar menuBar() {
        MenuItem open = item("Open spec…", "Shortcut+O", this::openSpec);
        MenuItem save = item("Save spec as…", "Shortcut+S", this::saveSpec);
        Menu presets = new Menu("Presets");
        Presets.load().forEach((name, yaml) -> {
            MenuItem p = new MenuItem(name);
            p.setOnAction(e -> loadText(yaml, "preset " + name));
            presets.getItems().add(p);
        });
        if (presets.getItems().isEmpty()) {
            MenuItem none = new MenuItem("(no presets found)");
            none.setDisable(true);
            presets.getItems().add(none);
        }
        MenuItem quit = item("Quit", "Shortcut+Q", () -> {
            javafx.stage.Window w = root.getScene() == null ? null : root.getScene().getWindow();
            if (w != null) {
                w.fireEvent(new WindowEvent(w, WindowEvent.WINDOW_CLOSE_REQUEST));
            }
        });
        Menu file = new Menu("File", null, open, save, presets, new SeparatorMenuItem(), quit);

        MenuItem run = item("Run", "Shortcut+R", () -> {
            if (builder.specProperty().get() != null) {
                run(builder.specProperty().get());
            }
        });
        run.disableProperty().bind(builder.validProperty().not());
        MenuItem cancel = item("Cancel latest run", "Shortcut+PERIOD", () -> {
            RunItem latest = queue.latestActive();
            if (latest != null) {
                queue.cancel(latest);
            }
        });
        MenuItem cancelAll = item("Cancel all runs", "Shortcut+Shift+PERIOD", queue::cancelAll);
        Menu parallel = new Menu("Runs at a time");
        ToggleGroup group = new ToggleGroup();
        for (int n : new int[] {1, 2, 4}) {
            RadioMenuItem r = new RadioMenuItem(n + (n == 1 ? " (fair energy figures)" : ""));
            r.setToggleGroup(group);
            r.setSelected(n == queue.parallelism());
            r.setOnAction(e -> {
                queue.setParallelism(n);
                ctx.settings().putDouble(AppSettings.PARALLELISM, n);
            });
            parallel.getItems().add(r);
        }
        Menu runMenu = new Menu("Run", null, run, cancel, cancelAll, new SeparatorMenuItem(), parallel);

        CheckMenuItem dark = new CheckMenuItem("Dark theme");
        dark.setSelected(theme() == Theme.DARK);
        dark.setAccelerator(KeyCombination.keyCombination("Shortcut+T"));
        dark.setOnAction(e -> setTheme(dark.isSelected() ? Theme.DARK : Theme.LIGHT));
        Menu view = new Menu("View", null, dark,
                item("Live charts", "Shortcut+1", () -> showTab(LIVE_TAB)),
                item("History", "Shortcut+2", () -> showTab(HISTORY_TAB)),
                item("Energy", "Shortcut+3", () -> showTab(ENERGY_TAB)));
        return new MenuBar(file, runMenu, view);
    }

    private Theme theme() {
        return theme == null ? Theme.parse(ctx.settings().get(AppSettings.THEME, "light")) : theme;
    }

    /** Switches the colour theme and remembers it. */
    public void setTheme(Theme t) {
        theme = t;
        ctx.settings().put(AppSettings.THEME, t.name().toLowerCase(java.util.Locale.ROOT));
        if (root.getScene() != null) {
            t.applyTo(root.getScene());
        }
        liveView.setDark(t == Theme.DARK);
    }

    private static MenuItem item(String text, String accelerator, Runnable action) {
        MenuItem m = new MenuItem(text);
        m.setAccelerator(KeyCombination.keyCombination(accelerator));
        m.setOnAction(e -> action.run());
        return m;
    }

    private void loadText(String yaml, String what) {
        try {
            builder.loadYaml(yaml);
            status.setText("Loaded " + what);
        } catch (SpecException e) {
            ctx.errors().show("Could not load " + what, e);
        }
    }

    private FileChooser specChooser() {
        FileChooser chooser = new FileChooser();
        chooser.getExtensionFilters().addAll(new FileChooser.ExtensionFilter("Experiment spec", "*.yaml", "*.yml",
                "*.json"), new FileChooser.ExtensionFilter("All files", "*"));
        return chooser;
    }

    private void openSpec() {
        File f = specChooser().showOpenDialog(root.getScene().getWindow());
        if (f != null) {
            builder.open(f.toPath(), () -> status.setText("Opened " + f),
                    e -> ctx.errors().show("Could not open " + f.getName(), e));
        }
    }

    private void saveSpec() {
        if (!builder.validProperty().get()) {
            ctx.errors().show("The spec is not valid yet", builder.problemSummaryProperty().get(), null);
            return;
        }
        FileChooser chooser = specChooser();
        chooser.setInitialFileName(builder.value("name").get() + ".yaml");
        File f = chooser.showSaveDialog(root.getScene().getWindow());
        if (f != null) {
            builder.save(f.toPath(), () -> status.setText("Saved " + f),
                    e -> ctx.errors().show("Could not save " + f.getName(), e));
        }
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
        String yaml = builder.toYaml();
        if (yaml != null) {
            s.putLastSpec(yaml);
        }
        s.save();
    }

    private void closeRequested(WindowEvent e) {
        e.consume(); // closing is asynchronous when runs must be cancelled first
        int activeRuns = queue.activeCountProperty().get();
        if (activeRuns > 0) {
            Alert ask = new Alert(Alert.AlertType.CONFIRMATION,
                    activeRuns + " run(s) are still active. Cancel them and quit? Completed epochs are kept and "
                            + "the runs are recorded as cancelled.", ButtonType.OK, ButtonType.CANCEL);
            ask.setHeaderText("Quit while runs are active?");
            ask.initOwner(root.getScene().getWindow());
            if (ask.showAndWait().orElse(ButtonType.CANCEL) != ButtonType.OK) {
                return;
            }
        }
        shutdown(() -> ((Stage) root.getScene().getWindow()).close());
    }

    /**
     * Cancels every run, waits off the FX thread until they have recorded their end, remembers the window's
     * state, then calls {@code then} on the FX thread.
     */
    public void shutdown(Runnable then) {
        closing = true;
        rememberState();
        status.setText("Cancelling active runs…");
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
