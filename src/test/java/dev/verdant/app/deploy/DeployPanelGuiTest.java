package dev.verdant.app.deploy;

import dev.verdant.app.Snapshots;
import dev.verdant.app.UiExecutor;
import dev.verdant.result.RunResult;
import dev.verdant.result.RunStatus;
import dev.verdant.run.DeployedModel;
import dev.verdant.run.Job;
import dev.verdant.spec.SpecCodec;
import dev.verdant.store.RunStore;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.layout.GridPane;
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

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The deployment panel estimates a stored, compressed run's serving cost from its delivered model's measured figures:
 * six labelled lines, each saying estimated where it is. Writes {@code target/snapshots/16-deploy.png}.
 */
@ExtendWith(ApplicationExtension.class)
class DeployPanelGuiTest {

    @TempDir
    static Path dir;

    private RunStore store;
    private DeployViewModel vm;
    private DeployView view;

    @Start
    void start(Stage stage) throws Exception {
        store = RunStore.open(dir.resolve("verdant.db"));
        vm = new DeployViewModel(UiExecutor.synchronous(), new DeployViewModel.Source(
                id -> DeployedModel.of(store, id), id -> store.spec(id).orElseThrow().energy()));
        view = new DeployView(vm);
        stage.setScene(new Scene(view, 900, 520));
        stage.show();
    }

    @AfterEach
    void close() throws Exception {
        store.close();
    }

    @Test
    void estimatesAStoredRunAndLabelsItEstimated(FxRobot robot) {
        RunResult r = Job.of(SpecCodec.parse("name: deploy-me\ndataset: { limit: 300 }\ntraining: { epochs: 1 }\n"
                + "device: cpu\nenergy: { pricePerKwh: 0.3 }\ncompression:\n  - { type: quantize, bits: 8 }\n"),
                store).runHere();
        assertEquals(RunStatus.COMPLETED, r.status(), r.message());
        robot.interact(() -> {
            vm.runIdProperty().set(r.id());
            vm.requestsPerDayProperty().set(1_000_000L);
            vm.batchProperty().set(8);
            robot.lookup("#" + DeployView.ESTIMATE_ID).queryAs(Button.class).fire();
        });
        WaitForAsyncUtils.waitForFxEvents();
        // six estimate lines and the delivered int8 model's line
        assertEquals(7, vm.lines().size(), vm.statusProperty().get());
        assertTrue(vm.statusProperty().get().contains("delivered (compressed") && vm.statusProperty().get()
                .contains("estimated"), vm.statusProperty().get());
        assertTrue(vm.lines().get(5)[1].startsWith("day "), vm.lines().get(5)[1]);
        GridPane grid = robot.lookup("#" + DeployView.RESULT_ID).queryAs(GridPane.class);
        assertEquals(14, grid.getChildren().size(), "a label and a value per line");
        // fp32 asked of a quantised model: its figures are the step's simulated ones, and say so
        assertTrue(vm.lines().get(1)[1].contains("(simulated "), vm.lines().get(1)[1]);
        var q = r.compression().get(1).int8();
        assertTrue(q.measured(), q.note());
        assertTrue(vm.lines().get(6)[1].startsWith(String.format(java.util.Locale.ROOT, "%.3f ms at 64, %.3f ms at 1, "
                + "measured (onnxruntime int8); fp32 on the same runtime", q.latencyMsBatch64(), q.latencyMsBatch1())),
                vm.lines().get(6)[1]);

        // int8 asked of it: the estimate starts from the int8 figures measured on integer kernels, no assumed factor
        robot.interact(() -> {
            vm.precisionProperty().set("int8");
            robot.lookup("#" + DeployView.ESTIMATE_ID).queryAs(Button.class).fire();
        });
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(vm.lines().get(1)[1].contains(String.format(java.util.Locale.ROOT,
                "(measured (onnxruntime int8) %.3f ms at 1, %.3f ms at 64)", q.latencyMsBatch1(),
                q.latencyMsBatch64())), vm.lines().get(1)[1]);
        assertTrue(vm.statusProperty().get().contains("from measured (onnxruntime int8) latency")
                && !vm.statusProperty().get().contains("assumed"), vm.statusProperty().get());
        Path[] png = new Path[1];
        robot.interact(() -> png[0] = Snapshots.write(view, "16-deploy"));
        assertTrue(Files.exists(png[0]));
    }
}
