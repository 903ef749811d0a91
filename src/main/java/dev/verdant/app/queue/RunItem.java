package dev.verdant.app.queue;

import dev.verdant.result.RunResult;
import dev.verdant.result.RunStatus;
import dev.verdant.run.RunHandle;
import dev.verdant.run.RunId;
import dev.verdant.spec.ExperimentSpec;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * One submitted run as the queue shows it. Updated on the FX thread by {@link RunQueueViewModel} only.
 */
public final class RunItem {

    private final long key;
    private final ExperimentSpec spec;
    private final StringProperty label = new SimpleStringProperty();
    RunHandle handle;
    private final StringProperty status = new SimpleStringProperty("queued");
    private final DoubleProperty progress = new SimpleDoubleProperty(0);
    private final StringProperty epoch = new SimpleStringProperty("");
    private final StringProperty elapsed = new SimpleStringProperty("");
    private final StringProperty eta = new SimpleStringProperty("");
    private final StringProperty message = new SimpleStringProperty("");
    private final ObjectProperty<RunResult> result = new SimpleObjectProperty<>();
    private final ObjectProperty<Long> storeId = new SimpleObjectProperty<>();
    private final javafx.beans.property.BooleanProperty shownOnCharts =
            new javafx.beans.property.SimpleBooleanProperty(true);
    long startedNanos;
    int knownSteps;
    double epochsDone;
    boolean cancelRequested;

    RunItem(long key, ExperimentSpec spec) {
        this.key = key;
        this.spec = spec;
        label.set(spec.name());
    }

    /** The number of this item in its queue, for the view's node ids; never shown (runs are known by their id). */
    public long key() {
        return key;
    }

    public ExperimentSpec spec() {
        return spec;
    }

    /** The hold on the run: its id once it has one, cancel, its result. */
    public RunHandle handle() {
        return handle;
    }

    /**
     * The run's label: its name while queued, then {@code run <id> <name>} (the id History shows, and the label
     * of its curves on the live charts).
     */
    public String label() {
        return label.get();
    }

    public ReadOnlyStringProperty labelProperty() {
        return label;
    }

    /** Whether the run's curves (and, once it completes, its Pareto point) are on the charts; true at first. */
    public javafx.beans.property.BooleanProperty shownOnChartsProperty() {
        return shownOnCharts;
    }

    void identify(RunId id) {
        storeId.set(id.stored() ? id.value() : null);
        label.set(id.label(spec.name()));
    }

    /** {@code queued}, {@code running}, {@code cancelling}, then the final status label. */
    public StringProperty statusProperty() {
        return status;
    }

    /** 0 to 1; within an epoch once the number of batches is known. */
    public DoubleProperty progressProperty() {
        return progress;
    }

    /** e.g. {@code epoch 2/10}. */
    public StringProperty epochProperty() {
        return epoch;
    }

    public StringProperty elapsedProperty() {
        return elapsed;
    }

    public StringProperty etaProperty() {
        return eta;
    }

    /** The latest notice, or why the run did not complete. */
    public StringProperty messageProperty() {
        return message;
    }

    /** The result once the run has ended. */
    public ObjectProperty<RunResult> resultProperty() {
        return result;
    }

    /** The store's id, once the run has its row; null for runs that are not stored. */
    public ObjectProperty<Long> storeIdProperty() {
        return storeId;
    }

    public boolean isActive() {
        return result.get() == null;
    }

    public boolean isCompleted() {
        return result.get() != null && result.get().status() == RunStatus.COMPLETED;
    }
}
