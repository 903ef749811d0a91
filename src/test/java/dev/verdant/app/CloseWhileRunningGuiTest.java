package dev.verdant.app;

import dev.verdant.app.history.StoreHistory;
import dev.verdant.app.queue.RunItem;
import dev.verdant.result.RunResult;
import dev.verdant.result.RunStatus;
import dev.verdant.spec.DatasetSpec;
import dev.verdant.spec.ExperimentSpec;
import dev.verdant.spec.TrainingSpec;
import dev.verdant.store.RunFilter;
import dev.verdant.store.RunStore;
import dev.verdant.store.RunSummary;
import javafx.application.Platform;
import javafx.stage.Stage;
import javafx.stage.WindowEvent;
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
 * Closing the window while a run is active asks first, then cancels the run; the store records it as cancelled
 * and the window's size and last spec are remembered.
 */
@ExtendWith(ApplicationExtension.class)
class CloseWhileRunningGuiTest {

    @TempDir
    static Path dir;

    private MainWindow window;
    private Stage stage;
    private Path db;

    @Start
    void start(Stage primary) {
        // The window gets its own stage: closing TestFX's primary stage leaves Monocle without pulses for the
        // test classes that run after this one in the same JVM.
        primary.setScene(new javafx.scene.Scene(new javafx.scene.layout.Pane(), 10, 10));
        primary.show();
        Stage stage = new Stage();
        this.stage = stage;
        db = dir.resolve("verdant.db");
        AppSettings settings = AppSettings.in(dir.resolve("config"));
        settings.putDouble(AppSettings.WIDTH, 1100);
        settings.putDouble(AppSettings.HEIGHT, 700);
        AppContext ctx = AppContext.of(settings, new FxUiExecutor(), new StoreHistory(RunStore.open(db)));
        window = new MainWindow(ctx);
        window.install(stage);
        stage.show();
    }

    @Test
    void aFailingRunShowsTheEnginesMessageWithDetailsNotAStackTrace(FxRobot robot) throws Exception {
        ExperimentSpec spec = ExperimentSpec.defaults().withName("broken").withDevice("cpu")
                .withDataset(DatasetSpec.defaults().withName("csv").withPath(dir.resolve("missing.csv").toString()));
        RunItem[] item = new RunItem[1];
        robot.interact(() -> item[0] = window.queue().submit(spec));
        item[0].handle().await(60, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> robot.lookup(".dialog-pane").tryQuery().isPresent());
        javafx.scene.control.DialogPane pane = robot.lookup(".dialog-pane").query();
        String message = item[0].handle().result().get().message();
        // it failed before its store row was made: no id to show, so it is named by its spec's name alone
        assertEquals("Run broken failed", pane.getHeaderText());
        assertEquals(message, pane.getContentText());
        assertTrue(message.contains("missing.csv"), message);
        assertFalse(pane.getContentText().contains("Exception"), "no stack trace up front");
        robot.interact(() -> pane.setExpanded(true));
        assertTrue(((javafx.scene.control.TextArea) pane.getExpandableContent()).getText().contains("name: broken"));
        robot.interact(() -> Snapshots.write(pane, "09-run-failed-dialog"));
        robot.clickOn("OK");
    }

    @Test
    void asksThenCancelsAndTheStoreSaysCancelled(FxRobot robot) throws Exception {
        ExperimentSpec spec = ExperimentSpec.defaults().withName("closing").withDevice("cpu")
                .withDataset(DatasetSpec.defaults().withName("digits").withLimit(300))
                .withTraining(TrainingSpec.defaults().withEpochs(5000));
        RunItem[] item = new RunItem[1];
        robot.interact(() -> {
            window.builder().load(spec);
            item[0] = window.queue().submit(spec);
        });
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> "running".equals(item[0].statusProperty().get()));

        Platform.runLater(() -> stage.fireEvent(new WindowEvent(stage, WindowEvent.WINDOW_CLOSE_REQUEST)));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.lookup("Cancel").tryQuery().isPresent());
        robot.interact(() -> Snapshots.write(robot.lookup(".dialog-pane").query(), "08-close-while-running"));
        robot.clickOn("OK");
        RunResult cancelled = item[0].handle().await(60, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> !stage.isShowing());

        assertEquals(RunStatus.CANCELLED, cancelled.status());
        assertEquals("run " + cancelled.id() + " closing", item[0].label(), "the queue names the run by its store id");
        try (RunStore store = RunStore.open(db)) {
            List<RunSummary> runs = store.list(RunFilter.all());
            assertEquals(1, runs.size());
            assertEquals(RunStatus.CANCELLED, runs.get(0).status());
        }
        AppSettings remembered = AppSettings.in(dir.resolve("config"));
        assertEquals(1100, remembered.getDouble(AppSettings.WIDTH, 0), 1);
        assertTrue(remembered.lastSpec().orElseThrow().contains("name: closing"));
        assertTrue(Files.exists(dir.resolve("config").resolve("settings.properties")));
        assertFalse(window.queue().activeCountProperty().get() > 0);
    }
}
