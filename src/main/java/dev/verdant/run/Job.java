package dev.verdant.run;

import dev.verdant.data.DatasetException;
import dev.verdant.data.Datasets;
import dev.verdant.data.LoadedData;
import dev.verdant.compress.CompressionException;
import dev.verdant.compress.CompressionPipeline;
import dev.verdant.compress.NetArtifact;
import dev.verdant.compress.TeacherSource;
import dev.verdant.energy.CarbonModel;
import dev.verdant.energy.EnergyMeter;
import dev.verdant.result.BatchRecord;
import dev.verdant.result.EpochRecord;
import dev.verdant.result.FinalMetrics;
import dev.verdant.result.PowerSample;
import dev.verdant.result.Provenance;
import dev.verdant.result.RunResult;
import dev.verdant.result.RunStatus;
import dev.verdant.spec.ExperimentSpec;
import dev.verdant.spec.SpecException;
import dev.verdant.store.RunStore;
import dev.verdant.store.StoreException;
import dev.verdant.train.DeviceChoice;
import dev.verdant.train.TrainingException;
import dev.verdant.train.TrainingObserver;
import dev.verdant.train.TrainingOutcome;
import dev.verdant.train.TrainingSession;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * One experiment run: loads the data, trains under an energy meter, stores every epoch as it completes (when
 * given a store) and publishes {@link RunEvent}s to its subscribers. Events come in order on the run's thread,
 * except {@link RunEvent.Power}, which arrives on the meter's sampling thread.
 * It never throws: every failure becomes a {@link RunResult} with status {@code failed} and a message
 * saying what was wrong and what to do.
 */
public final class Job {

    /** Power samples kept in the result JSON (the store keeps its own, downsampled per epoch). */
    private static final int POWER_POINTS = 500;

    private static final AtomicLong IDS = new AtomicLong();

    private final long id = IDS.incrementAndGet();
    private final ExperimentSpec spec;
    private final RunStore store;
    private final List<Consumer<RunEvent>> subscribers = new CopyOnWriteArrayList<>();
    private final CompletableFuture<RunResult> result = new CompletableFuture<>();
    private volatile boolean cancelRequested;

    Job(ExperimentSpec spec, RunStore store) {
        this.spec = spec;
        this.store = store;
    }

    /** A job to run on the caller's thread with {@link #runHere()}; stored in {@code store} unless it is null. */
    public static Job of(ExperimentSpec spec, RunStore store) {
        return new Job(spec, store);
    }

    /** A job whose run is not stored. */
    public static Job of(ExperimentSpec spec) {
        return new Job(spec, null);
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
        StoreRecorder recorder = store == null ? null : new StoreRecorder(store);
        try {
            r = execute(startedAt, recorder);
        } catch (SpecException | DatasetException | TrainingException | StoreException | CompressionException e) {
            r = failed(startedAt, e.getMessage());
        } catch (RuntimeException | Error e) {
            r = failed(startedAt, "internal error: " + e + ". Please report it with the spec that caused it.");
        }
        if (recorder != null && r.status() == RunStatus.FAILED && r.id() == null) {
            r = recordFailure(recorder, r);
        }
        publish(new RunEvent.Finished(this, r));
        result.complete(r);
        return r;
    }

