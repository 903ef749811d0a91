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

    /**
     * Whether Verdant tunes the C allocator ({@link #configureAllocator}): on unless {@code -Dverdant.malloc=default}.
     */
    static final String MALLOC_PROPERTY = "verdant.malloc";

    /** Blocks up to this size come from the allocator's heaps instead of a fresh {@code mmap} each time. */
    static final int MMAP_THRESHOLD = 32 << 20;

    /** Free memory a heap keeps at its top before it is handed back to the system. */
    static final int TRIM_THRESHOLD = 128 << 20;

    private static boolean threadsConfigured;
    private static Boolean allocatorConfigured;
    /** The C library once the allocator is tuned, for {@link #releaseFreeMemory}; null otherwise. */
    private static volatile Glibc glibc;

    /** Idempotent; call before anything touches {@code ai.djl.engine.Engine}. */
    public static synchronized void configureOffline() {
        configureThreads();
        configureAllocator();
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

    /**
     * Keeps the C allocator from returning every freed tensor's memory to the system (glibc on Linux only; elsewhere
     * nothing changes). Idempotent; takes effect at once, also after libtorch has loaded.
     *
     * <p>Why: libtorch allocates each tensor with {@code malloc} and frees it when the tensor dies, and a training step
     * makes and drops a few MB of them (activations, gradients, the optimiser's temporaries). With glibc's default
     * thresholds the freed memory went back to the kernel at once (heap trimming), so the next step faulted the same
     * pages in again, zero-filled: about 900 page faults per MLP batch, and the optimiser update took 1.6x as long
     * (docs/performance.md). Fixed thresholds (blocks up to {@value #MMAP_THRESHOLD} bytes from the heap, trimming only
     * beyond {@value #TRIM_THRESHOLD} free bytes) keep the memory of one step for the next; {@link #releaseFreeMemory}
     * hands it back when a session ends. A user's own {@code MALLOC_*_} environment settings win.
     *
     * @return true when the thresholds were set
     */
    public static synchronized boolean configureAllocator() {
        if (allocatorConfigured != null) {
            return allocatorConfigured;
        }
        allocatorConfigured = false;
        if (!Platform.isLinux() || "default".equalsIgnoreCase(System.getProperty(MALLOC_PROPERTY, ""))
                || System.getenv("MALLOC_MMAP_THRESHOLD_") != null || System.getenv("MALLOC_TRIM_THRESHOLD_") != null) {
            return false;
        }
        try {
            Glibc c = Native.load("c", Glibc.class);
            allocatorConfigured = c.mallopt(Glibc.M_MMAP_THRESHOLD, MMAP_THRESHOLD) == 1
                    & c.mallopt(Glibc.M_TRIM_THRESHOLD, TRIM_THRESHOLD) == 1;
            glibc = allocatorConfigured ? c : null;
        } catch (UnsatisfiedLinkError | RuntimeException e) {
            allocatorConfigured = false; // not glibc (e.g. musl): training works, only with more page faults
        }
        return allocatorConfigured;
    }

    /**
     * Hands the C allocator's free memory back to the system ({@code malloc_trim}, which also releases free pages
     * inside the heaps); called after each epoch and when a training session closes, since
     * {@link #configureAllocator} keeps freed memory for the next step. Does nothing where the allocator was not tuned.
     */
    public static void releaseFreeMemory() {
        Glibc c = glibc;
        if (c != null) {
            try {
                c.malloc_trim(0);
            } catch (UnsatisfiedLinkError | RuntimeException e) {
                // nothing to give back then
            }
        }
    }

    /** The one C library call needed on Linux and macOS. */
    interface PosixC extends Library {
        int setenv(String name, String value, int overwrite);
    }

    /** glibc's allocator tuning (malloc.h). */
    interface Glibc extends Library {
        int M_TRIM_THRESHOLD = -1;
        int M_MMAP_THRESHOLD = -3;

        int mallopt(int param, int value);

        int malloc_trim(long pad);
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
