package dev.verdant.app.cluster;

import dev.verdant.app.AppContext;
import dev.verdant.app.actions.AppAction;
import dev.verdant.app.history.StoreHistory;
import javafx.scene.Scene;
import javafx.stage.Stage;

/**
 * Run -> Cluster settings…: opens (or brings forward) the Cluster settings window. Closing that window leaves the
 * coordinator running; {@link #close} (when the main window shuts down) stops it.
 */
public final class ClusterSettingsAction implements AppAction, AutoCloseable {

    private final ClusterViewModel vm;
    private Stage stage;
    private ClusterView view;

    public ClusterSettingsAction(AppContext ctx) {
        var store = ctx.history() instanceof StoreHistory s ? s.store() : null;
        this.vm = new ClusterViewModel(ctx.executor(), store, ctx.pump().forRun());
    }

    /** The pane's view model (the window's sweeps take the coordinator from it; tests drive it). */
    public ClusterViewModel viewModel() {
        return vm;
    }

    @Override
    public void execute() {
        if (stage == null) {
            view = new ClusterView(vm);
            stage = new Stage();
            stage.setTitle("Verdant — Cluster settings");
            stage.setScene(new Scene(view, 760, 620));
        }
        stage.show();
        stage.toFront();
    }

    /** Stops the coordinator, if it runs, and the pane's refresh. */
    @Override
    public void close() {
        if (view != null) {
            view.dispose();
        }
        vm.stop();
        if (stage != null) {
            stage.close();
        }
    }
}
