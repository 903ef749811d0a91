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
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The spec presets shipped in {@code assets/presets} (copied into the jar by the build): single specs at the top
 * and one folder per comparison (e.g. {@code batchnorm-vs-none}), named by file or folder name without
 * {@code .yaml}. Works from a folder of classes (development) and from the jar.
 */
public final class Presets {

    private static final String FOLDER = "assets/presets";

    private Presets() {
    }

    /** One preset: its name (the file name without {@code .yaml}) and its YAML text. */
    public record Preset(String name, String yaml) {
    }

    /**
     * A folder of presets: its name, its specs and its sub-folders, both sorted by name.
     *
     * @param name    the folder's name ({@code presets} for the top)
     * @param presets the specs directly in the folder
     * @param folders the folders inside it (the comparisons, at the top)
     */
    public record Folder(String name, List<Preset> presets, List<Folder> folders) {

        public Folder {
            presets = List.copyOf(presets);
            folders = List.copyOf(folders);
        }

        /** True when neither the folder nor any folder inside it holds a spec. */
        public boolean isEmpty() {
            return presets.isEmpty() && folders.stream().allMatch(Folder::isEmpty);
        }

        /** How many specs the folder and its sub-folders hold. */
        public int size() {
            return presets.size() + folders.stream().mapToInt(Folder::size).sum();
        }
    }

    /** Preset name to YAML text for the specs at the top of the folder (not the comparisons), sorted by name. */
    public static Map<String, String> load() {
        Map<String, String> found = new TreeMap<>();
        catalogue().presets().forEach(p -> found.put(p.name(), p.yaml()));
        return found;
    }

    /** Every shipped preset, the comparison folders included; an empty folder when none are found. */
    public static Folder catalogue() {
        URL url = Presets.class.getClassLoader().getResource(FOLDER);
        if (url == null) {
            return empty();
        }
        try {
            URI uri = url.toURI();
            if ("jar".equals(uri.getScheme())) {
                try (FileSystem fs = FileSystems.newFileSystem(uri, Map.of())) {
                    return read(fs.getPath(FOLDER), "presets");
                }
            }
            return read(Path.of(uri), "presets");
        } catch (IOException | URISyntaxException | RuntimeException e) {
            // presets are a convenience: a broken jar entry leaves the menu shorter, not the window broken
            return empty();
        }
    }

    /** The presets in {@code dir} and its sub-folders (a user's own folder, or a test's). */
    public static Folder read(Path dir, String name) throws IOException {
        List<Preset> presets = new ArrayList<>();
        List<Folder> folders = new ArrayList<>();
        List<Path> entries;
        try (Stream<Path> list = Files.list(dir)) {
            entries = list.sorted(Comparator.comparing(p -> p.getFileName().toString())).toList();
        }
        for (Path p : entries) {
            String file = p.getFileName().toString().replaceFirst("/$", ""); // zip paths of folders end in '/'
            if (Files.isDirectory(p)) {
                Folder sub = read(p, file);
                if (!sub.isEmpty()) {
                    folders.add(sub);
                }
            } else if (file.endsWith(".yaml")) {
                try (InputStream in = Files.newInputStream(p)) {
                    presets.add(new Preset(file.substring(0, file.length() - ".yaml".length()),
                            new String(in.readAllBytes(), StandardCharsets.UTF_8)));
                }
            }
        }
        return new Folder(name, presets, folders);
    }

    private static Folder empty() {
        return new Folder("presets", List.of(), List.of());
    }
}
