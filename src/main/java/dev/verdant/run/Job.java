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
import dev.verdant.result.Phase;
import dev.verdant.result.Provenance;
import dev.verdant.result.RunResult;
import dev.verdant.result.RoundRecord;
import dev.verdant.result.RunStatus;
import dev.verdant.result.TransferReport;
import dev.verdant.model.NetBlocks;
import dev.verdant.train.ActiveLearningRounds;
import dev.verdant.train.TransferLearning;
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
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One experiment run: loads the data, trains under an energy meter and publishes its {@link RunEvent}s to its
 * {@link RunListener}s. When given a store, the store is the first listener ({@link StoreRecorder}): it makes the
 * run's row before training (the row's id is the run's {@link RunId}), commits every epoch as it completes and
 * writes the final result. Events come in order on the run's thread, except {@link RunEvent.Power}, which arrives
 * on the meter's sampling thread. Callers hold the run through its {@link RunHandle} (id, cancel, result).
 * It never throws: every failure becomes a {@link RunResult} with status {@code failed} and a message
 * saying what was wrong and what to do.
 */
public final class Job {

    /** Power samples kept in the result JSON (the store keeps its own, downsampled per epoch). */
    private static final int POWER_POINTS = 500;

    private static final AtomicLong LOCAL_NUMBERS = new AtomicLong();

    private final long localNumber = LOCAL_NUMBERS.incrementAndGet();
    private final ExperimentSpec spec;
    private final RunStore store;
    private final StoreRecorder recorder;
    private final List<RunListener> listeners = new CopyOnWriteArrayList<>();
    private final RunHandle handle;
    private volatile RunId id;

    Job(ExperimentSpec spec, RunStore store) {
        this.spec = spec;
        this.store = store;
        this.recorder = store == null ? null : new StoreRecorder(store);
        this.handle = new RunHandle(spec);
    }

    /** A job to run on the caller's thread with {@link #runHere()}; stored in {@code store} unless it is null. */
    public static Job of(ExperimentSpec spec, RunStore store) {
        return new Job(spec, store);
    }

    /** A job whose run is not stored. */
    public static Job of(ExperimentSpec spec) {
        return new Job(spec, null);
    }

    public ExperimentSpec spec() {
        return spec;
    }

    /** Adds a listener; it receives the events published from now on (after the store, when there is one). */
    public Job addListener(RunListener listener) {
        listeners.add(listener);
        return this;
    }

    /** The caller's hold on this run: its id, cancelling, its result. */
    public RunHandle handle() {
        return handle;
    }

    /** Runs the job on the calling thread and returns its result. */
    public RunResult runHere() {
        RunResult r;
        String startedAt = Instant.now().toString();
        try {
            r = execute(startedAt);
        } catch (SpecException | DatasetException | TrainingException | StoreException | CompressionException e) {
            r = failed(startedAt, e.getMessage());
        } catch (RuntimeException | Error e) {
            r = failed(startedAt, "internal error: " + e + ". Please report it with the spec that caused it.");
        }
        r = finish(r);
        handle.complete(r);
        return r;
    }

