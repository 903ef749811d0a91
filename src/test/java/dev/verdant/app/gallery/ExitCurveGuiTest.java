package dev.verdant.app.gallery;

import dev.verdant.app.Snapshots;
import dev.verdant.app.UiExecutor;
import dev.verdant.run.EarlyExitReport;
import dev.verdant.spec.Architecture;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The gallery's early-exit pane trains dscnn with a head after block 1 (one epoch, 400 digits) and draws the
 * threshold sweep as accuracy against estimated joules per sample: one point per threshold, and the threshold-1
 * point (heads off) equals the full network's accuracy measured separately. Writes
 * {@code target/snapshots/16-gallery-exits.png}.
 */
@ExtendWith(ApplicationExtension.class)
class ExitCurveGuiTest {

    private final GalleryViewModel vm = new GalleryViewModel(UiExecutor.synchronous());
    private GalleryView view;

    @Start
    void start(Stage stage) {
        view = new GalleryView(vm);
        stage.setScene(new Scene(view, 1200, 820));
        stage.show();
    }

    @Test
    void sweepDrawsOnePointPerThresholdAndThresholdOneIsTheFullNetwork(FxRobot robot) {
        vm.limitProperty().set(400);
        vm.exitArchProperty().set(Architecture.DSCNN);
        vm.exitAfterProperty().set(1);
        robot.interact(() -> robot.lookup("#" + GalleryView.EXIT_CURVE_ID).queryAs(Button.class).fire());
        WaitForAsyncUtils.waitForFxEvents();
        EarlyExitReport r = vm.exitReportProperty().get();
        assertNotNull(r, vm.statusProperty().get());
        assertEquals(EarlyExitReport.SWEEP.length, r.rows().size());
        for (int i = 0; i < r.rows().size(); i++) {
            assertEquals(EarlyExitReport.SWEEP[i], r.rows().get(i).threshold());
        }
        EarlyExitReport.Row last = r.rows().get(r.rows().size() - 1);
        assertEquals(1.0, last.threshold());
        assertNotNull(r.fullAccuracy());
        assertEquals(r.fullAccuracy(), last.accuracy(), 1e-9, "threshold 1 is the full network");
        assertEquals(1.0, last.shares()[last.shares().length - 1], 1e-9, "nobody leaves early at threshold 1");
        assertTrue(vm.statusProperty().get().contains("estimated"), vm.statusProperty().get());
        assertEquals(EarlyExitReport.SWEEP.length, view.exitPointCount(), "one drawn point per threshold");
        Path[] png = new Path[1];
        robot.interact(() -> png[0] = Snapshots.write(view, "16-gallery-exits"));
        assertTrue(Files.exists(png[0]));
    }
}
