package dev.verdant.app;

import dev.verdant.result.RunResult;
import dev.verdant.spec.SpecCodec;

/**
 * The dialog for a failed run: the engine's message up front (it is written for the user), and the run's status,
 * times, message and spec only under "Show details", so a user can report or fix it without a stack trace.
 */
public final class FailedRunReport {

    private FailedRunReport() {
    }

    /**
     * Shows the failure of the run labelled {@code label}: {@code run 3 digits-mlp} titles "Run 3 digits-mlp failed";
     * a run that failed before it had an id is labelled by its name alone and titles "Run digits-mlp failed".
     */
    public static void show(DialogService dialogs, String label, RunResult r) {
        String title = label.startsWith("run ") ? "R" + label.substring(1) : "Run " + label;
        dialogs.showError(title + " failed", r.message(), details(r));
    }

    /** The text under "Show details". */
    public static String details(RunResult r) {
        return "status: " + r.status().label() + "\nstarted: " + r.startedAt() + "\nended: " + r.endedAt()
                + "\n\nmessage:\n" + r.message() + "\n\nspec:\n" + SpecCodec.toYaml(r.spec());
    }
}