    private RunResult execute(String startedAt, StoreRecorder recorder) {
        SpecChecks.requireRunnable(spec);
        CarbonModel carbon = carbonModel();
        DeviceChoice device = DeviceChoice.resolve(spec.device());
        if (device.notice() != null) {
            publish(new RunEvent.Notice(this, device.notice()));
        }
        LoadedData data = Datasets.load(spec.dataset(), spec.seed());
        try (EnergyMeter meter = EnergyMeter.start(spec.energy());
             TrainingSession session = TrainingSession.create(spec, data, device.device())) {
            // Compression is checked against the built network before any training, so a bad step fails at once.
            CompressionPipeline pipeline = spec.compression().isEmpty() ? null : CompressionPipeline.plan(spec, data,
                    session.network(), device.device(), teacherSource(), CompressionPipeline.Settings.DEFAULT);
            Provenance provenance = ProvenanceCollector.collect(device.device(), device.notice(), data.sha256(),
                    spec.seed()).withEnergyProbes(meter.probeStatuses());
            Long storeId = recorder == null ? null : recorder.begin(spec, provenance,
                    (data.train().size() + spec.training().batchSize() - 1) / spec.training().batchSize());
            publish(new RunEvent.Started(this, storeId, spec, provenance, session.params(),
                    session.network().flopsPerSample()));
            meter.addPowerListener(sample -> publish(new RunEvent.Power(this, sample)));
            MeteredObserver observer = new MeteredObserver(meter, recorder);
            TrainingOutcome outcome = session.train(observer, this::isCancelRequested);
            CompressionPipeline.Outcome compressed = null;
            if (pipeline != null && outcome.status() == RunStatus.COMPLETED) {
                compressed = compress(pipeline, session, meter, recorder);
            }
            meter.end();
            double total = meter.totalJoules();
            FinalMetrics metrics = new FinalMetrics(outcome.finalEvaluation().accuracy(),
                    outcome.finalEvaluation().loss(), session.params(), session.network().flopsPerSample(),
                    session.modelBytes(), outcome.trainSeconds(), outcome.samplesPerSecond(),
                    outcome.epochs().size(), outcome.stopReason(), null, null, null, null, null, null, null, null)
                    .withEnergy(total, meter.joules("train"), meter.joules("eval"), meter.averageWatts(),
                            carbon.co2eGrams(total), carbon.costUsd(total), meter.method(), observer.joulesToTarget);
            RunResult r = new RunResult(storeId, spec.name(), outcome.status(), outcome.message(), spec, provenance,
                    metrics, outcome.epochs(), meter.powerSamples(POWER_POINTS), startedAt, Instant.now().toString(),
                    compressed == null ? List.of() : compressed.reports());
            if (compressed != null && compressed.cancelled()) {
                r = new RunResult(r.id(), r.name(), RunStatus.CANCELLED, "cancelled during compression; "
                        + (compressed.reports().size() - 1) + " completed steps kept", r.spec(), r.provenance(),
                        r.finalMetrics(), r.epochs(), r.power(), r.startedAt(), r.endedAt(), r.compression());
            }
            if (recorder == null) {
                return r;
            }
            saveModel(session, outcome, recorder);
            if (compressed != null) {
                saveCompressed(compressed, recorder);
            }
            return recorder.finish(r);
        }
    }

    /** Runs the compression steps on the trained network, storing and publishing each step's report. */
    private CompressionPipeline.Outcome compress(CompressionPipeline pipeline, TrainingSession session,
                                                 EnergyMeter meter, StoreRecorder recorder) {
        publish(new RunEvent.PhaseChanged(this, "compress"));
        int total = spec.compression().size();
        return pipeline.run(session.trainedNet(), meter, report -> {
            if (recorder != null) {
                recorder.compressionStep(report);
            }
            publish(new RunEvent.StepEnded(this, report, total));
        }, this::isCancelRequested);
    }

    /** Keeps the compressed network (packed integers when quantised) in {@code models/<id>/compressed/}. */
    private static void saveCompressed(CompressionPipeline.Outcome compressed, StoreRecorder recorder) {
        java.nio.file.Path dir = recorder.modelDir().resolve("compressed");
        try {
            NetArtifact.save(compressed.net(), dir);
        } catch (IOException e) {
            throw new StoreException("could not save the compressed model to " + dir + ": " + e.getMessage()
                    + ". Check free disk space and permissions.", e);
        }
    }

    /** Stored runs as distillation teachers; without a store, a teacher id fails clearly. */
    private TeacherSource teacherSource() {
        if (store == null) {
            return TeacherSource.NONE;
        }
        return runId -> {
            RunResult teacher = store.load(runId).orElseThrow(() -> new CompressionException("teacher: there is no "
                    + "stored run " + runId + "; 'verdant runs list' shows the stored runs"));
            java.nio.file.Path dir = store.modelPath(runId).orElse(null);
            if (dir == null || !java.nio.file.Files.exists(dir.resolve("model-0000.params"))) {
                throw new CompressionException("teacher: run " + runId + " has no saved model (it did not complete "
                        + "training); choose a completed run");
            }
            return new TeacherSource.StoredTeacher(teacher.spec(), dir);
        };
    }

