package dev.verdant.app.dataeff;

import dev.verdant.app.Snapshots;
import dev.verdant.app.UiExecutor;
import dev.verdant.app.history.StoreHistory;
import dev.verdant.result.RunResult;
import dev.verdant.result.RunStatus;
import dev.verdant.run.Job;
import dev.verdant.spec.ActiveLearningSpec;
import dev.verdant.spec.DatasetSpec;
import dev.verdant.spec.ExperimentSpec;
import dev.verdant.store.InMemoryRunStore;
import javafx.scene.Scene;
import javafx.scene.control.Label;
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
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two stored active-learning runs (random and margin) appear as two lines in both charts of the Data efficiency tab
 * after Refresh; the rounds are read back from the store. Writes {@code target/snapshots/15-data-efficiency.png}.
 */
@ExtendWith(ApplicationExtension.class)
class DataEfficiencyGuiTest {

    @TempDir
    static Path dir;

    private InMemoryRunStore store;
    private final List<Throwable> errors = new ArrayList<>();
    private DataEfficiencyView view;

    @Start
    void start(Stage stage) {
        store = new InMemoryRunStore(dir.resolve("models"));
        DataEfficiencyViewModel vm = new DataEfficiencyViewModel(new StoreHistory(store), UiExecutor.synchronous(),
                errors::add);
        view = new DataEfficiencyView(vm, null);
        stage.setScene(new Scene(view, 1100, 560));
        stage.show();
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void storedRoundsBecomeOneLinePerStrategy(FxRobot robot) {
        for (String strategy : List.of("random", "margin")) {
            ExperimentSpec s = ExperimentSpec.defaults().withName("al-" + strategy).withDevice("cpu")
                    .withDataset(DatasetSpec.defaults().withLimit(600))
                    .withActiveLearning(new ActiveLearningSpec(strategy, 20, 20, 3, null, "continue", 2, null));
            RunResult r = Job.of(s.withTraining(s.training().withBatchSize(16).withLearningRate(0.01)), store)
                    .runHere();
            assertEquals(RunStatus.COMPLETED, r.status(), r.message());
        }
        robot.clickOn("#data-efficiency-refresh");
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(errors.isEmpty(), errors.toString());
        assertEquals(2, view.labelsChart().getXYPlot().getDataset().getSeriesCount());
        assertEquals(2, view.joulesChart().getXYPlot().getDataset().getSeriesCount());
        assertEquals(3, view.labelsChart().getXYPlot().getDataset().getItemCount(0), "one point per round");
        assertEquals(60.0, view.labelsChart().getXYPlot().getDataset().getXValue(0, 2), 0.0, "labels of round 3");
        String summary = robot.lookup("#data-efficiency-summary").queryAs(Label.class).getText();
        assertTrue(summary.contains("2 strategies from 2 runs") && summary.contains("joules"), summary);
        Path[] png = new Path[1];
        robot.interact(() -> png[0] = Snapshots.write(view, "15-data-efficiency"));
        assertTrue(Files.exists(png[0]));
    }
}
