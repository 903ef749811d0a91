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

    private Launcher() {
    }

    /** Opens the window and returns when it is closed: 0, or {@link #NO_DISPLAY}. */
    public static int launch(String[] args) {
        FX_PLATFORM_LOG.setLevel(java.util.logging.Level.SEVERE);
        try {
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

    private static String reason(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String m = root.getMessage();
        return m == null || m.isBlank() ? root.getClass().getSimpleName() : m.lines().findFirst().orElse(m);
    }
}
