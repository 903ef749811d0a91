package dev.verdant.app.actions;

import dev.verdant.app.DialogService;

/** Help -> About: the version of Verdant and of the Java and JavaFX runtimes, for bug reports. */
public final class AboutAction implements AppAction {

    private final DialogService dialogs;

    public AboutAction(DialogService dialogs) {
        this.dialogs = dialogs;
    }

    @Override
    public void execute() {
        dialogs.showInformation("Verdant " + version(), text());
    }

    /** The version from the jar's manifest, or {@code dev} when run from classes. */
    static String version() {
        String v = AboutAction.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }

    /** The dialog's text. */
    static String text() {
        return "A workbench for green deep learning: accuracy against energy.\n\n"
                + "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")\n"
                + "JavaFX " + System.getProperty("javafx.runtime.version", "unknown") + "\n"
                + System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                + System.getProperty("os.arch");
    }
}
