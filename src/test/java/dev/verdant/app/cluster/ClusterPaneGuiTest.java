package dev.verdant.app.cluster;

import dev.verdant.app.Snapshots;
import dev.verdant.app.UiExecutor;
import dev.verdant.cluster.ClusterKey;
import dev.verdant.cluster.Worker;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Cluster settings pane as a user sees it: Start with no key says what to do; with a key the coordinator starts,
 * a joining worker appears with its CPU within the refresh, and Stop turns cluster mode off. Writes
 * {@code target/snapshots/cluster-settings.png}.
 */
@ExtendWith(ApplicationExtension.class)
class ClusterPaneGuiTest {

    @TempDir
    static Path dir;

    private ClusterViewModel vm;
    private ClusterView view;

    @Start
    void start(Stage stage) {
        // work runs on the calling (FX) thread here: the test waits for it instead of for a background pool
        vm = new ClusterViewModel(UiExecutor.synchronous(), null, null);
        view = new ClusterView(vm);
        stage.setScene(new Scene(view, 760, 620));
        stage.show();
    }

    @Test
    void startShowsJoinedWorkersAndStopTurnsClusterModeOff(FxRobot robot) throws Exception {
        Path keyFile = dir.resolve("cluster.key");
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        int p = port;
        robot.interact(() -> {
            vm.keyFileProperty().set(keyFile.toString());
            vm.portProperty().set(Integer.toString(p));
        });
        robot.clickOn("#cluster-start");
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(robot.lookup("#cluster-status").queryAs(Label.class).getText().contains("Create key"));

        robot.clickOn("Create key");
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(Files.exists(keyFile));
        robot.clickOn("#cluster-start");
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(robot.lookup("#cluster-stop").queryAs(Button.class).isDisabled() == false,
                robot.lookup("#cluster-status").queryAs(Label.class).getText());
        assertTrue(robot.lookup("#cluster-start").queryAs(Button.class).isDisabled());

        try (Worker w = Worker.join(new Worker.Settings("gpu-box", "127.0.0.1", port, null, null, null, 500),
                ClusterKey.load(keyFile))) {
            TableView<?> workers = robot.lookup("#cluster-workers").queryAs(TableView.class);
            WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> workers.getItems().size() == 1);
            assertEquals("gpu-box", ((ClusterViewModel.WorkerRow) workers.getItems().get(0)).name());
            Path[] png = new Path[1];
            robot.interact(() -> png[0] = Snapshots.write(view, "cluster-settings"));
            assertTrue(Files.exists(png[0]));
        }
        robot.clickOn("#cluster-stop");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("Cluster mode is off: nothing listens.",
                robot.lookup("#cluster-status").queryAs(Label.class).getText());
        robot.interact(view::dispose);
    }
}
