package dev.verdant.app;

import dev.verdant.spec.ExperimentSpec;
import dev.verdant.spec.SpecCodec;

/**
 * Loads the slow-to-initialise libraries on a background thread while the JavaFX toolkit starts: AWT's font
 * manager (JFreeChart measures text with AWT fonts; its first use costs seconds), Jackson's YAML mapper, the
 * builder's classes and the carbon table. Showing the window then mostly waits for CSS and layout.
 */
public final class Warmup {

    private Warmup() {
    }

    /** Starts the warm-up on a daemon thread and returns at once. */
    public static Thread start() {
        Thread t = new Thread(Warmup::run, "verdant-warmup");
        t.setDaemon(true);
        t.setPriority(Thread.MIN_PRIORITY);
        t.start();
        return t;
    }

    private static void run() {
        StartupTrace.mark("warm-up: begin");
        try {
            java.awt.Font font = new java.awt.Font(java.awt.Font.SANS_SERIF, java.awt.Font.BOLD, 14);
            font.getFamily();
            new java.awt.Font(java.awt.Font.SANS_SERIF, java.awt.Font.PLAIN, 12).getFamily();
            SpecCodec.parse(SpecCodec.toYaml(ExperimentSpec.defaults()));
            Class.forName("dev.verdant.app.builder.BuilderViewModel");
            Class.forName("org.jfree.chart.JFreeChart");
            Class.forName("org.jfree.chart.plot.XYPlot");
            // loaded, not initialised: its static images need the JavaFX toolkit, which may not be up yet; initialised
            // here, a start under load failed "Internal graphics not initialized yet" (the class then stays broken)
            Class.forName("org.controlsfx.validation.decoration.GraphicValidationDecoration", false,
                    Warmup.class.getClassLoader());
            Carbon.intensity(ExperimentSpec.defaults());
            StartupTrace.mark("warm-up: done");
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            // warming up is an optimisation: whatever fails here fails again, with a proper message, where it is used
        }
    }
}
