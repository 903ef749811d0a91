package dev.verdant.app.queue;

import dev.verdant.app.EventPump;
import dev.verdant.result.BatchRecord;
import dev.verdant.result.RunResult;
import dev.verdant.run.Job;
import dev.verdant.run.JobRunner;
import dev.verdant.run.RunEvent;
import dev.verdant.spec.ExperimentSpec;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * The run queue: submits specs to a {@link JobRunner} (which runs {@code parallelism} at a time) and keeps one
 * {@link RunItem} per run up to date from the pumped events. Elapsed time and ETA are refreshed on every pump tick.
 */
public final class RunQueueViewModel {

    private final java.util.function.IntFunction<JobRunner> runners;
    private JobRunner runner;
    private int parallelism;
    private int pendingParallelism;
    private final EventPump pump;
    private final LongSupplier nanoTime;
    private final ObservableList<RunItem> items = FXCollections.observableArrayList();
    private final Map<Long, RunItem> byJob = new HashMap<>();
    private final ReadOnlyIntegerWrapper active = new ReadOnlyIntegerWrapper(0);
    private final List<Consumer<RunItem>> onFinished = new CopyOnWriteArrayList<>();
    /** Clocks show whole seconds: refreshing them more often than 4 Hz only costs frames. */
    private static final long TICK_NANOS = 250_000_000L;
    private long lastTick = Long.MIN_VALUE / 2;

    /**
     * @param runners     makes a job runner for a parallelism (runs at a time)
     * @param parallelism runs at a time to start with
     * @param pump        carries the jobs' events to this model
     * @param nanoTime    the clock for elapsed time and ETA ({@link System#nanoTime} outside tests)
     */
    public RunQueueViewModel(java.util.function.IntFunction<JobRunner> runners, int parallelism, EventPump pump,
                             LongSupplier nanoTime) {
        this.runners = runners;
        this.parallelism = Math.max(1, parallelism);
        this.pendingParallelism = this.parallelism;
        this.runner = runners.apply(this.parallelism);
        this.pump = pump;
        this.nanoTime = nanoTime;
        pump.addListener(this::apply);
    }

    public ObservableList<RunItem> items() {
        return items;
    }

    /** Runs queued or running. */
    public ReadOnlyIntegerProperty activeCountProperty() {
        return active.getReadOnlyProperty();
    }

    /** Called on the FX thread when a run ends, with its result set. */
    public void addFinishedListener(Consumer<RunItem> listener) {
        onFinished.add(listener);
    }

    /** Runs at a time now. */
    public int parallelism() {
        return parallelism;
    }

    /**
     * Changes how many runs go at a time. Running jobs keep their runner: the change applies at once when the
     * queue is idle, else once it next becomes idle.
     */
    public void setParallelism(int n) {
        pendingParallelism = Math.max(1, n);
        swapRunnerIfIdle();
    }

    private void swapRunnerIfIdle() {
        if (pendingParallelism != parallelism && active.get() == 0) {
            runner.close();
            parallelism = pendingParallelism;
            runner = runners.apply(parallelism);
        }
    }

    /** Cancels every run and waits up to {@code seconds} for them to end; call off the FX thread. */
    public boolean shutdown(long seconds) throws InterruptedException {
        return runner.shutdown(seconds);
    }

    /**
     * Queues {@code spec}; the item appears at once as {@code queued}. A spec with {@code repeats: N} queues its
     * group's N members (seeds {@code seed .. seed+N-1}) and returns the first.
     */
    public RunItem submit(ExperimentSpec spec) {
        List<Job> jobs = spec.repeats() > 1 ? runner.submitGroup(spec, pump::offer)
                : List.of(runner.submit(spec, pump::offer));
        RunItem first = null;
        for (Job job : jobs) {
            RunItem item = new RunItem(job);
            byJob.put(job.id(), item);
            items.add(0, item);
            active.set(active.get() + 1);
            first = first == null ? item : first;
        }
        return first;
    }

    /** Asks the run to stop at the next batch; the item stays until its Finished event arrives. */
    public void cancel(RunItem item) {
        if (item.isActive()) {
            item.job().cancel();
            item.cancelRequested = true;
            item.statusProperty().set("cancelling");
        }
    }

    /** Cancels every queued or running run. */
    public void cancelAll() {
        items.stream().filter(RunItem::isActive).forEach(this::cancel);
    }

