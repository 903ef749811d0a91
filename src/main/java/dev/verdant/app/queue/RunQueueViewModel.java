package dev.verdant.app.queue;

import dev.verdant.app.EventPump;
import dev.verdant.result.BatchRecord;
import dev.verdant.result.RunResult;
import dev.verdant.run.JobRunner;
import dev.verdant.run.RunGroup;
import dev.verdant.run.RunEvent;
import dev.verdant.run.RunListener;
import dev.verdant.spec.ExperimentSpec;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * The run queue: submits specs to a {@link JobRunner} (which runs {@code parallelism} at a time) and keeps one
 * {@link RunItem} per run up to date: each run gets a {@link RunListener} of its own item, called on the FX thread
 * through the {@link EventPump}. Elapsed time and ETA are refreshed on the pump's ticks, at most 4 times a second.
 */
public final class RunQueueViewModel {

    private final java.util.function.IntFunction<JobRunner> runners;
    private JobRunner runner;
    private int parallelism;
    private int pendingParallelism;
    private final EventPump pump;
    private final LongSupplier nanoTime;
    private final ObservableList<RunItem> items = FXCollections.observableArrayList();
    private long submitted;
    private final ReadOnlyIntegerWrapper active = new ReadOnlyIntegerWrapper(0);
    private final javafx.beans.property.ReadOnlyStringWrapper deviceNotice =
            new javafx.beans.property.ReadOnlyStringWrapper("");
    /**
     * How the device notice of {@code device: auto} without a GPU begins (train.DeviceChoice writes it): every CPU
     * run says the same, so the queue says it once, not on every row.
     */
    public static final String DEVICE_NOTICE_PREFIX = "no CUDA GPU found";
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
        pump.addTickListener(this::maybeTick);
    }

    public ObservableList<RunItem> items() {
        return items;
    }

    /** Runs queued or running. */
    public ReadOnlyIntegerProperty activeCountProperty() {
        return active.getReadOnlyProperty();
    }

    /**
     * The latest notice about the device the runs train on (e.g. no CUDA GPU found, training on CPU), said once for
     * the whole queue; empty until a run reports one.
     */
    public javafx.beans.property.ReadOnlyStringProperty deviceNoticeProperty() {
        return deviceNotice.getReadOnlyProperty();
    }

    /** Whether {@code message} is the device notice every CPU run repeats. */
    public static boolean isDeviceNotice(String message) {
        return message != null && message.startsWith(DEVICE_NOTICE_PREFIX);
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
        if (spec.repeats() > 1) {
            RunGroup group = runner.startGroup(spec);
            RunItem first = null;
            for (int i = 0; i < group.size(); i++) {
                RunItem item = queue(group.member(i), group.joiner());
                first = first == null ? item : first;
            }
            return first;
        }
        return queue(spec);
    }

    /**
     * Queues different specs (a comparison's) as one run group named {@code name}, in the given order; returns their
     * items in that order.
     */
    public List<RunItem> submitGroup(String name, List<ExperimentSpec> specs) {
        RunGroup group = runner.startGroup(name, specs);
        List<RunItem> queued = new java.util.ArrayList<>();
        for (int i = 0; i < group.size(); i++) {
            queued.add(queue(group.member(i), group.joiner()));
        }
        return queued;
    }

    private RunItem queue(ExperimentSpec spec, RunListener... first) {
        RunItem item = new RunItem(++submitted, spec);
        RunListener[] listeners = java.util.Arrays.copyOf(first, first.length + 1);
        listeners[first.length] = pump.forRun(new ItemUpdater(item));
        item.handle = runner.submit(spec, listeners);
        items.add(0, item);
        active.set(active.get() + 1);
        return item;
    }

    /** Asks the run to stop at the next batch; the item stays until its Finished event arrives. */
    public void cancel(RunItem item) {
        if (item.isActive()) {
            item.handle().cancel();
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

    /** Refreshes the clocks when a quarter second has passed since the last refresh (called on every pump tick). */
    private void maybeTick() {
        long now = nanoTime.getAsLong();
        if (now - lastTick >= TICK_NANOS) {
            lastTick = now;
            tick();
        }
    }

    /** Keeps one item up to date from its run's events, on the FX thread. */
    private final class ItemUpdater implements RunListener {
        private final RunItem item;

        ItemUpdater(RunItem item) {
            this.item = item;
        }

        @Override
        public void onStarted(RunEvent.Started s) {
            item.startedNanos = nanoTime.getAsLong();
            item.statusProperty().set(item.cancelRequested ? "cancelling" : "running");
            item.identify(s.runId());
            item.knownSteps = s.batchesPerEpoch();
            item.epochProperty().set("epoch 1/" + s.spec().training().epochs());
        }

        @Override
        public void onBatch(RunEvent.BatchEnded b) {
            batch(item, b.batch());
        }

        @Override
        public void onEpoch(RunEvent.EpochEnded ep) {
            item.epochsDone = ep.epoch().epoch();
            int total = ep.totalEpochs();
            item.progressProperty().set(Math.min(1.0, item.epochsDone / total));
            item.epochProperty().set("epoch " + Math.min(total, ep.epoch().epoch() + 1) + "/" + total);
        }

        @Override
        public void onStep(RunEvent.StepEnded st) {
            if (st.report().index() > 0) {
                item.epochProperty().set("compression step " + st.report().index() + "/" + st.totalSteps() + ": "
                        + st.report().type());
            }
        }

        @Override
        public void onNotice(RunEvent.Notice n) {
            if (isDeviceNotice(n.message())) {
                deviceNotice.set(n.message());
                return;
            }
            item.messageProperty().set(n.message());
        }

        @Override
        public void onFinished(RunEvent.Finished f) {
            // A run that failed before it started has only a local number, which names nothing stored: keep its name.
            if (f.runId().stored() || item.startedNanos != 0) {
                item.identify(f.runId());
            }
            finish(item, f.result());
        }
        // Phases and power go to the energy panel and charts; the queue only tracks progress.
    }

    private void batch(RunItem item, BatchRecord b) {
        int total = item.spec().training().epochs();
        // the Started event said how many batches an epoch has, so progress moves within the first epoch too
        if (item.knownSteps > 0) {
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
