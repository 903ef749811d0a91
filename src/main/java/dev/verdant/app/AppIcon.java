package dev.verdant.app;

import javafx.scene.image.Image;
import javafx.stage.Stage;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * The window's icon, in every size the platforms ask for (the window manager picks the one it draws: 16 px in a
 * title bar, 48 or more in a task switcher). Rendered from {@code assets/icons/verdant.svg}; the installers use the
 * same files.
 */
public final class AppIcon {

    /** The sizes shipped on the classpath, in pixels (square). */
    static final List<Integer> SIZES = List.of(16, 24, 32, 48, 64, 128, 256);

    private AppIcon() {
    }

    /** The classpath resource of one size. */
    static String resource(int size) {
        return "/assets/icons/verdant-" + size + ".png";
    }

    /** Sets the icons on {@code stage}. A missing icon file is no reason not to open the window: it is skipped. */
    public static void applyTo(Stage stage) {
        stage.getIcons().setAll(images());
    }

    /** The icon images found on the classpath, smallest first. */
    static List<Image> images() {
        List<Image> images = new ArrayList<>();
        for (int size : SIZES) {
            try (InputStream in = AppIcon.class.getResourceAsStream(resource(size))) {
                if (in != null) {
                    images.add(new Image(in));
                }
            } catch (IOException e) {
                // closing a classpath stream does not fail in practice; the icon is cosmetic either way
            }
        }
        return images;
    }
}
