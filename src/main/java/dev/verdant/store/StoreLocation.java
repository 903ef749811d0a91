package dev.verdant.store;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * Where the store file lives: the {@code --db} option, else the {@code VERDANT_DB} environment variable,
 * else the user's data folder of the platform.
 */
public final class StoreLocation {

    /** Environment variable naming the store file. */
    public static final String ENV = "VERDANT_DB";
    /** File name inside the data folder. */
    public static final String FILE_NAME = "verdant.db";

    private StoreLocation() {
    }

    /** The store file for a {@code --db} value (null or blank when not given). */
    public static Path resolve(String dbOption) {
        return resolve(dbOption, System.getenv(), System.getProperty("os.name"), System.getProperty("user.home"));
    }

    /** The platform's default store file, ignoring {@code --db} and {@code VERDANT_DB}. */
    public static Path platformDefault() {
        return platformDefault(System.getenv(), System.getProperty("os.name"), System.getProperty("user.home"));
    }

    /** {@link #resolve(String)} with the environment passed in, so tests need not change the real one. */
    static Path resolve(String dbOption, Map<String, String> env, String osName, String userHome) {
        if (dbOption != null && !dbOption.isBlank()) {
            return Path.of(dbOption).toAbsolutePath();
        }
        String fromEnv = env.get(ENV);
        if (fromEnv != null && !fromEnv.isBlank()) {
            return Path.of(fromEnv).toAbsolutePath();
        }
        return platformDefault(env, osName, userHome);
    }

    static Path platformDefault(Map<String, String> env, String osName, String userHome) {
        String os = osName == null ? "" : osName.toLowerCase(Locale.ROOT);
        Path home = Path.of(userHome);
        if (os.startsWith("windows")) {
            String appData = env.get("APPDATA");
            Path base = appData != null && !appData.isBlank() ? Path.of(appData) : home.resolve("AppData").resolve("Roaming");
            return base.resolve("Verdant").resolve(FILE_NAME);
        }
        if (os.startsWith("mac")) {
            return home.resolve("Library").resolve("Application Support").resolve("Verdant").resolve(FILE_NAME);
        }
        // XDG says a relative XDG_DATA_HOME is invalid and must be ignored.
        String xdg = env.get("XDG_DATA_HOME");
        Path base = xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute()
                ? Path.of(xdg) : home.resolve(".local").resolve("share");
        return base.resolve("verdant").resolve(FILE_NAME);
    }
}
