package dev.verdant.app;

import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.image.WritableImage;

import javax.imageio.ImageIO;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes scene and node snapshots to {@code target/snapshots/NAME.png}; call on the FX thread. */
public final class Snapshots {

    /** Where the snapshots go. */
    public static final Path DIR = Path.of("target", "snapshots");

    private Snapshots() {
    }

    public static Path write(Scene scene, String name) {
        return save(scene.snapshot(null), name);
    }

    public static Path write(Node node, String name) {
        return save(node.snapshot(null, null), name);
    }

    private static Path save(WritableImage image, String name) {
        try {
            Files.createDirectories(DIR);
            Path file = DIR.resolve(name + ".png");
            ImageIO.write(SwingFXUtils.fromFXImage(image, null), "png", file.toFile());
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
