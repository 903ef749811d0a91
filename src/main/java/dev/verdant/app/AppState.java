package dev.verdant.app;

import dev.verdant.result.RunResult;
import dev.verdant.spec.ExperimentSpec;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.util.List;

/**
 * What the window's features share, in one observable object (JabRef's StateManager is the model): the spec in the
 * builder, the runs selected in the history, this session's finished runs, the runs on the Pareto chart, the run
 * in the energy panel, the theme, the active tab, the status line and how many runs are active. Features and menu
 * actions read and write it instead of calling each other; the window binds its views to it. Used on the FX thread.
 */
public final class AppState {

    private final ObjectProperty<ExperimentSpec> currentSpec = new SimpleObjectProperty<>(this, "currentSpec");
    private final ObservableList<RunResult> selectedRuns = FXCollections.observableArrayList();
    private final ObservableList<RunResult> sessionRuns = FXCollections.observableArrayList();
    private final ObservableList<RunResult> chartedRuns = FXCollections.observableArrayList();
    private final ReadOnlyObjectWrapper<RunResult> focusedRun = new ReadOnlyObjectWrapper<>(this, "focusedRun");
    private final ObjectProperty<Theme> theme = new SimpleObjectProperty<>(this, "theme", Theme.LIGHT);
    private final StringProperty activeTab = new SimpleStringProperty(this, "activeTab", Tabs.LIVE);
    private final StringProperty status = new SimpleStringProperty(this, "status", "Ready");
    private final IntegerProperty activeRuns = new SimpleIntegerProperty(this, "activeRuns", 0);
    private final BooleanProperty closing = new SimpleBooleanProperty(this, "closing", false);

    /** The spec the builder describes; null while the form is invalid. */
    public ObjectProperty<ExperimentSpec> currentSpecProperty() {
        return currentSpec;
    }

    /** The runs selected in the history table, loaded in full (empty when none). */
    public ObservableList<RunResult> selectedRuns() {
        return selectedRuns;
    }

    /** The runs that finished in this session, oldest first. */
    public ObservableList<RunResult> sessionRuns() {
        return sessionRuns;
    }

    /**
     * The runs the Pareto chart shows, chosen explicitly: a "show on charts" check per run in History and the queue
     * (this session's runs start checked). Selecting runs in History does not change it.
     */
    public ObservableList<RunResult> chartedRuns() {
        return chartedRuns;
    }

    /** Whether the run with store id (or session key) {@code id} is on the charts. */
    public boolean isCharted(long id) {
        return chartedRuns.stream().anyMatch(r -> r.id() != null && r.id() == id);
    }

    /** Puts {@code run} on the charts or takes it off (a run without a store id is matched as the same object). */
    public void showOnCharts(RunResult run, boolean shown) {
        boolean present = chartedRuns.stream().anyMatch(r -> same(r, run));
        if (shown && !present) {
            chartedRuns.add(run);
        } else if (!shown && present) {
            chartedRuns.removeIf(r -> same(r, run));
        }
    }

    /** Takes every run off the charts. */
    public void clearCharts() {
        chartedRuns.clear();
    }

    private static boolean same(RunResult a, RunResult b) {
        return a == b || a.id() != null && a.id().equals(b.id());
    }

    /** The run the energy panel explains: the latest to finish or the first selected, whichever came last. */
    public ReadOnlyObjectProperty<RunResult> focusedRunProperty() {
        return focusedRun.getReadOnlyProperty();
    }

    public ObjectProperty<Theme> themeProperty() {
        return theme;
    }

    /** The id of the selected tab (see {@link Tabs}); setting it selects that tab. */
    public StringProperty activeTabProperty() {
        return activeTab;
    }

    /** The status line's text. */
    public StringProperty statusProperty() {
        return status;
    }

    /** How many runs are queued or running. */
    public IntegerProperty activeRunsProperty() {
        return activeRuns;
    }

    /** True once the window has begun closing (failed runs then raise no dialog). */
    public BooleanProperty closingProperty() {
        return closing;
    }

    /** Sets the status line. */
    public void status(String text) {
        status.set(text);
    }

    /** A run finished: it joins the session's runs and the charts, and the energy panel shows it. */
    public void runFinished(RunResult run) {
        sessionRuns.add(run);
        showOnCharts(run, true);
        focusedRun.set(run);
    }

    /**
     * The history selection changed to {@code runs}: the energy panel shows the first. What the charts show is
     * chosen with the "show on charts" checks, not by selecting. An empty selection leaves the panel as it is.
     */
    public void select(List<RunResult> runs) {
        selectedRuns.setAll(runs);
        if (runs.isEmpty()) {
            return;
        }
        focusedRun.set(runs.get(0));
    }
}