    private RunResult execute(String startedAt) {
        SpecChecks.requireRunnable(spec);
        CarbonModel carbon = carbonModel();
        DeviceChoice device = DeviceChoice.resolve(spec.device());
        LoadedData data = Datasets.load(spec.dataset(), spec.seed());
        // transfer: the stored network's model and weights, checked against this data before anything trains
        DataEfficiency.Source source = spec.transfer() == null ? null
                : DataEfficiency.source(store, spec.transfer(), data, device.device());
        ExperimentSpec trained = source == null ? spec : spec.withModel(source.spec().model());
        if (source != null && spec.transfer().shots() != null) {
            data = TransferLearning.shots(data, spec.transfer().shots(), spec.seed());
        }
        try (EnergyMeter meter = EnergyMeter.start(spec.energy());
             TrainingSession session = TrainingSession.create(trained, data, device.device())) {
            if (source != null) {
                TransferLearning.apply(session, source.net(), spec.transfer().mode());
            }
            // Compression is checked against the built network before any training, so a bad step fails at once.
            CompressionPipeline pipeline = spec.compression().isEmpty() ? null : CompressionPipeline.plan(spec, data,
                    session.network(), device.device(), teacherSource(), CompressionPipeline.Settings.DEFAULT);
            Provenance provenance = ProvenanceCollector.collect(device.device(), device.notice(), data.sha256(),
                    spec.seed()).withEnergyProbes(meter.probeStatuses());
            RunId runId = recorder == null ? RunId.local(localNumber) : recorder.open(spec, provenance);
            id = runId;
            handle.identify(runId);
            int batch = Math.min(spec.training().batchSize(), Math.max(1, data.train().size()));
            publish(new RunEvent.Started(runId, spec, provenance, session.params(),
                    session.network().flopsPerSample(), (data.train().size() + batch - 1) / batch));
            if (device.notice() != null) {
                publish(new RunEvent.Notice(runId, device.notice()));
            }
            meter.addPowerListener(sample -> publish(new RunEvent.Power(runId, sample)));
            MeteredObserver observer = new MeteredObserver(meter, runId);
            TrainingOutcome outcome;
            List<RoundRecord> rounds = List.of();
            if (spec.activeLearning() != null) {
                ActiveLearningRounds.Outcome al = ActiveLearningRounds.run(spec, data, device.device(), meter,
                        observer, handle::isCancelRequested);
                NetBlocks.copyInto(al.net(), session.network().block()); // the run's session holds the final model
                outcome = al.training();
                rounds = al.rounds();
            } else {
                outcome = session.train(observer, handle::isCancelRequested);
            }
            if (spec.model().earlyExits() != null && outcome.status() == RunStatus.COMPLETED) {
                publish(new RunEvent.Notice(runId, earlyExitLine(session, data, device)));
            }
            CompressionPipeline.Outcome compressed = null;
            if (pipeline != null && outcome.status() == RunStatus.COMPLETED) {
                compressed = compress(pipeline, session, meter, runId);
            }
            meter.end();
            double total = meter.totalJoules();
            FinalMetrics metrics = FinalMetrics.builder()
                    .accuracy(outcome.finalEvaluation().accuracy()).loss(outcome.finalEvaluation().loss())
                    .params(session.params()).flopsPerSample(session.network().flopsPerSample())
                    .modelBytes(session.modelBytes()).trainSeconds(outcome.trainSeconds())
                    .samplesPerSecond(outcome.samplesPerSecond()).epochsCompleted(outcome.epochs().size())
                    .stopReason(outcome.stopReason())
                    .energy(total, meter.joules(Phase.TRAIN), meter.joules(Phase.EVAL), meter.averageWatts(),
                            meter.method())
                    .co2eGrams(carbon.co2eGrams(total)).costUsd(carbon.costUsd(total))
                    .joulesToTarget(observer.joulesToTarget).build();
            RunResult r = new RunResult(runId.stored() ? runId.value() : null, spec.name(), outcome.status(),
                    outcome.message(), spec, provenance, metrics, outcome.epochs(), meter.powerSamples(POWER_POINTS),
                    startedAt, Instant.now().toString(), compressed == null ? List.of() : compressed.reports());
            TransferReport transfer = source == null ? null : DataEfficiency.compare(trained, source, data,
                    device.device(), meter, total, outcome.finalEvaluation().accuracy());
            r = r.withDataEfficiency(rounds, transfer);
            if (compressed != null && compressed.cancelled()) {
                r = new RunResult(r.id(), r.name(), RunStatus.CANCELLED, "cancelled during compression; "
                        + (compressed.reports().size() - 1) + " completed steps kept", r.spec(), r.provenance(),
                        r.finalMetrics(), r.epochs(), r.power(), r.startedAt(), r.endedAt(), r.compression(),
                        r.rounds(), r.transfer());
            }
            if (recorder != null) {
                DataEfficiency.save(r, recorder.modelDir());
                saveModel(session, outcome, recorder);
                if (compressed != null) {
                    saveCompressed(compressed, recorder);
                }
            }
            return r;
        }
    }

    /**
     * Publishes the last event. The store hears it first: when it cannot record the result, the run ends as failed
     * with the reason (and that is recorded if the store allows; if not, its row stays {@code running} and the next
     * start marks it interrupted). Then every other listener hears it; their failures cannot change the result.
     */
    private RunResult finish(RunResult r) {
        RunId runId = id != null ? id : RunId.local(localNumber);
        handle.identify(runId);
        if (runId.stored() && r.id() == null) {
            r = r.withId(runId.value()); // failed after its row was made: finished as failed in the store
        }
        RunEvent.Finished done = new RunEvent.Finished(runId, r);
        if (recorder != null) {
            try {
                recorder.onFinished(done);
            } catch (RuntimeException e) {
                r = new RunResult(r.id(), r.name(), RunStatus.FAILED, "the run ended (" + r.status().label()
                        + ") but its result could not be stored: " + e.getMessage()
                        + ". Check free disk space and permissions.", r.spec(), r.provenance(), r.finalMetrics(),
                        r.epochs(), r.power(), r.startedAt(), r.endedAt(), r.compression(), r.rounds(), r.transfer());
                done = new RunEvent.Finished(runId, r);
                try {
                    recorder.onFinished(done);
                } catch (RuntimeException again) {
                    // the row stays 'running'; the store marks it interrupted on its next start
                }
            }
        }
        for (RunListener l : listeners) {
            try {
                l.onFinished(done);
            } catch (RuntimeException e) {
                // the run has ended: a listener's failure cannot change its result
            }
        }
        return r;
    }

