package dev.verdant.train;

import java.nio.file.Path;

/**
 * Configures DJL before its engine first loads: offline (no model-zoo or library downloads), usage tracking off,
 * and libtorch extracted into Verdant's per-user cache folder instead of {@code ~/.djl.ai}.
 *
 * <p>The cache folder is {@code $VERDANT_CACHE_DIR}, else {@code $XDG_CACHE_HOME/verdant/djl}, else
 * {@code ~/.cache/verdant/djl} ({@code %LOCALAPPDATA%\Verdant\djl} on Windows). An explicit
 * {@code ENGINE_CACHE_DIR} (system property or environment) still wins.
 */
public final class DjlRuntime {

    private DjlRuntime() {
    }

    /** Idempotent; call before anything touches {@code ai.djl.engine.Engine}. */
    public static synchronized void configureOffline() {
        System.setProperty("ai.djl.offline", "true");
        System.setProperty("OPT_OUT_TRACKING", "true");
        if (System.getProperty("ENGINE_CACHE_DIR") == null && System.getenv("ENGINE_CACHE_DIR") == null) {
            System.setProperty("ENGINE_CACHE_DIR", cacheDir().toString());
        }
    }

    /** Where libtorch is extracted (about 430 MB on first start). */
    public static Path cacheDir() {
        String explicit = System.getenv("VERDANT_CACHE_DIR");
        if (explicit != null && !explicit.isBlank()) {
            return Path.of(explicit);
        }
        String os = System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT);
        String home = System.getProperty("user.home");
        if (os.contains("win") && System.getenv("LOCALAPPDATA") != null) {
            return Path.of(System.getenv("LOCALAPPDATA"), "Verdant", "djl");
        }
        if (os.contains("mac")) {
            return Path.of(home, "Library", "Caches", "Verdant", "djl");
        }
        String xdg = System.getenv("XDG_CACHE_HOME");
        return (xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(home, ".cache")).resolve("verdant").resolve("djl");
    }
}
