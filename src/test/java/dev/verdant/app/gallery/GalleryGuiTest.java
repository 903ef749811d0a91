package dev.verdant.app.gallery;

import dev.verdant.app.Snapshots;
import dev.verdant.app.UiExecutor;
import dev.verdant.run.ArchGallery;
import dev.verdant.spec.Architecture;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Architecture gallery trains three compact architectures for one epoch on 400 digits, fills its table (one row
 * each, measured figures), its two scatter charts and its teaching notes. Writes
 * {@code target/snapshots/16-gallery.png}.
 */
@ExtendWith(ApplicationExtension.class)
class GalleryGuiTest {

    private final GalleryViewModel vm = new GalleryViewModel(UiExecutor.synchronous());
    private GalleryView view;

    @Start
    void start(Stage stage) {
        view = new GalleryView(vm);
        stage.setScene(new Scene(view, 1100, 820));
        stage.show();
    }

    @Test
    void compareFillsTheTableChartsAndNotes(FxRobot robot) {
        vm.setArchitectures(List.of(Architecture.SQUEEZENET, Architecture.SHUFFLENET, Architecture.VIT_TINY));
        vm.limitProperty().set(400);
        robot.interact(() -> robot.lookup("#" + GalleryView.COMPARE_ID).queryAs(Button.class).fire());
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(3, vm.rows().size(), vm.statusProperty().get());
        for (ArchGallery.Row r : vm.rows()) {
            assertTrue(r.params() > 0 && r.flopsPerSample() > 0 && r.msBatch1() > 0, r.toString());
            assertTrue(r.accuracy() >= 0 && r.accuracy() <= 1, r.toString());
        }
        TableView<?> table = robot.lookup("#" + GalleryView.TABLE_ID).queryAs(TableView.class);
        assertEquals(3, table.getItems().size());
        assertTrue(vm.statusProperty().get().startsWith("Trained models"), vm.statusProperty().get());
        assertTrue(robot.lookup(".label").queryAllAs(javafx.scene.control.Label.class).stream()
                .anyMatch(l -> l.getText().contains("C C' / g versus C C'")), "shufflenet's teaching note");
        Path[] png = new Path[1];
        robot.interact(() -> png[0] = Snapshots.write(view, "16-gallery"));
        assertTrue(Files.exists(png[0]));
    }
}