    /** The newest run still active, if any (the target of the Cancel shortcut). */
    public RunItem latestActive() {
        return items.stream().filter(RunItem::isActive).findFirst().orElse(null);
    }

    /** Removes finished runs from the list. */
    public void clearFinished() {
        items.removeIf(i -> !i.isActive());
    }

    /** Applies a batch of events on the FX thread, then refreshes the clocks (at most 4 times a second). */
    public void apply(List<RunEvent> events) {
        for (RunEvent e : events) {
            RunItem item = byJob.get(e.job().id());
            if (item != null) {
                apply(item, e);
            }
        }
        long now = nanoTime.getAsLong();
        if (now - lastTick >= TICK_NANOS) {
            lastTick = now;
            tick();
        }
    }

    private void apply(RunItem item, RunEvent e) {
        if (e instanceof RunEvent.Started s) {
            item.startedNanos = nanoTime.getAsLong();
            item.statusProperty().set(item.cancelRequested ? "cancelling" : "running");
            item.storeIdProperty().set(s.storeId());
            item.epochProperty().set("epoch 1/" + s.spec().training().epochs());
        } else if (e instanceof RunEvent.BatchEnded b) {
            batch(item, b.batch());
        } else if (e instanceof RunEvent.EpochEnded ep) {
            item.epochsDone = ep.epoch().epoch();
            int total = ep.totalEpochs();
            item.progressProperty().set(Math.min(1.0, item.epochsDone / total));
            item.epochProperty().set("epoch " + Math.min(total, ep.epoch().epoch() + 1) + "/" + total);
        } else if (e instanceof RunEvent.StepEnded st && st.report().index() > 0) {
            item.epochProperty().set("compression step " + st.report().index() + "/" + st.totalSteps() + ": "
                    + st.report().type());
        } else if (e instanceof RunEvent.Notice n) {
            item.messageProperty().set(n.message());
        } else if (e instanceof RunEvent.Finished f) {
            finish(item, f.result());
        }
        // PhaseChanged and Power go to the energy panel and charts; the queue only tracks progress.
    }

    private void batch(RunItem item, BatchRecord b) {
        if (b.epoch() == 1) {
            item.knownSteps = Math.max(item.knownSteps, b.batch() + 1);
        }
        int total = item.job().spec().training().epochs();
        // In epoch 1 the number of batches is not known yet: progress moves by epochs until it is.
        if (b.epoch() > 1 && item.knownSteps > 0) {
            double within = Math.min(1.0, (b.batch() + 1.0) / item.knownSteps);
            double p = Math.min(1.0, ((b.epoch() - 1) + within) / total);
            if (Math.abs(p - item.progressProperty().get()) >= 0.005) { // half-percent steps: fewer repaints
                item.progressProperty().set(p);
            }
        }
        item.epochProperty().set("epoch " + b.epoch() + "/" + total);
    }

    private void finish(RunItem item, RunResult result) {
        item.resultProperty().set(result);
        item.statusProperty().set(result.status().label());
        if (result.id() != null) {
            item.storeIdProperty().set(result.id());
        }
        if (result.message() != null) {
            item.messageProperty().set(result.message());
        }
        item.etaProperty().set("");
        if (item.isCompleted()) {
            item.progressProperty().set(1.0);
        }
        if (item.startedNanos != 0) {
            item.elapsedProperty().set(duration((nanoTime.getAsLong() - item.startedNanos) / 1e9));
        }
        active.set(Math.max(0, active.get() - 1));
        onFinished.forEach(l -> l.accept(item));
        swapRunnerIfIdle();
    }

    /** Refreshes elapsed time and ETA of running items. */
    public void tick() {
        long now = nanoTime.getAsLong();
        for (RunItem item : items) {
            if (!item.isActive() || item.startedNanos == 0) {
                continue;
            }
            double seconds = (now - item.startedNanos) / 1e9;
            item.elapsedProperty().set(duration(seconds));
            double p = item.progressProperty().get();
            item.etaProperty().set(p > 0.001 ? "ETA " + duration(seconds / p * (1 - p)) : "ETA —");
        }
    }

    /** {@code 0:07}, {@code 12:30}, {@code 1:02:03}. */
    public static String duration(double seconds) {
        long s = Math.max(0, Math.round(seconds));
        long h = s / 3600;
        long m = (s % 3600) / 60;
        long sec = s % 60;
        return h > 0 ? String.format("%d:%02d:%02d", h, m, sec) : String.format("%d:%02d", m, sec);
    }
}
