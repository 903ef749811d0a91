package dev.verdant.train;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Platform;

import java.nio.file.Path;

/**
 * Configures DJL before its engine first loads: offline (no model-zoo or library downloads), usage tracking off,
 * and libtorch extracted into Verdant's per-user cache folder instead of {@code ~/.djl.ai}.
 *
 * <p>The cache folder is {@code $VERDANT_CACHE_DIR}, else {@code $XDG_CACHE_HOME/verdant/djl}, else
 * {@code ~/.cache/verdant/djl} ({@code %LOCALAPPDATA%\Verdant\djl} on Windows). An explicit
 * {@code ENGINE_CACHE_DIR} (system property or environment) still wins.
 *
 * <p>It also makes libtorch's OpenMP threads sleep instead of spin while they wait ({@code OMP_WAIT_POLICY=PASSIVE}),
 * see {@link #configureThreads}: with the default spin-waiting, convolution training fell to a fraction of its speed
 * whenever another process shared the cores (docs/performance.md).
 */
public final class DjlRuntime {

    private DjlRuntime() {
    }

    /**
     * The OpenMP wait policy Verdant asks for unless the environment sets one: {@code PASSIVE} by default;
     * {@code -Dverdant.omp.wait=default} leaves the runtime's own default (spin, then sleep), {@code ACTIVE} spins.
     */
    static final String WAIT_POLICY_PROPERTY = "verdant.omp.wait";

    private static boolean threadsConfigured;

    /** Idempotent; call before anything touches {@code ai.djl.engine.Engine}. */
    public static synchronized void configureOffline() {
        configureThreads();
        System.setProperty("ai.djl.offline", "true");
        System.setProperty("OPT_OUT_TRACKING", "true");
        if (System.getProperty("ENGINE_CACHE_DIR") == null && System.getenv("ENGINE_CACHE_DIR") == null) {
            System.setProperty("ENGINE_CACHE_DIR", cacheDir().toString());
        }
    }

    /**
     * Sets {@code OMP_WAIT_POLICY} in the process environment (through the C library, as libtorch's OpenMP runtime
     * reads it with {@code getenv} when it loads) unless it is already set. Idempotent; has no effect once libtorch
     * is loaded, so it runs before the engine's first use.
     *
     * <p>Why: libtorch's OpenMP threads spin for up to ~300,000 iterations at every barrier by default. On a desktop
     * the cores are shared (the window, other programs): a spinning thread then burns the time slice the thread it
     * waits for needs, and convolution training (many short parallel regions per batch) collapsed 10x and more. Sleeping
     * waiters cost a few microseconds per region on an idle machine.
     *
     * @return the policy in effect for Verdant's requests (null when it could not be set)
     */
    public static synchronized String configureThreads() {
        String existing = System.getenv("OMP_WAIT_POLICY");
        if (existing != null) {
            return existing;
        }
        String policy = System.getProperty(WAIT_POLICY_PROPERTY, "PASSIVE").toUpperCase(java.util.Locale.ROOT);
        if (threadsConfigured || policy.equals("DEFAULT")) {
            return policy;
        }
        threadsConfigured = true;
        try {
            if (Platform.isWindows()) {
                Native.load("msvcrt", WindowsC.class)._putenv_s("OMP_WAIT_POLICY", policy);
            } else {
                Native.load("c", PosixC.class).setenv("OMP_WAIT_POLICY", policy, 0);
            }
            return policy;
        } catch (UnsatisfiedLinkError | RuntimeException e) {
            return null; // training still works, only less robust when the cores are shared
        }
    }

    /** The one C library call needed on Linux and macOS. */
    interface PosixC extends Library {
        int setenv(String name, String value, int overwrite);
    }

    /** The one C runtime call needed on Windows. */
    interface WindowsC extends Library {
        int _putenv_s(String name, String value);
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
