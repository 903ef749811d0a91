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
     * @param description what the folder compares, in a sentence or two ("" when it says nothing): the first
     *                    paragraph of its {@code README.md}, else its {@code description} file, else the leading
     *                    comment of its first spec
     */
    public record Folder(String name, List<Preset> presets, List<Folder> folders, String description) {

        public Folder {
            presets = List.copyOf(presets);
            folders = List.copyOf(folders);
            description = description == null ? "" : description.strip();
        }

        /** A folder that says nothing about itself. */
        public Folder(String name, List<Preset> presets, List<Folder> folders) {
            this(name, presets, folders, "");
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
        return new Folder(name, presets, folders, describe(dir, presets));
    }

    /**
     * The user's own comparisons: each folder of specs under {@code dir} (e.g. {@code ~/.config/verdant/comparisons});
     * an empty folder when {@code dir} does not exist or cannot be read.
     */
    public static Folder user(Path dir) {
        if (!Files.isDirectory(dir)) {
            return new Folder("comparisons", List.of(), List.of());
        }
        try {
            return read(dir, "comparisons");
        } catch (IOException | RuntimeException e) {
            return new Folder("comparisons", List.of(), List.of()); // a convenience, as the shipped ones
        }
    }

    private static String describe(Path dir, List<Preset> presets) throws IOException {
        Path readme = dir.resolve("README.md");
        if (Files.isRegularFile(readme)) {
            String para = firstParagraph(Files.readString(readme, StandardCharsets.UTF_8));
            if (!para.isEmpty()) {
                return para;
            }
        }
        for (String name : List.of("description", "description.txt")) {
            Path file = dir.resolve(name);
            if (Files.isRegularFile(file)) {
                return Files.readString(file, StandardCharsets.UTF_8).replaceFirst("(?s)^\\s*description:\\s*", "")
                        .strip().replaceAll("\\s+", " ");
            }
        }
        if (!presets.isEmpty()) {
            // the shipped specs open with "# Comparison 'X vs Y': what differs"
            String first = presets.get(0).yaml().lines().findFirst().orElse("").strip();
            if (first.startsWith("#")) {
                return first.replaceFirst("^#+\\s*", "");
            }
        }
        return "";
    }

    /** The first paragraph of Markdown text that is not a heading, on one line. */
    static String firstParagraph(String markdown) {
        StringBuilder para = new StringBuilder();
        for (String line : markdown.lines().toList()) {
            String t = line.strip();
            if (t.startsWith("#") && para.length() == 0) {
                continue;
            }
            if (t.isEmpty()) {
                if (para.length() > 0) {
                    break;
                }
                continue;
            }
            para.append(para.length() == 0 ? "" : " ").append(t);
        }
        return para.toString();
    }

    private static Folder empty() {
        return new Folder("presets", List.of(), List.of());
    }
}
