package dev.verdant.app.sweep;

import dev.verdant.app.AppContext;
import dev.verdant.app.Tabs;
import dev.verdant.app.history.StoreHistory;
import dev.verdant.spec.ExperimentSpec;
import javafx.beans.value.ObservableValue;
import javafx.scene.control.Label;
import javafx.scene.control.Tab;

/** Makes the main window's Sweeps tab: the sweep view over the window's store, its base the builder's spec. */
public final class SweepTab {

    /** The tab's id. */
    public static final String ID = "tab-sweeps";

    private SweepTab() {
    }

    /** The tab; without a store file (runs kept in memory only) it says why sweeps are unavailable. */
    public static Tab of(AppContext ctx, ObservableValue<ExperimentSpec> builderSpec) {
        if (!(ctx.history() instanceof StoreHistory history)) {
            Label why = new Label("Sweeps are kept in the store file so they can be resumed; this window keeps runs "
                    + "in memory only. Start Verdant with a store (the default, or --db FILE) to run sweeps.");
            why.setWrapText(true);
            return Tabs.lazy("Sweeps", ID, why);
        }
        SweepViewModel vm = new SweepViewModel(history.store(), ctx.executor());
        if (builderSpec.getValue() != null) {
            vm.baseProperty().set(builderSpec.getValue());
        }
        builderSpec.addListener((o, was, now) -> {
            if (now != null && !vm.runningProperty().get()) {
                vm.baseProperty().set(now);
            }
        });
        return Tabs.lazy("Sweeps", ID, () -> new SweepView(vm));
    }
}
