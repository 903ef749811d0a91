package dev.verdant.app.actions;

import dev.verdant.app.AppState;
import dev.verdant.app.queue.RunItem;
import dev.verdant.app.queue.RunQueueViewModel;
import javafx.beans.binding.BooleanExpression;

/** Run -> Cancel latest run / Cancel all runs; can run while a run is active. */
public final class CancelRunsAction implements AppAction {

    private final RunQueueViewModel queue;
    private final AppState state;
    private final boolean all;

    private CancelRunsAction(RunQueueViewModel queue, AppState state, boolean all) {
        this.queue = queue;
        this.state = state;
        this.all = all;
    }

    /** Cancels the most recently started active run. */
    public static CancelRunsAction latest(RunQueueViewModel queue, AppState state) {
        return new CancelRunsAction(queue, state, false);
    }

    /** Cancels every active run. */
    public static CancelRunsAction all(RunQueueViewModel queue, AppState state) {
        return new CancelRunsAction(queue, state, true);
    }

    @Override
    public void execute() {
        if (all) {
            queue.cancelAll();
            return;
        }
        RunItem latest = queue.latestActive();
        if (latest != null) {
            queue.cancel(latest);
        }
    }

    @Override
    public BooleanExpression executable() {
        return state.activeRunsProperty().greaterThan(0);
    }
}
