package dev.verdant.app.gallery;

import dev.verdant.app.UiExecutor;
import dev.verdant.run.ArchGallery;
import dev.verdant.run.EarlyExitReport;
import dev.verdant.spec.Architecture;
import dev.verdant.spec.ExperimentSpec;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.util.List;

/**
 * State of the Architecture gallery: the dataset and width to compare at, the epoch budget, and the measured rows
 * (trained in the background through {@link UiExecutor}, never on the FX thread).
 */
public final class GalleryViewModel {

    private final UiExecutor executor;
    private final StringProperty dataset = new SimpleStringProperty("digits");
    private final ObjectProperty<Double> width = new SimpleObjectProperty<>(1.0);
    private final IntegerProperty epochs = new SimpleIntegerProperty(1);
    private final IntegerProperty limit = new SimpleIntegerProperty(0);
    private final BooleanProperty running = new SimpleBooleanProperty(false);
    private final StringProperty status = new SimpleStringProperty("Choose a dataset and width, then Compare.");
    private final ObservableList<ArchGallery.Row> rows = FXCollections.observableArrayList();
    private List<Architecture> archs = Architecture.GALLERY;
    private final ObjectProperty<Architecture> exitArch = new SimpleObjectProperty<>(Architecture.GALLERY.get(0));
    private final IntegerProperty exitAfter = new SimpleIntegerProperty(1);
    private final ObjectProperty<EarlyExitReport> exitReport = new SimpleObjectProperty<>();

    public GalleryViewModel(UiExecutor executor) {
        this.executor = executor;
    }

    public StringProperty datasetProperty() {
        return dataset;
    }

    public ObjectProperty<Double> widthProperty() {
        return width;
    }

    public IntegerProperty epochsProperty() {
        return epochs;
    }

    /** Training samples used (0: all). */
    public IntegerProperty limitProperty() {
        return limit;
    }

    public BooleanProperty runningProperty() {
        return running;
    }

    public StringProperty statusProperty() {
        return status;
    }

    /** The measured architectures, in gallery order. */
    public ObservableList<ArchGallery.Row> rows() {
        return rows;
    }

    /** Which architectures the next comparison trains (default: the whole gallery). */
    public void setArchitectures(List<Architecture> which) {
        archs = List.copyOf(which);
    }

    /** The teaching note of {@code arch}'s block, or null. */
    public ArchGallery.Note note(Architecture arch) {
        return ArchGallery.NOTES.get(arch);
    }

    /** Trains and measures every architecture in the background; rows replace the previous ones when done. */
    public void compare() {
        if (running.get()) {
            return;
        }
        ExperimentSpec base = ExperimentSpec.defaults();
        base = base.withDataset(base.dataset().withName(dataset.get())
                .withLimit(limit.get() > 0 ? limit.get() : null));
        base = base.withModel(base.model().withWidth(width.get()));
        ExperimentSpec spec = base;
        int budget = Math.max(1, epochs.get());
        running.set(true);
        status.set("Training " + archs.size() + " architectures for " + budget + " epoch" + (budget == 1 ? "" : "s")
                + " each on " + dataset.get() + "...");
        executor.runInBackground(() -> ArchGallery.compare(spec, archs, budget, 9, 1000,
                line -> executor.onFx(() -> status.set(line)), () -> false), done -> {
                    rows.setAll(done);
                    running.set(false);
                    status.set(done.isEmpty() ? "Nothing measured." : "Trained models, " + budget + " epoch"
                            + (budget == 1 ? "" : "s") + " each: params and FLOPs counted, latency measured, joules "
                            + done.get(0).energyMethod() + ", accuracy measured on the validation split.");
                }, error -> {
                    running.set(false);
                    status.set("The comparison stopped: " + error.getMessage());
                });
    }

    /** The architecture the early-exit curve trains with a head. */
    public ObjectProperty<Architecture> exitArchProperty() {
        return exitArch;
    }

    /** The block after which the exit head goes. */
    public IntegerProperty exitAfterProperty() {
        return exitAfter;
    }

    /** The last early-exit threshold curve (null until one is done). */
    public ObjectProperty<EarlyExitReport> exitReportProperty() {
        return exitReport;
    }

    /**
     * Trains the chosen architecture with an exit head (the epoch budget, in the background) and sweeps the exit
     * threshold: the same computation as {@code verdant arch compare --exits} ({@link ArchGallery#earlyExitCurve}).
     */
    public void sweepExits() {
        if (running.get()) {
            return;
        }
        ExperimentSpec spec = spec();
        Architecture arch = exitArch.get();
        int after = exitAfter.get();
        int budget = Math.max(1, epochs.get());
        running.set(true);
        status.set("Training " + arch + " with an exit head after block " + after + " for " + budget + " epoch"
                + (budget == 1 ? "" : "s") + "...");
        executor.runInBackground(() -> ArchGallery.earlyExitCurve(spec, arch, after, budget, 9, 1000,
                line -> executor.onFx(() -> status.set(line))), done -> {
                    exitReport.set(done);
                    running.set(false);
                    status.set("Early-exit curve of the trained " + arch + " (" + budget + " epoch"
                            + (budget == 1 ? "" : "s") + "): accuracy measured on the validation split, joules per "
                            + "sample " + EarlyExitReport.METHOD + " from the full network's "
                            + (done.joulesBasis() == null ? "unmetered" : done.joulesBasis()) + " figure.");
                }, error -> {
                    running.set(false);
                    status.set("The early-exit sweep stopped: " + error.getMessage());
                });
    }

    private ExperimentSpec spec() {
        ExperimentSpec base = ExperimentSpec.defaults();
        base = base.withDataset(base.dataset().withName(dataset.get())
                .withLimit(limit.get() > 0 ? limit.get() : null));
        return base.withModel(base.model().withWidth(width.get()));
    }
}
