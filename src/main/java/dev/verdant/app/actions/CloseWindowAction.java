package dev.verdant.app.actions;

import dev.verdant.app.AppState;
import dev.verdant.app.DialogService;

/**
 * What closing the window (or File -> Quit) does: while runs are active it asks first, since quitting cancels them;
 * then it hands over to {@code shutdown}, which cancels the runs, remembers the window's state and closes it.
 */
public final class CloseWindowAction implements AppAction {

    private final AppState state;
    private final DialogService dialogs;
    private final Runnable shutdown;

    public CloseWindowAction(AppState state, DialogService dialogs, Runnable shutdown) {
        this.state = state;
        this.dialogs = dialogs;
        this.shutdown = shutdown;
    }

    @Override
    public void execute() {
        int active = state.activeRunsProperty().get();
        if (active > 0 && !dialogs.confirm("Quit while runs are active?", active + " run(s) are still active. "
                + "Cancel them and quit? Completed epochs are kept and the runs are recorded as cancelled.")) {
            return;
        }
        shutdown.run();
    }
}