    /** Issue 16: the early-exit figures at the spec's threshold, as one notice line. */
    private String earlyExitLine(TrainingSession session, LoadedData data, DeviceChoice device) {
        double t = spec.model().earlyExits().threshold();
        EarlyExitReport.Row r = EarlyExitReport.of(session.trainedNet(), data.validation(), device.device(),
                new double[] {t}, null, null).rows().get(0);
        StringBuilder shares = new StringBuilder();
        for (double v : r.shares()) {
            shares.append(shares.length() == 0 ? "" : " / ").append(String.format(java.util.Locale.ROOT, "%.2f", v));
        }
        return String.format(java.util.Locale.ROOT, "early exit at threshold %.2f (trained model, validation): "
                + "accuracy %.4f (measured), leaving per head and final %s, %.0f FLOPs per sample (counted, %.1f%% "
                + "of the full network); inference joules per sample %s: that share of the full network's", t,
                r.accuracy(), shares, r.flopsPerSample(), 100 * r.flopsRatio(), EarlyExitReport.METHOD);
    }

    /** Runs the compression steps on the trained network, storing and publishing each step's report. */
    private CompressionPipeline.Outcome compress(CompressionPipeline pipeline, TrainingSession session,
                                                 EnergyMeter meter, RunId runId) {
        publish(new RunEvent.PhaseChanged(runId, Phase.COMPRESS));
        int total = spec.compression().size();
        return pipeline.run(session.trainedNet(), meter,
                report -> publish(new RunEvent.StepEnded(runId, report, total)), handle::isCancelRequested);
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
            // only the spec is needed: it rebuilds the teacher's network, whose weights come from its model folder
            ExperimentSpec teacherSpec = store.spec(runId).orElseThrow(() -> new CompressionException("teacher: "
                    + "there is no stored run " + runId + "; 'verdant runs list' shows the stored runs"));
            java.nio.file.Path dir = store.modelPath(runId).orElse(null);
            if (dir == null || !java.nio.file.Files.exists(dir.resolve("model-0000.params"))) {
                throw new CompressionException("teacher: run " + runId + " has no saved model (it did not complete "
                        + "training); choose a completed run");
            }
            return new TeacherSource.StoredTeacher(teacherSpec, dir);
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

    private RunResult failed(String startedAt, String message) {
        return new RunResult(null, spec.name(), RunStatus.FAILED, message, spec, null, null, List.of(), List.of(),
                startedAt, Instant.now().toString(), List.of());
    }

    /** Delivers {@code event} to the store first, then to the other listeners in the order they were added. */
    private void publish(RunEvent event) {
        if (recorder != null) {
            event.deliverTo(recorder);
        }
        for (RunListener l : listeners) {
            event.deliverTo(l);
        }
    }

    /** Forwards the loop's events as run events, switches meter phases and adds energy to epochs. */
    private final class MeteredObserver implements TrainingObserver {
        private final EnergyMeter meter;
        private final RunId runId;
        private double joulesAtLastEpoch;
        private Double joulesToTarget;
        private final List<EpochRecord> history = new java.util.ArrayList<>();

        MeteredObserver(EnergyMeter meter, RunId runId) {
            this.meter = meter;
            this.runId = runId;
        }

        @Override
        public void onPhase(Phase phase) {
            meter.begin(phase);
            publish(new RunEvent.PhaseChanged(runId, phase));
        }

        @Override
        public void onBatch(BatchRecord batch) {
            publish(new RunEvent.BatchEnded(runId, batch));
        }

        @Override
        public EpochRecord onEpoch(EpochRecord epoch) {
            double cumulative = meter.totalJoules();
            EpochRecord metered = epoch.withEnergy(cumulative - joulesAtLastEpoch, cumulative);
            joulesAtLastEpoch = cumulative;
            Double target = spec.training().targetAccuracy();
            if (target != null) { // the energy-to-target forecast (issue 13), estimated from the epochs so far
                history.add(metered);
                metered = metered.withForecast(TargetForecast.forecast(history, target, spec.training().epochs(),
                        spec.seed()));
            }
            if (joulesToTarget == null && target != null && epoch.valAccuracy() >= target) {
                joulesToTarget = cumulative;
            }
            publish(new RunEvent.EpochEnded(runId, metered, spec.training().epochs()));
            return metered;
        }
    }
}