    private CarbonModel carbonModel() {
        try {
            return CarbonModel.of(spec.energy());
        } catch (IllegalArgumentException e) {
            throw new SpecException("energy.region", e.getMessage());
        }
    }

    /** Keeps the trained parameters beside the store, unless training diverged (NaN weights help nobody). */
    private static void saveModel(TrainingSession session, TrainingOutcome outcome, StoreRecorder recorder) {
        if (outcome.status() == RunStatus.DIVERGED || outcome.epochs().isEmpty()) {
            return;
        }
        try {
            session.save(recorder.modelDir());
        } catch (IOException e) {
            throw new StoreException("could not save the model parameters to " + recorder.modelDir() + ": "
                    + e.getMessage() + ". Check free disk space and permissions.", e);
        }
    }

    /** A run that failed after it was stored is finished as failed; one that failed before is not stored. */
    private static RunResult recordFailure(StoreRecorder recorder, RunResult failed) {
        try {
            return recorder.hasRun() ? recorder.finish(failed) : failed;
        } catch (StoreException e) {
            return failed;
        }
    }

    private RunResult failed(String startedAt, String message) {
        return new RunResult(null, spec.name(), RunStatus.FAILED, message, spec, null, null, List.of(), List.of(),
                startedAt, Instant.now().toString(), List.of());
    }

    void publish(RunEvent event) {
        for (Consumer<RunEvent> s : subscribers) {
            s.accept(event);
        }
    }

    /** Forwards the loop's events as run events, switches meter phases, adds energy to epochs and stores them. */
    private final class MeteredObserver implements TrainingObserver {
        private final EnergyMeter meter;
        private final StoreRecorder recorder;
        private double joulesAtLastEpoch;
        private double secondsAtLastEpoch;
        private Double joulesToTarget;

        MeteredObserver(EnergyMeter meter, StoreRecorder recorder) {
            this.meter = meter;
            this.recorder = recorder;
        }

        @Override
        public void onPhase(String phase) {
            meter.begin(phase);
            publish(new RunEvent.PhaseChanged(Job.this, phase));
        }

        @Override
        public void onBatch(BatchRecord batch) {
            if (recorder != null) {
                recorder.batch(batch);
            }
            publish(new RunEvent.BatchEnded(Job.this, batch));
        }

        @Override
        public EpochRecord onEpoch(EpochRecord epoch) {
            double cumulative = meter.totalJoules();
            EpochRecord metered = epoch.withEnergy(cumulative - joulesAtLastEpoch, cumulative);
            joulesAtLastEpoch = cumulative;
            Double target = spec.training().targetAccuracy();
            if (joulesToTarget == null && target != null && epoch.valAccuracy() >= target) {
                joulesToTarget = cumulative;
            }
            if (recorder != null) {
                double now = meter.elapsedSeconds();
                List<PowerSample> recent = new ArrayList<>();
                for (PowerSample s : meter.powerSamples(Integer.MAX_VALUE)) {
                    if (s.seconds() > secondsAtLastEpoch) {
                        recent.add(s);
                    }
                }
                secondsAtLastEpoch = now;
                recorder.epoch(metered, thin(recent, 200));
            }
            publish(new RunEvent.EpochEnded(Job.this, metered, spec.training().epochs()));
            return metered;
        }
    }

    /** At most {@code max} evenly spaced samples. */
    private static List<PowerSample> thin(List<PowerSample> samples, int max) {
        if (samples.size() <= max) {
            return samples;
        }
        List<PowerSample> kept = new ArrayList<>(max);
        double step = (double) samples.size() / max;
        for (int i = 0; i < max; i++) {
            kept.add(samples.get((int) (i * step)));
        }
        return kept;
    }
}
