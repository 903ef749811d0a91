package dev.verdant.app.actions;

import dev.verdant.app.AppState;
import dev.verdant.app.Tabs;
import dev.verdant.app.queue.RunItem;
import dev.verdant.app.queue.RunQueueViewModel;
import dev.verdant.spec.ExperimentSpec;
import javafx.beans.binding.BooleanExpression;

/**
 * Run -> Run (also the builder's Run button and the history's Re-run): queues a spec and shows the live charts.
 * {@link #execute()} queues the builder's spec and can run only while it is valid.
 */
public final class RunSpecAction implements AppAction {

    private final RunQueueViewModel queue;
    private final AppState state;

    public RunSpecAction(RunQueueViewModel queue, AppState state) {
        this.queue = queue;
        this.state = state;
    }

    @Override
    public void execute() {
        ExperimentSpec spec = state.currentSpecProperty().get();
        if (spec != null) {
            run(spec);
        }
    }

    @Override
    public BooleanExpression executable() {
        return state.currentSpecProperty().isNotNull();
    }

    /** Queues {@code spec}. */
    public void run(ExperimentSpec spec) {
        RunItem item = queue.submit(spec);
        state.status("Queued " + item.label());
        state.activeTabProperty().set(Tabs.LIVE);
    }
}
