package dev.verdant.app;

import dev.verdant.app.history.StoreHistory;
import dev.verdant.app.live.ChartPane;
import dev.verdant.app.live.LiveChartsView;
import dev.verdant.app.queue.QueueView;
import dev.verdant.app.queue.RunItem;
import dev.verdant.spec.DatasetSpec;
import dev.verdant.spec.ExperimentSpec;
import dev.verdant.spec.TrainingSpec;
import dev.verdant.store.RunStore;
import dev.verdant.store.StoredGroup;
import javafx.geometry.Bounds;
import javafx.geometry.Point2D;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.stage.Stage;
import org.jfree.chart.entity.ChartEntity;
import org.jfree.chart.entity.LegendItemEntity;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The workbench at 1024x700 as a user meets it (issue 12): a comparison folder queued from the Comparisons menu,
 * queue rows that keep their Cancel button with a long notice, charts that keep a usable plot area, and a legend
 * click that hides a run. Real (tiny) runs stored in SQLite.
 */
@ExtendWith(ApplicationExtension.class)
class WorkbenchGuiTest {

    @TempDir
    static Path dir;

    private MainWindow window;
    private Stage stage;
    private FxUiExecutor executor;
    private RunStore store;
    private AppSettings settings;

    @Start
    void start(Stage stage) throws Exception {
        this.stage = stage;
        executor = new FxUiExecutor();
        Path config = Files.createDirectories(dir.resolve("config-" + System.nanoTime()));
        Path pair = Files.createDirectories(config.resolve("comparisons").resolve("tiny-pair"));
        Files.writeString(pair.resolve("README.md"), "# Tiny pair\n\nTwo MLPs on the digits that differ only in "
                + "their learning rate.\n\nMore text that is not the description.\n");
        Files.writeString(pair.resolve("slow.yaml"), tiny("tiny-slow", 0.0005));
        Files.writeString(pair.resolve("fast.yaml"), tiny("tiny-fast", 0.005));
        settings = AppSettings.in(config);
        settings.putDouble(AppSettings.WIDTH, 1024);
        settings.putDouble(AppSettings.HEIGHT, 700);
        store = RunStore.open(config.resolve("verdant.db"));
        window = new MainWindow(AppContext.of(settings, executor, new StoreHistory(store))
                .withDialogs(new RecordingDialogService()));
        window.install(stage);
        stage.show();
    }

    private static String tiny(String name, double lr) {
        return "name: " + name + "\nseed: 1\ndataset: { name: digits, limit: 200 }\nmodel: { arch: mlp, hidden: [16] }\n"
                + "training: { epochs: 1, batchSize: 50, learningRate: " + lr + " }\ndevice: cpu\n";
    }

    @AfterEach
    void stop() throws Exception {
        window.queue().cancelAll();
        window.queue().shutdown(30);
        executor.close();
    }

