package dev.verdant.run;

import dev.verdant.result.BatchRecord;
import dev.verdant.result.CompressionReport;
import dev.verdant.result.EpochRecord;
import dev.verdant.result.PowerSample;
import dev.verdant.result.Provenance;
import dev.verdant.result.RunResult;
import dev.verdant.result.RunStatus;
import dev.verdant.spec.ExperimentSpec;
import dev.verdant.store.RunStore;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A run trained in another process (a cluster worker), whose events arrive here as values: this side turns them
 * into the same {@link RunEvent} stream a local {@link Job} publishes, so the store records the run (its row, each
 * epoch as it arrives, the end) and every listener (sweep scheduler, window, CLI) hears it exactly as a local run.
 * The store hears each event first, as with a local run. Calls must come from one thread at a time, in the run's
 * order ({@link #started} first, {@link #finished} or {@link #interrupted} last); later calls are ignored.
 */
public final class RemoteRun {

    private static final AtomicLong LOCAL_NUMBERS = new AtomicLong(1_000_000);

    private final RunStore store;
    private final StoreRecorder recorder;
    private final List<RunListener> listeners = new CopyOnWriteArrayList<>();
    private volatile RunId id;
    private volatile boolean ended;
    private ExperimentSpec spec;
    private Provenance provenance;
    private String startedAt;
    private final List<EpochRecord> epochs = new CopyOnWriteArrayList<>();

    /** A remote run recorded in {@code store} (null: not stored), heard by {@code listeners} after the store. */
    public RemoteRun(RunStore store, List<? extends RunListener> listeners) {
        this.store = store;
        this.recorder = store == null ? null : new StoreRecorder(store);
        this.listeners.addAll(listeners);
    }

    /** The run's id once {@link #started} was called. */
    public java.util.Optional<RunId> id() {
        return java.util.Optional.ofNullable(id);
    }

    /** Whether the run has ended (finished or interrupted). */
    public boolean ended() {
        return ended;
    }

    /** The worker has data and model ready: makes the run's row and publishes {@code Started}. */
    public RunId started(ExperimentSpec spec, Provenance provenance, long params, long flopsPerSample,
                         int batchesPerEpoch) {
        if (id != null) {
            return id;
        }
        this.spec = spec;
        this.provenance = provenance;
        this.startedAt = Instant.now().toString();
        id = recorder == null ? RunId.local(LOCAL_NUMBERS.incrementAndGet()) : recorder.open(spec, provenance);
        publish(new RunEvent.Started(id, spec, provenance, params, flopsPerSample, batchesPerEpoch));
        return id;
    }

    public void phase(dev.verdant.result.Phase phase) {
        if (live()) {
            publish(new RunEvent.PhaseChanged(id, phase));
        }
    }

    public void batch(BatchRecord batch) {
        if (live()) {
            publish(new RunEvent.BatchEnded(id, batch));
        }
    }

    public void epoch(EpochRecord epoch, int totalEpochs) {
        if (live()) {
            epochs.add(epoch);
            publish(new RunEvent.EpochEnded(id, epoch, totalEpochs));
        }
    }

    public void step(CompressionReport report, int totalSteps) {
        if (live()) {
            publish(new RunEvent.StepEnded(id, report, totalSteps));
        }
    }

    public void power(PowerSample sample) {
        if (live()) {
            publish(new RunEvent.Power(id, sample));
        }
    }

    public void notice(String message) {
        if (live()) {
            publish(new RunEvent.Notice(id, message));
        }
    }

    /** The folder for the run's artifacts in the store ({@code models/<runId>/}); null when not stored. */
    public Path modelDir() {
        return recorder != null && recorder.isOpen() ? recorder.modelDir() : null;
    }

    /**
     * The worker's result ends the run: it is given this run's id and stored, then every listener hears
     * {@code Finished}. Returns the result as stored.
     */
    public RunResult finished(RunResult result) {
        if (ended) {
            throw new IllegalStateException("run " + id + " has ended already");
        }
        if (id == null) {
            // failed before starting on the worker: stored as a failed run with the spec it was given
            started(result.spec(), result.provenance(), 0, 0, 1);
        }
        RunResult r = id.stored() ? result.withId(id.value()) : result;
        end(r);
        return r;
    }

    /**
     * The worker was lost (killed, disconnected, its lease lapsed): the run ends as {@code interrupted} with the
     * epochs that arrived, and {@code why} as its message. Returns the result as stored; null if it never started.
     */
    public RunResult interrupted(String why) {
        if (ended || id == null) {
            ended = true;
            return null;
        }
        RunResult r = new RunResult(id.stored() ? id.value() : null, spec.name(), RunStatus.INTERRUPTED, why, spec,
                provenance, null, List.copyOf(epochs), List.of(), startedAt, Instant.now().toString(), List.of());
        end(r);
        return r;
    }

    private void end(RunResult r) {
        ended = true;
        RunEvent.Finished done = new RunEvent.Finished(id, r);
        if (recorder != null) {
            recorder.onFinished(done);
        }
        for (RunListener l : listeners) {
            try {
                l.onFinished(done);
            } catch (RuntimeException e) {
                // the run has ended: a listener's failure cannot change its result
            }
        }
    }

    private boolean live() {
        return id != null && !ended;
    }

    private void publish(RunEvent event) {
        if (recorder != null) {
            event.deliverTo(recorder);
        }
        for (RunListener l : listeners) {
            event.deliverTo(l);
        }
    }

    /** The store this run is recorded in (null: not stored). */
    public RunStore store() {
        return store;
    }
}
