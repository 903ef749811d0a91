package dev.verdant.app;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;

/**
 * What the window remembers between sessions: size, split positions, theme, queue parallelism and the last spec.
 * Kept as a small properties file plus {@code last-spec.yaml} in a folder the caller chooses, so tests never touch
 * the real user's home. Reading never fails: a missing or damaged file means defaults.
 */
public final class AppSettings {

    /** Keys of the remembered values. */
    public static final String WIDTH = "window.width";
    public static final String HEIGHT = "window.height";
    public static final String MAIN_SPLIT = "split.main";
    public static final String RIGHT_SPLIT = "split.right";
    public static final String THEME = "theme";
    public static final String PARALLELISM = "queue.parallelism";

    private static final String FILE = "settings.properties";
    private static final String LAST_SPEC = "last-spec.yaml";

    private final Path dir;
    private final Properties values = new Properties();

    private AppSettings(Path dir) {
        this.dir = dir;
        Path file = dir.resolve(FILE);
        if (Files.isReadable(file)) {
            try (InputStream in = Files.newInputStream(file)) {
                values.load(in);
            } catch (IOException | IllegalArgumentException e) {
                values.clear(); // a damaged file is not worth an error dialog: start from defaults
            }
        }
    }

    /** Settings kept in {@code dir} (created on the first save). */
    public static AppSettings in(Path dir) {
        return new AppSettings(dir);
    }

    /**
     * The user's settings folder: {@code -Dverdant.config.dir}, else {@code $XDG_CONFIG_HOME/verdant},
     * {@code %APPDATA%\Verdant} on Windows, or {@code ~/.config/verdant}.
     */
    public static Path defaultDir() {
        String override = System.getProperty("verdant.config.dir");
        if (override != null && !override.isBlank()) {
            return Path.of(override);
        }
        String xdg = System.getenv("XDG_CONFIG_HOME");
        if (xdg != null && !xdg.isBlank()) {
            return Path.of(xdg, "verdant");
        }
        String appData = System.getenv("APPDATA");
        if (appData != null && !appData.isBlank()) {
            return Path.of(appData, "Verdant");
        }
        return Path.of(System.getProperty("user.home"), ".config", "verdant");
    }

    public Path dir() {
        return dir;
    }

    public double getDouble(String key, double fallback) {
        try {
            String v = values.getProperty(key);
            return v == null ? fallback : Double.parseDouble(v);
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    public void putDouble(String key, double value) {
        if (Double.isFinite(value)) {
            values.setProperty(key, Double.toString(value));
        }
    }

    public String get(String key, String fallback) {
        return values.getProperty(key, fallback);
    }

    public void put(String key, String value) {
        values.setProperty(key, value);
    }

    /** The spec text open when the window last closed. */
    public Optional<String> lastSpec() {
        try {
            Path p = dir.resolve(LAST_SPEC);
            return Files.isReadable(p) ? Optional.of(Files.readString(p)) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    public void putLastSpec(String yaml) {
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve(LAST_SPEC), yaml);
        } catch (IOException e) {
            // remembering is a convenience; failing to remember must not stop the window from closing
        }
    }

    /** Writes the settings file; returns false when the folder is not writable. */
    public boolean save() {
        try {
            Files.createDirectories(dir);
            try (OutputStream out = Files.newOutputStream(dir.resolve(FILE))) {
                values.store(out, "Verdant window settings");
            }
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
