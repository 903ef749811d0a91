package dev.verdant.app.cluster;

import dev.verdant.app.UiExecutor;
import dev.verdant.cluster.ClusterKey;
import dev.verdant.cluster.ClusterTrialExecutor;
import dev.verdant.run.RunListener;
import dev.verdant.store.RunStore;
import dev.verdant.sweep.TrialExecutor;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The Cluster settings' state: the address and key to start a coordinator with, whether it runs, the workers and
 * their trials (refreshed by the view once a second, off the FX thread) and the rejections. Starting and stopping
 * run in the background; bad input becomes a status sentence, never an exception.
 */
public final class ClusterViewModel {

    /** A worker row: name, host, CPU (cores), GPU, devices, connected or not. */
    public record WorkerRow(String name, String host, String cpu, String gpu, String devices, String state) {
    }

    /** A trial row: trial id, attempt, state, worker, run, progress. */
    public record TrialRow(String trial, int attempt, String state, String worker, String run, String progress) {
    }

    private record Snapshot(List<WorkerRow> workers, List<TrialRow> trials, List<String> rejections) {
    }

    private final UiExecutor executor;
    private final RunStore store;
    private final RunListener observer;
    private final StringProperty bindInterface = new SimpleStringProperty("127.0.0.1");
    private final StringProperty port = new SimpleStringProperty("5701");
    private final StringProperty keyFile = new SimpleStringProperty(ClusterKey.defaultFile().toString());
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(false);
    private final BooleanProperty busy = new SimpleBooleanProperty(false);
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("Cluster mode is off: nothing listens.");
    private final ObservableList<WorkerRow> workers = FXCollections.observableArrayList();
    private final ObservableList<TrialRow> trials = FXCollections.observableArrayList();
    private final ObservableList<String> rejections = FXCollections.observableArrayList();
    private volatile ClusterTrialExecutor coordinator;

    /**
     * @param store    where remote runs are stored (the window's store; null: not stored)
     * @param observer hears every remote run's events (the window's event pump), may be null
     */
    public ClusterViewModel(UiExecutor executor, RunStore store, RunListener observer) {
        this.executor = executor;
        this.store = store;
        this.observer = observer;
    }

    public StringProperty bindInterfaceProperty() {
        return bindInterface;
    }

    public StringProperty portProperty() {
        return port;
    }

    public StringProperty keyFileProperty() {
        return keyFile;
    }

    public ReadOnlyBooleanProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    public BooleanProperty busyProperty() {
        return busy;
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    public ObservableList<WorkerRow> workers() {
        return workers;
    }

    public ObservableList<TrialRow> trials() {
        return trials;
    }

    public ObservableList<String> rejections() {
        return rejections;
    }

    /** The running coordinator as a trial executor (for sweeps started in the window), if started. */
    public Optional<TrialExecutor> executor() {
        return Optional.ofNullable(coordinator);
    }

    /** Creates the key file named in the settings (mode 0600); an existing one is left alone. */
    public void createKey() {
        Path file = Path.of(keyFile.get().strip());
        busy.set(true);
        executor.runInBackground(() -> ClusterKey.create(file).fingerprint(), fp -> {
            busy.set(false);
            status.set("Created the key " + fp + " in " + file + ". Copy it to each worker (e.g. with scp).");
        }, e -> {
            busy.set(false);
            status.set(e.getMessage());
        });
    }

    /** Starts the coordinator with the settings; a sentence in the status says what went wrong, if anything did. */
    public void start() {
        if (coordinator != null || busy.get()) {
            return;
        }
        int p;
        try {
            p = Integer.parseInt(port.get().strip());
            if (p < 1 || p > 65535) {
                throw new NumberFormatException();
            }
        } catch (NumberFormatException e) {
            status.set("The port must be a number from 1 to 65535, e.g. 5701.");
            return;
        }
        String iface = bindInterface.get().strip();
        Path file = Path.of(keyFile.get().strip());
        if (!Files.exists(file)) {
            status.set("There is no key file " + file + ". Create one (Create key), then copy it to each worker.");
            return;
        }
        busy.set(true);
        status.set("Starting the coordinator on " + iface + ":" + p + "…");
        executor.runInBackground(() -> {
            ClusterTrialExecutor c = ClusterTrialExecutor.start(
                    ClusterTrialExecutor.Settings.defaults().withInterface(iface).withPort(p), ClusterKey.load(file),
                    store);
            if (observer != null) {
                c.addObserver(observer);
            }
            return c;
        }, c -> {
            coordinator = c;
            busy.set(false);
            running.set(true);
            status.set("Coordinator on " + c.address() + ". On each worker: verdant worker --join " + c.address()
                    + " --key " + file.getFileName());
        }, e -> {
            busy.set(false);
            status.set(e.getMessage());
        });
    }

    /** Stops the coordinator: trials not yet committed end as interrupted, and the port closes. */
    public void stop() {
        ClusterTrialExecutor c = coordinator;
        if (c == null) {
            return;
        }
        coordinator = null;
        busy.set(true);
        executor.runInBackground(() -> {
            c.close();
            return true;
        }, ok -> {
            busy.set(false);
            running.set(false);
            workers.clear();
            trials.clear();
            status.set("Cluster mode is off: nothing listens.");
        }, e -> {
            busy.set(false);
            running.set(false);
            status.set("The coordinator stopped with a problem: " + e.getMessage());
        });
    }

    /** Reads the members and trials off the FX thread and shows them (the view calls this once a second). */
    public void refresh() {
        ClusterTrialExecutor c = coordinator;
        if (c == null) {
            return;
        }
        executor.runInBackground(() -> new Snapshot(
                c.workers().stream().map(w -> new WorkerRow(w.name(), w.host(), w.cpu() + " (" + w.cores()
                        + " cores)", w.gpu(), w.devices(), w.connected() ? "connected" : "gone")).toList(),
                c.running().stream().map(t -> new TrialRow(t.trialId(), t.attempt(), t.state(),
                        t.worker() == null ? "" : t.worker(), t.run() == null ? "" : t.run(),
                        t.epoch() + "/" + t.totalEpochs() + " epochs")).toList(),
                c.rejections()), s -> {
            if (coordinator == c) {
                workers.setAll(s.workers());
                trials.setAll(s.trials());
                rejections.setAll(s.rejections());
            }
        }, e -> status.set("Could not read the cluster's state: " + e.getMessage()));
    }
}
