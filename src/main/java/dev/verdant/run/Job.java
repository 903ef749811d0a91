package dev.verdant.run;

import dev.verdant.data.DatasetException;
import dev.verdant.data.Datasets;
import dev.verdant.data.LoadedData;
import dev.verdant.result.BatchRecord;
import dev.verdant.result.EpochRecord;
import dev.verdant.result.FinalMetrics;
import dev.verdant.result.Provenance;
import dev.verdant.result.RunResult;
import dev.verdant.result.RunStatus;
import dev.verdant.spec.ExperimentSpec;
import dev.verdant.spec.SpecException;
import dev.verdant.spec.SpecValidator;
import dev.verdant.train.DeviceChoice;
import dev.verdant.train.TrainingException;
import dev.verdant.train.TrainingObserver;
import dev.verdant.train.TrainingOutcome;
import dev.verdant.train.TrainingSession;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * One experiment run: loads the data, trains, and publishes {@link RunEvent}s to its subscribers in order.
 * It never throws: every failure becomes a {@link RunResult} with status {@code failed} and a message
 * saying what was wrong and what to do.
 */
public final class Job {

    private static final AtomicLong IDS = new AtomicLong();

    private final long id = IDS.incrementAndGet();
    private final ExperimentSpec spec;
    private final List<Consumer<RunEvent>> subscribers = new CopyOnWriteArrayList<>();
    private final CompletableFuture<RunResult> result = new CompletableFuture<>();
    private volatile boolean cancelRequested;

    Job(ExperimentSpec spec) {
        this.spec = spec;
    }

    /** Creates a job to run on the caller's thread with {@link #runHere()} (the CLI's way). */
    public static Job of(ExperimentSpec spec) {
        return new Job(spec);
    }

    /** This process's job number (not the store id). */
    public long id() {
        return id;
    }

    public ExperimentSpec spec() {
        return spec;
    }

    /** Adds a subscriber; it receives the events published from now on. */
    public Job subscribe(Consumer<RunEvent> subscriber) {
        subscribers.add(subscriber);
        return this;
    }

    /** Asks the run to stop at the next batch boundary; completed epochs are kept. */
    public void cancel() {
        cancelRequested = true;
    }

    public boolean isCancelRequested() {
        return cancelRequested;
    }

    /** Completes with the result when the run ends, whatever its status. */
    public CompletableFuture<RunResult> result() {
        return result;
    }

    public boolean isDone() {
        return result.isDone();
    }

    /** Runs the job on the calling thread and returns its result. */
    public RunResult runHere() {
        RunResult r;
        String startedAt = Instant.now().toString();
        try {
            r = execute(startedAt);
        } catch (SpecException | DatasetException | TrainingException e) {
            r = failed(startedAt, e.getMessage());
        } catch (RuntimeException | Error e) {
            r = failed(startedAt, "internal error: " + e + ". Please report it with the spec that caused it.");
        }
        publish(new RunEvent.Finished(this, r));
        result.complete(r);
        return r;
    }

    private RunResult execute(String startedAt) {
        SpecValidator.requireValid(spec);
        DeviceChoice device = DeviceChoice.resolve(spec.device());
        if (device.notice() != null) {
            publish(new RunEvent.Notice(this, device.notice()));
        }
        LoadedData data = Datasets.load(spec.dataset(), spec.seed());
        Provenance provenance = ProvenanceCollector.collect(device.device(), device.notice(), data.sha256(),
                spec.seed());
        try (TrainingSession session = TrainingSession.create(spec, data, device.device())) {
            publish(new RunEvent.Started(this, null, spec, provenance, session.params(),
                    session.network().flopsPerSample()));
            TrainingOutcome outcome = session.train(new Publisher(), this::isCancelRequested);
            FinalMetrics metrics = new FinalMetrics(outcome.finalEvaluation().accuracy(),
                    outcome.finalEvaluation().loss(), session.params(), session.network().flopsPerSample(),
                    session.modelBytes(), outcome.trainSeconds(), outcome.samplesPerSecond(),
                    outcome.epochs().size(), outcome.stopReason(), null, null, null, null, null, null, null, null);
            return new RunResult(null, spec.name(), outcome.status(), outcome.message(), spec, provenance, metrics,
                    outcome.epochs(), List.of(), startedAt, Instant.now().toString());
        }
    }

    private RunResult failed(String startedAt, String message) {
        return new RunResult(null, spec.name(), RunStatus.FAILED, message, spec, null, null, List.of(), List.of(),
                startedAt, Instant.now().toString());
    }

    void publish(RunEvent event) {
        for (Consumer<RunEvent> s : subscribers) {
            s.accept(event);
        }
    }

    /** Forwards the training loop's events as run events. */
    private final class Publisher implements TrainingObserver {
        @Override
        public void onPhase(String phase) {
            publish(new RunEvent.PhaseChanged(Job.this, phase));
        }

        @Override
        public void onBatch(BatchRecord batch) {
            publish(new RunEvent.BatchEnded(Job.this, batch));
        }

        @Override
        public EpochRecord onEpoch(EpochRecord epoch) {
            publish(new RunEvent.EpochEnded(Job.this, epoch, spec.training().epochs()));
            return epoch;
        }
    }
}
