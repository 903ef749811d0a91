package dev.verdant.app;

import javafx.application.Application;

/**
 * Opens the window. A plain class (not an {@code Application}) so that {@code java -jar} on the classpath can
 * start JavaFX. When no display is available it says so on one line and returns a non-zero exit code.
 */
public final class Launcher {

    /**
     * Exit code when the window cannot open (no display, no graphics toolkit): 1, "failed", as for any command
     * that cannot do its work; 3 means a cancelled run (the exit codes each mean one thing, see the README).
     */
    public static final int NO_DISPLAY = 1;

    private static final long STARTED = System.nanoTime();
    /**
     * JavaFX warns "Unsupported JavaFX configuration: classes were loaded from 'unnamed module'" on every classpath
     * launch; that is how Verdant ships (STACK.md), so the warning is only noise. Held so it is not collected.
     */
    private static final java.util.logging.Logger FX_PLATFORM_LOG =
            java.util.logging.Logger.getLogger("javafx");
    private static volatile double shownAfterSeconds = Double.NaN;
    /**
     * System property: print the seconds from JVM start to the first drawn frame on stderr and close the window then.
     * For the startup benchmark and for recording the class-data sharing archive at package time (installers/).
     */
    public static final String EXIT_AFTER_FIRST_FRAME = "verdant.exitAfterFirstFrame";

    private Launcher() {
    }

    /** Opens the window and returns when it is closed: 0, or {@link #NO_DISPLAY}. */
    public static int launch(String[] args) {
        FX_PLATFORM_LOG.setLevel(java.util.logging.Level.SEVERE);
        try {
            StartupTrace.mark("launcher");
            Histories.startOpening();
            Warmup.start();
            Application.launch(VerdantApp.class, args);
            return 0;
        } catch (RuntimeException | UnsatisfiedLinkError | NoClassDefFoundError e) {
            System.err.println("verdant: cannot open the window (" + reason(e) + "). "
                    + "Use the command line instead, e.g. 'java -jar verdant.jar run SPEC.yaml' (see --help).");
            return NO_DISPLAY;
        }
    }

    public static void main(String[] args) {
        int code = launch(args);
        System.exit(code);
    }

    /** Seconds from class load to the window being shown (NaN until then); for the startup figure. */
    public static double shownAfterSeconds() {
        return shownAfterSeconds;
    }

    static void markShown() {
        shownAfterSeconds = (System.nanoTime() - STARTED) / 1e9;
    }

    /**
     * The window's first frame is drawn: with {@link #EXIT_AFTER_FIRST_FRAME} set, says when (from JVM start, and
     * the process CPU time until then) and closes the window, as a user's quit would but without asking.
     */
    static void markFirstFrame() {
        StartupTrace.mark("first frame");
        StartupTrace.threads();
        if (Boolean.getBoolean(EXIT_AFTER_FIRST_FRAME)) {
            var runtime = java.lang.management.ManagementFactory.getRuntimeMXBean();
            double wall = (System.currentTimeMillis() - runtime.getStartTime()) / 1000.0;
            double cpu = ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                    .getOperatingSystemMXBean()).getProcessCpuTime() / 1e9;
            System.err.printf(java.util.Locale.ROOT, "verdant: first frame %.2f s after JVM start (%.2f s CPU)%n",
                    wall, cpu);
            javafx.application.Platform.exit();
        }
    }

    private static String reason(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String m = root.getMessage();
        return m == null || m.isBlank() ? root.getClass().getSimpleName() : m.lines().findFirst().orElse(m);
    }
}
