package dev.verdant.app;

import javafx.scene.image.Image;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The window's icon: every size is on the classpath, decodes at its size, and is not blank; the stage gets them. */
@ExtendWith(ApplicationExtension.class)
class AppIconGuiTest {

    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        AppIcon.applyTo(stage);
    }

    @Test
    void everySizeDecodesAtItsSizeAndIsDrawn() {
        List<Image> images = AppIcon.images();
        assertEquals(AppIcon.SIZES.size(), images.size(), "one image per size in " + AppIcon.SIZES);
        for (int i = 0; i < images.size(); i++) {
            Image image = images.get(i);
            int size = AppIcon.SIZES.get(i);
            assertFalse(image.isError(), AppIcon.resource(size) + " does not decode");
            assertEquals(size, (int) image.getWidth(), AppIcon.resource(size));
            assertEquals(size, (int) image.getHeight(), AppIcon.resource(size));
            // the tile is opaque in the middle and transparent in the corner (rounded): the file is a drawn icon
            int centre = image.getPixelReader().getArgb(size / 2, size / 2);
            int corner = image.getPixelReader().getArgb(0, 0);
            assertTrue((centre >>> 24) == 0xff, AppIcon.resource(size) + " centre alpha " + (centre >>> 24));
            assertTrue((corner >>> 24) < 0x40, AppIcon.resource(size) + " corner alpha " + (corner >>> 24));
        }
    }

    @Test
    void theStageCarriesEverySize() {
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(AppIcon.SIZES.size(), stage.getIcons().size());
        assertEquals(256, (int) stage.getIcons().get(stage.getIcons().size() - 1).getWidth());
    }
}