    @Test
    void aComparisonFolderQueuesAllItsSpecsAsOneGroup(FxRobot robot) throws Exception {
        MenuBar bar = (MenuBar) ((javafx.scene.layout.BorderPane) window.root()).getTop();
        Menu comparisons = bar.getMenus().stream().filter(m -> "Comparisons".equals(m.getText())).findFirst()
                .orElseThrow();
        List<String> names = comparisons.getItems().stream().map(MenuItem::getText).toList();
        assertTrue(names.containsAll(List.of("batchnorm-vs-none", "init-xavier-kaiming-lsuv", "tiny-pair")), names.toString());
        MenuItem pair = comparisons.getItems().stream().filter(i -> "tiny-pair".equals(i.getText())).findFirst()
                .orElseThrow();
        String shown = String.valueOf(((javafx.scene.control.CustomMenuItem) pair).getContent().lookupAll(".label")
                .stream().map(n -> ((Label) n).getText()).toList());
        assertTrue(shown.contains("differ only in their learning rate"), "the README's first paragraph: " + shown);

        robot.interact(pair::fire);
        assertEquals(2, window.queue().items().size());
        for (RunItem item : window.queue().items()) {
            item.handle().await(120, TimeUnit.SECONDS);
        }
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> window.queue().activeCountProperty().get() == 0);
        WaitForAsyncUtils.waitForFxEvents();
        List<StoredGroup> groups = store.groups();
        assertEquals(1, groups.size(), groups.toString());
        assertEquals("tiny-pair", groups.get(0).name());
        List<Long> ids = window.queue().items().stream().map(i -> i.handle().id().orElseThrow().value()).sorted()
                .toList();
        assertEquals(ids, groups.get(0).runIds().stream().sorted().toList(), "both runs are the group's members");
        assertEquals(List.of("completed", "completed"),
                window.queue().items().stream().map(i -> i.statusProperty().get()).toList());
        assertEquals(2, window.live().accuracyDataset().getSeriesCount(), "the charts show the comparison's runs");
        assertEquals(MainWindow.LIVE_TAB, window.tabs().getSelectionModel().getSelectedItem().getId());
        // History lists it as a comparison: each recipe's figure, not a mean and CI over different recipes
        robot.interact(() -> window.history().refresh());
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> window.history().groups().size() == 1);
        var row = window.history().groups().get(0);
        assertEquals("2 recipes (comparison)", row.runs());
        assertEquals(2, row.accuracy().split(" / ").length, row.accuracy());
        assertFalse(row.accuracy().contains("±"), row.accuracy());
    }

    @Test
    void aQueueRowWithALongNoticeKeepsItsCancelButtonInsideTheRow(FxRobot robot) throws Exception {
        ExperimentSpec spec = ExperimentSpec.defaults().withName("a-run-with-a-rather-long-name-to-test-clipping")
                .withDevice("cpu").withDataset(DatasetSpec.defaults().withName("digits").withLimit(300))
                .withTraining(TrainingSpec.defaults().withEpochs(5000));
        RunItem[] item = new RunItem[1];
        robot.interact(() -> item[0] = window.queue().submit(spec));
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> "running".equals(item[0].statusProperty().get()));
        String notice = "a very long notice that a run might give, ".repeat(8).trim();
        robot.interact(() -> item[0].messageProperty().set(notice));
        WaitForAsyncUtils.waitForFxEvents();
        Button cancel = robot.lookup("#cancel-" + item[0].key()).queryButton();
        Label status = robot.lookup("#status-" + item[0].key()).queryAs(Label.class);
        ListView<?> list = robot.lookup("#" + QueueView.LIST_ID).queryAs(ListView.class);
        Node cell = cancel;
        while (!(cell instanceof ListCell)) {
            cell = cell.getParent();
        }
        Bounds row = cell.localToScene(cell.getBoundsInLocal());
        Bounds pane = list.localToScene(list.getBoundsInLocal());
        for (Node n : List.of(cancel, status)) {
            Bounds b = n.localToScene(n.getBoundsInLocal());
            assertTrue(b.getMinX() >= row.getMinX() && b.getMaxX() <= row.getMaxX(), n + " " + b + " in " + row);
            assertTrue(b.getMaxX() <= pane.getMaxX(), n + " " + b + " visible in the list " + pane);
            assertTrue(b.getMaxY() <= row.getMaxY(), n + " " + b + " in " + row);
            assertTrue(n.isVisible() && b.getWidth() > 20, n + " shows its text: " + b);
        }
        Label message = (Label) robot.lookup(".verdant-queue-item .verdant-hint").queryAll().stream()
                .filter(n -> n instanceof Label l && notice.equals(l.getText())).findFirst().orElseThrow();
        Bounds m = message.localToScene(message.getBoundsInLocal());
        assertTrue(m.getMaxX() <= row.getMaxX() && m.getMaxY() <= row.getMaxY() + 1, "the notice wraps in the row: "
                + m + " in " + row);
        assertTrue(m.getHeight() > 2 * message.getFont().getSize(), "it wraps onto several lines: " + m);
        robot.interact(() -> Snapshots.write(stage.getScene(), "10-queue-long-notice-1024x700"));
        robot.clickOn(cancel);
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> !item[0].isActive());
        assertEquals("cancelled", item[0].statusProperty().get());
    }

    @Test
    void at1024x700EveryChartKeepsAPlotAreaOfAtLeast150Px(FxRobot robot) throws Exception {
        assertEquals(1024, stage.getScene().getWidth(), 1);
        robot.interact(() -> window.liveView().redrawNow());
        WaitForAsyncUtils.waitForFxEvents();
        LiveChartsView live = window.liveView();
        for (ChartPane p : List.of(live.accuracyPane(), live.lossPane(), live.powerPane(), live.paretoPane())) {
            var info = p.viewer().getRenderingInfo();
            assertNotNull(info, p.chart().getTitle().getText() + " was drawn");
            double h = info.getPlotInfo().getDataArea().getHeight();
            assertTrue(h >= LiveChartsView.MIN_PLOT_HEIGHT, p.chart().getTitle().getText() + ": plot area " + h
                    + " px high");
        }
        robot.interact(() -> Snapshots.write(stage.getScene(), "11-charts-1024x700"));
    }

    @Test
    void clickingALegendEntryHidesThatRunsSeries(FxRobot robot) throws Exception {
        RunItem[] item = new RunItem[1];
        robot.interact(() -> item[0] = window.queue().submit(dev.verdant.spec.SpecCodec.parse(tiny("legend", 0.005))
                .withTraining(TrainingSpec.defaults().withEpochs(2).withBatchSize(50))));
        item[0].handle().await(120, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> !item[0].isActive());
        robot.interact(() -> window.liveView().redrawNow());
        WaitForAsyncUtils.waitForFxEvents();
        ChartPane acc = window.liveView().accuracyPane();
        String run = item[0].label();
        assertTrue(acc.isRunVisible(run));
        LegendItemEntity legend = null;
        for (Object e : acc.viewer().getRenderingInfo().getEntityCollection().getEntities()) {
            if (e instanceof LegendItemEntity l) {
                legend = l;
            }
        }
        assertNotNull(legend, "the accuracy chart has a legend entry for the run");
        var area = ((ChartEntity) legend).getArea().getBounds2D();
        Point2D onScreen = acc.viewer().getCanvas().localToScreen(area.getCenterX(), area.getCenterY());
        robot.clickOn(onScreen);
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(acc.isRunVisible(run), "the run's series are hidden");
        assertEquals(List.of(run), acc.hiddenRuns());
        assertTrue(window.liveView().lossPane().isRunVisible(run), "only in the chart whose legend was clicked");
        robot.clickOn("#show-hidden-accuracy-vs-energy");
        assertTrue(acc.isRunVisible(run));
    }

    @Test
    void aBadGroupCountIsDecoratedBeforeRunAndOptionsThatDoNotApplyAreHidden(FxRobot robot) throws Exception {
        var builder = window.builder();
        var view = window.builderView();
        robot.interact(() -> {
            builder.value("dataset.name").set("digits");
            builder.value("model.arch").set("lenet5");
            builder.value("model.norm").set("batch");
        });
        assertFalse(view.control("model.groups").getParent().isVisible(), "groups only matter for group norm");
        assertFalse(view.control("model.width").getParent().isVisible(), "lenet5 ignores the width multiplier");
        assertFalse(view.control("model.channels").getParent().isVisible(), "and the base channels");
        @SuppressWarnings("unchecked")
        var init = (javafx.scene.control.ComboBox<String>) view.control("model.init");
        assertFalse(init.getItems().contains("zero-residual"), "zero-residual is for resnet: " + init.getItems());
        robot.interact(() -> builder.value("model.norm").set("group"));
        assertTrue(view.control("model.groups").getParent().isVisible());
        robot.interact(() -> builder.value("model.groups").set("5"));
        // the form alone accepts 5 (1..1024); the background dry-run builds LeNet-5 (6 and 16 channels) and says no
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> builder.problems().containsKey("model.groups"));
        WaitForAsyncUtils.waitForFxEvents();
        String why = builder.problems().get("model.groups");
        assertTrue(why.contains("5 groups do not divide"), why);
        assertTrue(view.control("model.groups").getStyleClass().contains(Styles.INVALID), "the field is marked");
        assertTrue(robot.lookup("#" + dev.verdant.app.builder.BuilderView.RUN_BUTTON_ID).queryButton().isDisabled(),
                "Run waits for a group count that fits");
        robot.interact(() -> Snapshots.write(stage.getScene(), "12-builder-bad-groups-1024x700"));
        robot.interact(() -> builder.value("model.groups").set("2"));
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> builder.validProperty().get());
        assertFalse(view.control("model.groups").getStyleClass().contains(Styles.INVALID));
    }

    @Test
    void theStepEditorRejectsAnUnknownKeyWithASentence(FxRobot robot) throws Exception {
        var step = dev.verdant.app.builder.PipelineStep.parse("prune", "sparsity=0.5; bogus=1");
        dev.verdant.app.builder.StepEditor[] editor = new dev.verdant.app.builder.StepEditor[1];
        robot.interact(() -> {
            editor[0] = new dev.verdant.app.builder.StepEditor(window.builder(),
                    dev.verdant.app.builder.BuilderViewModel.COMPRESSION, step);
            new javafx.scene.Scene(editor[0]);
        });
        String said = editor[0].problemsProperty().get();
        assertTrue(said.startsWith("'bogus' is not a setting of prune magnitude; its settings are scope, sparsity"),
                said);
        for (String raw : List.of("Unrecognized", "dev.verdant", "Exception", "ignorable")) {
            assertFalse(said.contains(raw), "no exception text: " + said);
        }
        // the same step in the builder's list: the list is marked with the same sentence, and Run waits
        robot.interact(() -> window.builder().compressionSteps().add(step));
        String listProblem = window.builder().problems().get(dev.verdant.app.builder.BuilderViewModel.COMPRESSION);
        assertTrue(listProblem != null && listProblem.contains("'bogus' is not a setting"), listProblem);
        assertFalse(window.builder().validProperty().get());
        robot.interact(() -> window.builder().compressionSteps().clear());

        // typed, checked as typed: a sparsity of 1.5 is refused by the spec's own range, a word is not a number
        robot.interact(() -> {
            editor[0] = new dev.verdant.app.builder.StepEditor(window.builder(),
                    dev.verdant.app.builder.BuilderViewModel.COMPRESSION, null);
            new javafx.scene.Scene(editor[0]);
            ((javafx.scene.control.TextField) editor[0].control("sparsity")).setText("1.5");
        });
        assertTrue(editor[0].problemsProperty().get().startsWith("sparsity: "), editor[0].problemsProperty().get());
        robot.interact(() -> ((javafx.scene.control.TextField) editor[0].control("sparsity")).setText("half"));
        assertEquals("sparsity: 'half' is not a number", editor[0].problemsProperty().get());
        robot.interact(() -> ((javafx.scene.control.TextField) editor[0].control("sparsity")).setText("0.5"));
        assertEquals("", editor[0].problemsProperty().get());
        assertEquals("0.5", editor[0].step().parameters().get("sparsity"));
        robot.interact(() -> Snapshots.write(editor[0], "13-step-editor"));
    }

    @Test
    void neighbouringCompressionLabelsGoOnDifferentRowsAlsoInTheSvgExport(FxRobot robot) throws Exception {
        var run = dev.verdant.run.RunId.stored(9);
        ExperimentSpec spec = AppSamples.spec("steps", 0.01);
        List<dev.verdant.run.RunEvent> events = new java.util.ArrayList<>();
        events.add(new dev.verdant.run.RunEvent.Started(run, spec, null, 100, 200, 4));
        events.add(new dev.verdant.run.RunEvent.EpochEnded(run, new dev.verdant.result.EpochRecord(1, 1.0, 0.6, 1.0,
                0.6, 1.5, 1000, 0.01, 1000, 10.0, 10.0), 1));
        String[] types = {"prune", "lowrank", "quantize", "distill"};
        for (int i = 0; i < types.length; i++) {
            events.add(new dev.verdant.run.RunEvent.StepEnded(run, new dev.verdant.result.CompressionReport(i + 1,
                    types[i] + " step", types[i], 0.58, 1000, 500, 4000, 2000, 0.1, 1.0, null, 0.1, 0.2, false,
                    "64-10", null), types.length));
        }
        robot.interact(() -> {
            window.liveView().apply(events);
            window.liveView().redrawNow();
        });
        List<Double> offsets = window.liveView().markLabelOffsets();
        assertEquals(4, offsets.size());
        assertEquals(4, new java.util.HashSet<>(offsets).size(), "four steps 0.2 J apart: four label rows " + offsets);
        Path svg = dir.resolve("steps.svg");
        dev.verdant.app.live.ChartExport.svg(window.liveView().charts().get(0), svg, 1000, 650);
        String text = Files.readString(svg);
        for (String t : types) {
            assertTrue(text.contains(">" + t + "<"), t + " is in the SVG export");
        }
        Path png = dir.resolve("steps.png");
        dev.verdant.app.live.ChartExport.png(window.liveView().charts().get(0), png, 1000, 650);
        Files.copy(png, Files.createDirectories(Snapshots.DIR).resolve("14-step-labels-export.png"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    @Test
    void theChartsBringBackTheLastSessionsRunsOnRelaunch(FxRobot robot) throws Exception {
        RunItem[] item = new RunItem[1];
        robot.interact(() -> item[0] = window.queue().submit(dev.verdant.spec.SpecCodec.parse(tiny("kept", 0.005))));
        item[0].handle().await(120, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> !item[0].isActive());
        WaitForAsyncUtils.waitForFxEvents();
        robot.interact(window::rememberState);
        MainWindow[] again = new MainWindow[1];
        robot.interact(() -> again[0] = new MainWindow(AppContext.of(settings, executor, new StoreHistory(store))
                .withDialogs(new RecordingDialogService())));
        try {
            WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS,
                    () -> again[0].live().accuracyDataset().getSeriesCount() == 1);
            assertEquals(item[0].label(), again[0].live().accuracyDataset().getSeriesKey(0));
            assertEquals(item[0].resultProperty().get().epochs().size(),
                    again[0].live().accuracyDataset().getItemCount(0), "one point per stored epoch");
            assertTrue(again[0].state().isCharted(item[0].handle().id().orElseThrow().value()));
        } finally {
            again[0].queue().shutdown(10);
        }
    }

    @Test
    void snapshotsAt1024x700And1920x1080LightAndDark(FxRobot robot) throws Exception {
        robot.interact(() -> window.runComparison("tiny-pair", List.of(
                dev.verdant.spec.SpecCodec.parse(tiny("tiny-slow", 0.0005)),
                dev.verdant.spec.SpecCodec.parse(tiny("tiny-fast", 0.005)))));
        for (RunItem item : window.queue().items()) {
            item.handle().await(120, TimeUnit.SECONDS);
        }
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> window.queue().activeCountProperty().get() == 0);
        WaitForAsyncUtils.waitForFxEvents();
        // off-screen scenes of each size (Monocle's headless screen is 1280x800, too small for a 1920x1080 stage)
        robot.interact(() -> stage.getScene().setRoot(new javafx.scene.layout.Pane()));
        for (int[] size : new int[][] {{1024, 700}, {1920, 1080}}) {
            for (Theme theme : Theme.values()) {
                javafx.scene.Scene[] scene = new javafx.scene.Scene[1];
                robot.interact(() -> {
                    if (window.root().getScene() != null) {
                        window.root().getScene().setRoot(new javafx.scene.layout.Pane());
                    }
                    scene[0] = new javafx.scene.Scene(window.root(), size[0], size[1]);
                    theme.applyTo(scene[0]);
                    window.setTheme(theme);
                    window.showTab(MainWindow.LIVE_TAB);
                    window.root().applyCss();
                    window.root().layout();
                });
                WaitForAsyncUtils.waitForFxEvents();
                robot.interact(() -> {
                    window.liveView().redrawNow();
                    window.root().layout();
                });
                WaitForAsyncUtils.waitForFxEvents();
                String name = size[0] + "x" + size[1] + "-" + theme.name().toLowerCase(java.util.Locale.ROOT);
                robot.interact(() -> Snapshots.write(scene[0], "20-live-" + name));
                assertEquals(size[0] >= 1900 ? 2 : 1, window.liveView().columns(), name);
                LiveChartsView live = window.liveView();
                for (ChartPane p : List.of(live.accuracyPane(), live.lossPane(), live.powerPane(), live.paretoPane())) {
                    double h = p.viewer().getRenderingInfo().getPlotInfo().getDataArea().getHeight();
                    assertTrue(h >= LiveChartsView.MIN_PLOT_HEIGHT, name + " " + p.chart().getTitle().getText()
                            + ": " + h);
                }
                robot.interact(() -> {
                    window.showTab(MainWindow.HISTORY_TAB);
                    window.historyView().table().getSelectionModel().select(0);
                    window.root().layout();
                });
                WaitForAsyncUtils.waitForFxEvents();
                robot.interact(() -> Snapshots.write(scene[0], "21-history-" + name));
            }
        }
        robot.interact(() -> {
            window.root().getScene().setRoot(new javafx.scene.layout.Pane());
            stage.getScene().setRoot(window.root());
        });
    }
}
