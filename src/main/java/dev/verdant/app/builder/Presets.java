package dev.verdant.app.builder;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The spec presets shipped in {@code assets/presets} (copied into the jar by the build), by file name without
 * {@code .yaml}. Works from a folder of classes (development) and from the jar.
 */
public final class Presets {

    private static final String FOLDER = "assets/presets";

    private Presets() {
    }

    /** Preset name to YAML text, sorted by name; empty when none are found. */
    public static Map<String, String> load() {
        Map<String, String> found = new TreeMap<>();
        URL url = Presets.class.getClassLoader().getResource(FOLDER);
        if (url == null) {
            return found;
        }
        try {
            URI uri = url.toURI();
            if ("jar".equals(uri.getScheme())) {
                try (FileSystem fs = FileSystems.newFileSystem(uri, Map.of())) {
                    readAll(fs.getPath(FOLDER), found);
                }
            } else {
                readAll(Path.of(uri), found);
            }
        } catch (IOException | URISyntaxException | RuntimeException e) {
            // presets are a convenience: a broken jar entry leaves the menu shorter, not the window broken
        }
        return found;
    }

    private static void readAll(Path dir, Map<String, String> into) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            for (Path p : files.filter(f -> f.toString().endsWith(".yaml")).toList()) {
                try (InputStream in = Files.newInputStream(p)) {
                    String name = p.getFileName().toString().replaceFirst("\\.yaml$", "");
                    into.put(name, new String(in.readAllBytes(), StandardCharsets.UTF_8));
                }
            }
        }
    }
}
