package dev.verdant.app.sweep;

import dev.verdant.app.AppContext;
import dev.verdant.app.AppSettings;
import dev.verdant.app.FxUiExecutor;
import dev.verdant.app.MainWindow;
import dev.verdant.app.Snapshots;
import dev.verdant.app.builder.BuilderView;
import dev.verdant.app.history.StoreHistory;
import dev.verdant.store.RunStore;
import dev.verdant.store.TrialRecord;
import dev.verdant.store.TrialStatus;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.jfree.data.xy.XYSeries;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Sweeps tab end to end, headless: build a small halving sweep in the window (two parameters, eta 2, 1 then 2
 * epochs), run it with real training, and see the pruned trials' lines end on the chart (a red square where each
 * ends) while the promoted ones go on. Writes {@code target/snapshots/sweep.png}.
 */
@ExtendWith(ApplicationExtension.class)
class SweepGuiTest {

    @TempDir
    static Path dir;

    private MainWindow window;
    private Stage stage;
    private FxUiExecutor executor;
    private RunStore store;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        executor = new FxUiExecutor();
        AppSettings settings = AppSettings.in(dir.resolve("settings"));
        settings.putDouble(AppSettings.WIDTH, 1280);
        settings.putDouble(AppSettings.HEIGHT, 800);
        store = RunStore.open(dir.resolve("v.db"));
        window = new MainWindow(AppContext.of(settings, executor, new StoreHistory(store)));
        window.install(stage);
        stage.show();
    }

    @AfterEach
    void stop() throws Exception {
        window.queue().cancelAll();
        window.queue().shutdown(30);
        executor.close();
        store.close();
    }

    @Test
    void aSmallSweepBuiltInTheWindowEndsItsPrunedLines(FxRobot robot) throws Exception {
        // a small base in the builder: 300 digits, cpu
        type(robot, "dataset.limit", "300");
        type(robot, "training.epochs", "2");
        robot.interact(() -> window.showTab(SweepTab.ID));
        WaitForAsyncUtils.waitForFxEvents();
        SweepView view = robot.lookup(".split-pane").queryAll().stream().filter(SweepView.class::isInstance)
                .map(SweepView.class::cast).findFirst().orElseThrow();
        robot.clickOn("#" + SweepView.ADD_ID);
        robot.clickOn("#" + SweepView.ADD_ID);
        WaitForAsyncUtils.waitForFxEvents();
        SweepViewModel vm = view.viewModel();
        assertEquals(2, vm.parameters().size());
        robot.interact(() -> {
            vm.parameters().get(0).valuesProperty().set("0.0003, 0.01");
            vm.parameters().get(1).pathProperty().set("model.hidden");
            vm.parameters().get(1).valuesProperty().set("[4], [32]");
        });
        write(robot, "#sweep-eta", "2");
        write(robot, "#sweep-max-epochs", "2");
        assertTrue(vm.validate(), vm.problemsProperty().get());
        robot.interact(() -> Snapshots.write(stage.getScene(), "sweep-builder"));
        javafx.scene.control.Button start = robot.lookup("#" + SweepView.START_ID).queryButton();
        assertFalse(start.isDisabled());
        robot.interact(start::fire); // the button may sit below the builder's scrolled fold on a 800-pixel screen
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> vm.runningProperty().get() || !vm.rows().isEmpty());
        WaitForAsyncUtils.waitFor(150, TimeUnit.SECONDS, () -> !vm.runningProperty().get());
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(vm.statusProperty().get().startsWith("The sweep completed"), vm.statusProperty().get());

        List<TrialRecord> trials = store.sweeps().trials(vm.sweepId());
        List<Integer> pruned = trials.stream().filter(t -> t.status() == TrialStatus.PRUNED)
                .map(TrialRecord::config).toList();
        List<Integer> promoted = trials.stream().filter(t -> t.rung() == 1).map(TrialRecord::config).toList();
        assertEquals(2, pruned.size(), "eta 2 prunes half of 4: " + trials);
        assertEquals(2, promoted.size());
        XYSeries ends = vm.prunedEnds().getSeries(0);
        assertEquals(2, ends.getItemCount(), "one end mark per pruned trial");
        for (int config : pruned) {
            XYSeries line = vm.curves().getSeries("config " + config);
            assertEquals(1, line.getItemCount(), "a pruned line stops after its one rung-0 epoch");
            boolean marked = false;
            for (int i = 0; i < ends.getItemCount(); i++) {
                marked |= ends.getX(i).equals(line.getX(0)) && ends.getY(i).equals(line.getY(0));
            }
            assertTrue(marked, "the end of config " + config + "'s line is marked");
        }
        for (int config : promoted) {
            XYSeries line = vm.curves().getSeries("config " + config);
            assertEquals(3, line.getItemCount(), "a promoted line goes on: 1 epoch at rung 0, 2 at rung 1");
            assertTrue(line.getMaxX() > line.getX(0).doubleValue(), "to the right: joules keep adding up");
        }
        assertFalse(vm.recommendationProperty().get().isEmpty());
        assertEquals(1, vm.front().getSeries(1).getItemCount(), "the recommendation is highlighted");
        assertEquals(4, vm.coordinates().size(), "parallel coordinates: one line per configuration");
        assertEquals(6, vm.rows().size(), "the table has every trial");
        robot.interact(() -> Snapshots.write(stage.getScene(), "sweep"));
    }


    private static void write(FxRobot robot, String query, String text) {
        TextField field = robot.lookup(query).queryAs(TextField.class);
        robot.clickOn(field);
        robot.interact(field::selectAll);
        robot.write(text);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(text, field.getText());
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
