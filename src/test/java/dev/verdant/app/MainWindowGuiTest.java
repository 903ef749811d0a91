package dev.verdant.app;

import dev.verdant.app.builder.BuilderView;
import dev.verdant.app.history.CompareView;
import dev.verdant.app.history.HistoryView;
import dev.verdant.app.queue.RunItem;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.Tab;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
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
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The window end to end, headless (Monocle): build digits + mlp, run two epochs and watch the accuracy chart get
 * its points, start and cancel a second run, compare the two, and see an invalid value disable Run. Writes
 * snapshots of the main views to {@code target/snapshots/}.
 */
@ExtendWith(ApplicationExtension.class)
class MainWindowGuiTest {

    @TempDir
    static Path settingsDir;

    private MainWindow window;
    private Stage stage;
    private FxUiExecutor executor;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        executor = new FxUiExecutor();
        AppSettings settings = AppSettings.in(settingsDir);
        // Monocle's headless screen is 1280x800: a larger window overflows its framebuffer
        settings.putDouble(AppSettings.WIDTH, 1280);
        settings.putDouble(AppSettings.HEIGHT, 800);
        AppContext ctx = AppContext.inMemory(settings, executor);
        window = new MainWindow(ctx);
        window.install(stage);
        stage.show();
    }

    @AfterEach
    void stop() throws Exception {
        window.queue().cancelAll();
        window.queue().shutdown(30);
        executor.close();
    }

    private long mark = System.nanoTime();

    private void lap(String what) {
        System.err.printf("[gui-test] %-28s %5.1f s%n", what, (System.nanoTime() - mark) / 1e9);
        mark = System.nanoTime();
    }

    @Test
    void runCompareCancelAndValidate(FxRobot robot) throws Exception {
        lap("launch");
        // launch: the builder is there and its default spec is valid
        Button run = robot.lookup("#" + BuilderView.RUN_BUTTON_ID).queryButton();
        assertFalse(run.isDisabled(), "the default spec is valid");
        robot.interact(() -> Snapshots.write(stage.getScene(), "01-builder"));

        // pick digits + mlp, a small slice, 2 epochs on the CPU
        robot.interact(() -> {
            combo(robot, "dataset.name").setValue("digits");
            combo(robot, "model.arch").setValue("mlp");
            combo(robot, "device").setValue("cpu");
        });
        type(robot, "dataset.limit", "400");
        type(robot, "training.epochs", "2");
        type(robot, "name", "gui-digits");
        assertTrue(window.builder().validProperty().get(), window.builder().problemSummaryProperty().get());

        lap("fill form");
        robot.clickOn(run);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> window.queue().items().size() == 1);
        WaitForAsyncUtils.waitFor(90, TimeUnit.SECONDS, () -> !window.queue().items().get(0).isActive()
                || window.live().accuracyDataset().getSeriesCount() == 1
                && window.live().accuracyDataset().getItemCount(0) == 2);
        WaitForAsyncUtils.waitForFxEvents(); // the rest of the pumped batch (charts) lands after the queue's part
        assertEquals(2, window.live().accuracyDataset().getItemCount(0),
                "run ended early: " + window.queue().items().get(0).messageProperty().get());
        lap("first run charted");
        RunItem first = window.queue().items().get(0);
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> !first.isActive());
        assertEquals("completed", first.statusProperty().get(), first.messageProperty().get());
        long firstId = first.handle().id().orElseThrow().value();
        assertEquals("run " + firstId + " gui-digits", first.label(), "the queue names the run as History does");
        assertEquals(first.label(), window.live().accuracyDataset().getSeriesKey(0), "and so does the chart legend");
        WaitForAsyncUtils.waitForFxEvents();
        robot.interact(() -> {
            window.liveView().redrawNow();
            Snapshots.write(stage.getScene(), "02-live-charts");
        });

        lap("first run done");
        // start a long second run and cancel it from the queue
        type(robot, "training.epochs", "5000");
        type(robot, "name", "gui-long");
        robot.push(javafx.scene.input.KeyCode.SHORTCUT, javafx.scene.input.KeyCode.R); // the Run shortcut
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> window.queue().items().size() == 2);
        RunItem second = window.queue().items().get(0);
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> !second.epochProperty().get().isEmpty());
        long t0 = System.nanoTime();
        robot.clickOn("#cancel-" + second.key());
        System.err.printf("cancel click took %.1f s%n", (System.nanoTime() - t0) / 1e9);
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> !second.isActive());
        assertEquals("cancelled", second.statusProperty().get());

        lap("second run cancelled");
        // both runs are in the history: select them and compare
        robot.interact(() -> window.showTab(MainWindow.HISTORY_TAB));
        TableView<?> table = robot.lookup("#" + HistoryView.TABLE_ID).queryTableView();
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> table.getItems().size() == 2);
        assertEquals("ID", table.getColumns().get(0).getText());
        assertEquals(List.of((double) second.handle().id().orElseThrow().value(), (double) firstId),
                List.of(table.getColumns().get(0).getCellData(0), table.getColumns().get(0).getCellData(1)),
                "History's ID column holds the ids the queue shows");
        robot.interact(() -> table.getSelectionModel().selectAll());
        robot.clickOn("#" + HistoryView.COMPARE_ID);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> window.tabs().getSelectionModel().getSelectedItem()
                .getText().startsWith("Compare"));
        TableView<?> spec = robot.lookup("#" + CompareView.SPEC_TABLE_ID).queryTableView();
        String compareTitle = window.tabs().getSelectionModel().getSelectedItem().getText();
        assertTrue(compareTitle.contains(first.label()) && compareTitle.contains(second.label()), compareTitle);
        assertTrue(spec.getItems().toString().contains("training.epochs"), spec.getItems().toString());
        WaitForAsyncUtils.waitForFxEvents();
        robot.interact(() -> Snapshots.write(stage.getScene(), "03-compare"));
        robot.interact(() -> {
            window.showTab(MainWindow.HISTORY_TAB);
            table.getSelectionModel().clearAndSelect(table.getItems().size() - 1);
        });
        WaitForAsyncUtils.waitForFxEvents();
        robot.interact(() -> Snapshots.write(stage.getScene(), "04-history"));
        robot.interact(() -> window.showTab(MainWindow.ENERGY_TAB));
        WaitForAsyncUtils.waitForFxEvents();
        robot.interact(() -> Snapshots.write(stage.getScene(), "05-energy"));
        robot.interact(() -> Snapshots.write(window.energyView().getContent(), "05b-energy-panel-full"));

        lap("compare + snapshots");
        // an invalid value disables Run and shows the validator's message
        type(robot, "training.learningRate", "abc");
        assertTrue(run.isDisabled());
        Label problems = robot.lookup("#" + BuilderView.PROBLEMS_ID).query();
        assertTrue(problems.getText().contains("'abc' is not a number"), problems.getText());
        type(robot, "training.learningRate", "-1");
        assertTrue(run.isDisabled());
        assertTrue(problems.getText().contains("must be above 0"), problems.getText());
        robot.interact(() -> window.showTab(MainWindow.LIVE_TAB));
        robot.interact(() -> Snapshots.write(stage.getScene(), "06-builder-invalid"));
        robot.interact(() -> window.setTheme(Theme.DARK));
        robot.interact(() -> Snapshots.write(stage.getScene(), "07-dark-theme"));
        // the open Compare tab's chart follows the switch too (it used to keep the theme it was opened with)
        CompareView compareView = (CompareView) window.tabs().getTabs().stream()
                .filter(t -> Tabs.COMPARE.equals(t.getId())).findFirst().orElseThrow().getContent();
        assertEquals(window.liveView().charts().get(0).getBackgroundPaint(),
                compareView.chart().getBackgroundPaint());
        assertEquals("dark", window.context().settings().get(AppSettings.THEME, "?"));

        // File -> Presets -> a comparison folder -> one of its specs loads it into the builder (fired, not
        // clicked: TestFX cannot find nodes of menus that are not showing)
        MenuBar bar = (MenuBar) ((javafx.scene.layout.BorderPane) window.root()).getTop();
        Menu presets = (Menu) item(bar.getMenus().get(0).getItems(), "Presets");
        Menu folder = (Menu) item(presets.getItems(), "batchnorm-vs-none");
        robot.interact(() -> item(folder.getItems(), "batch").fire());
        assertEquals("bn-batch", window.builder().value("name").get());
        assertEquals("batch", window.builder().value("model.norm").get());
        assertEquals("Loaded preset batch", window.state().statusProperty().get());
        lap("invalid value");
        assertTrue(Files.exists(Snapshots.DIR.resolve("02-live-charts.png")));
    }

    private static MenuItem item(java.util.List<MenuItem> items, String text) {
        return items.stream().filter(i -> text.equals(i.getText())).findFirst()
                .orElseThrow(() -> new AssertionError(text + " not among " + items));
    }

    @SuppressWarnings("unchecked")
    private static ComboBox<String> combo(FxRobot robot, String path) {
        return robot.lookup("#" + BuilderView.fieldId(path)).queryAs(ComboBox.class);
    }

    private static void type(FxRobot robot, String path, String text) {
        TextField field = robot.lookup("#" + BuilderView.fieldId(path)).queryAs(TextField.class);
        robot.doubleClickOn(field);
        robot.interact(field::selectAll);
        robot.write(text);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(text, field.getText());
    }
}
