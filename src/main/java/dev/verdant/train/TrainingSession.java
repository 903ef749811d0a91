package dev.verdant.train;

import dev.verdant.result.StopReason;
import dev.verdant.result.Phase;
import ai.djl.Device;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.dataset.Batch;
import ai.djl.training.tracker.Tracker;
import dev.verdant.data.Datasets;
import dev.verdant.data.LoadedData;
import dev.verdant.data.Split;
import dev.verdant.model.Batches;
import dev.verdant.model.Evaluation;
import dev.verdant.model.Net;
import dev.verdant.model.Network;
import dev.verdant.model.TrainingLoop;
import dev.verdant.result.BatchRecord;
import dev.verdant.result.EpochRecord;
import dev.verdant.result.RunStatus;
import dev.verdant.spec.ExperimentSpec;
import dev.verdant.spec.ModelSpec;
import dev.verdant.spec.ProgressiveSpec;
import dev.verdant.spec.TrainingSpec;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.BooleanSupplier;

/**
 * One model being trained: builds the network for the data, owns the DJL model and trainer, runs the epochs and
 * evaluates. Training strategies ({@link TrainingStrategy}: progressive resizing, stacking, freezing, layer dropping,
 * early stopping) hook into the loop before each epoch and after it; stacking replaces the network mid-run.
 * Deterministic on CPU for a given spec and seed (shuffling, initialisation, dropout and layer drops are seeded).
 * Close it to free native memory.
 */
public final class TrainingSession implements AutoCloseable {

    private final ExperimentSpec spec;
    private final LoadedData data;
    private final Device device;
    private final List<TrainingStrategy> strategies;
    private final double startNanos = System.nanoTime();
    private LiveNetwork live;
    private int updates;

    private TrainingSession(ExperimentSpec spec, LoadedData data, Device device) {
        this.spec = spec;
        this.data = data;
        this.device = device;
        this.live = LiveNetwork.create(spec, initialModel(spec), data, device, stepsPerEpoch(), 0, spec.seed(), true);
        try {
            this.strategies = Strategies.of(spec, data, live.network);
        } catch (RuntimeException e) {
            live.close();
            throw e;
        }
    }

    /** Builds the network of {@code spec} for {@code data} on {@code device}, initialised and ready to train. */
    public static TrainingSession create(ExperimentSpec spec, LoadedData data, Device device) {
        DjlRuntime.configureOffline();
        return new TrainingSession(spec, data, device);
    }

    /** The model the run starts with: the first stage's depth when the network is grown by stacking. */
    private static ModelSpec initialModel(ExperimentSpec spec) {
        for (ProgressiveSpec p : spec.training().progressive()) {
            if ("stack".equals(p.type())) {
                return spec.model().withDepth(p.depths().get(0));
            }
        }
        return spec.model();
    }

    /**
     * Trains for the spec's epochs, stopping early when the target accuracy is reached, a strategy says so (early
     * stopping), the loss diverges or {@code cancelled} turns true (checked between batches). Completed epochs are
     * always returned.
     */
    public TrainingOutcome train(TrainingObserver observer, BooleanSupplier cancelled) {
        TrainingSpec t = spec.training();
        Tracker lr = Optimizers.schedule(t, stepsPerEpoch());
        Random shuffler = new Random(spec.seed());
        List<EpochRecord> epochs = new ArrayList<>();
        long start = System.nanoTime();
        double trainPhaseSeconds = 0;
        long samplesSeen = 0;
        RunStatus status = RunStatus.COMPLETED;
        StopReason stopReason = StopReason.EPOCHS;
        String message = null;

        for (int epoch = 1; epoch <= t.epochs(); epoch++) {
            long epochStart = System.nanoTime();
            EpochPlan plan = new EpochPlan(data.train(), data.sampleShape());
            for (TrainingStrategy s : strategies) {
                s.beforeEpoch(this, epoch, plan);
            }
            Split train = plan.train;
            observer.onPhase(Phase.TRAIN);
            int[] order = Datasets.permutation(train.size(), shuffler);
            EpochHooks hooks = new EpochHooks(epoch, observer, cancelled, start);
            TrainingLoop.epoch(live.trainer, train, plan.sampleShape, t.batchSize(), order, hooks);
            trainPhaseSeconds += hooks.seconds;
            samplesSeen += hooks.samples;
            double lossSum = hooks.lossSum;
            long correct = hooks.correct;
            if (hooks.cancelled) {
                status = RunStatus.CANCELLED;
                stopReason = StopReason.CANCELLED;
                message = "cancelled during epoch " + epoch + "; " + epochs.size() + " completed epochs kept";
                break;
            }
            if (hooks.divergedLoss != null) {
                status = RunStatus.DIVERGED;
                stopReason = StopReason.DIVERGED;
                message = "the loss became " + hooks.divergedLoss + " in epoch " + epoch + ", batch "
                        + hooks.divergedBatch + ": training diverged. Try a lower learning rate (now "
                        + t.learningRate() + "), e.g. " + t.learningRate() / 10 + ", or add normalisation.";
                break;
            }
            double epochTrainSeconds = (System.nanoTime() - epochStart) / 1e9;
            observer.onPhase(Phase.EVAL);
            Evaluation val = evaluate(data.validation());
            // The allocator keeps freed tensor memory for the next step (DjlRuntime.configureAllocator); between epochs
            // it goes back to the system, so free memory scattered over the heaps cannot pile up run over run.
            DjlRuntime.releaseFreeMemory();
            EpochFlops flops = EpochFlops.of(live, plan, data);
            EpochRecord record = new EpochRecord(epoch, lossSum / train.size(), (double) correct / train.size(),
                    val.loss(), val.accuracy(), (System.nanoTime() - epochStart) / 1e9,
                    train.size() / Math.max(epochTrainSeconds, 1e-9), lr.getNewValue(updates - 1),
                    flops.forward(), null, null, plan.resolution, live.network.depth(), plan.frozenLayers,
                    plan.dropRate, flops.training());
            record = observer.onEpoch(record);
            epochs.add(record);
            StopReason stop = null;
            if (t.targetAccuracy() != null && val.accuracy() >= t.targetAccuracy()) {
                stop = StopReason.TARGET;
            }
            for (TrainingStrategy s : strategies) {
                StopReason reason = s.stopAfter(record);
                stop = stop == null ? reason : stop;
            }
            if (stop != null && epoch < t.epochs()) {
                stopReason = stop;
                break;
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        observer.onPhase(Phase.EVAL);
        Evaluation last = epochs.isEmpty() || status != RunStatus.COMPLETED ? evaluate(data.validation())
                : new Evaluation(epochs.get(epochs.size() - 1).valLoss(), epochs.get(epochs.size() - 1).valAccuracy(),
                data.validation().size());
        return new TrainingOutcome(status, message, stopReason, List.copyOf(epochs), last, seconds,
                samplesSeen / Math.max(trainPhaseSeconds, 1e-9));
    }

    /** The network being trained now. */
    LiveNetwork live() {
        return live;
    }

    /**
     * Replaces the network with {@code deeper}'s, initialised afresh and then given the trained parameters
     * ({@link Stacking}), with a fresh optimiser whose learning-rate schedule continues where it was.
     */
    void grow(ModelSpec deeper) {
        LiveNetwork grown = LiveNetwork.create(spec, deeper, data, device, stepsPerEpoch(), updates,
                spec.seed() + updates, false);
        try {
            Stacking.copy(live.network, grown.network);
        } catch (RuntimeException e) {
            grown.close();
            throw e;
        }
        live.close();
        live = grown;
    }

    /** Loss and accuracy of the current weights on {@code split}, in inference mode. */
    public Evaluation evaluate(Split split) {
        return Evaluation.of(live.model.getBlock(), live.trainer.getManager(), split, data.sampleShape(),
                live.trainer.getLoss());
    }

    /**
     * The training loop's hooks for one epoch: checks the cancel flag before each batch, reads the batch's loss and
     * correct count (the one sync per batch, as the progress chart needs them), stops at a non-finite loss and
     * reports each batch to the observer. The reads stay per batch on purpose: on the CPU the values are ready when
     * read (libtorch runs each op before returning), and copying two scalars costs a few microseconds against a batch's
     * milliseconds; deferring them would only delay the events and the divergence check (docs/performance.md).
     */
    private final class EpochHooks implements TrainingLoop.Hooks {
        private final int epoch;
        private final TrainingObserver observer;
        private final BooleanSupplier cancelRequested;
        private final long runStart;
        private long batchStart;
        private float batchLoss;
        private long batchCorrect;
        double seconds;
        double lossSum;
        long correct;
        long samples;
        boolean cancelled;
        Float divergedLoss;
        int divergedBatch;

        EpochHooks(int epoch, TrainingObserver observer, BooleanSupplier cancelRequested, long runStart) {
            this.epoch = epoch;
            this.observer = observer;
            this.cancelRequested = cancelRequested;
            this.runStart = runStart;
        }

        @Override
        public boolean stopBefore(int index) {
            cancelled = cancelRequested.getAsBoolean();
            batchStart = System.nanoTime();
            return cancelled;
        }

        @Override
        public void afterBackward(Batch batch, NDList predictions, NDArray loss) {
            // toFloatArray copies the scalar's 4 bytes (about 3 us); getFloat() first made an index op (about 11 us).
            batchLoss = loss.toFloatArray()[0];
            batchCorrect = Batches.correct(predictions, batch.getLabels());
        }

        @Override
        public boolean afterStep(int index, int size) {
            updates++;
            double batchSeconds = (System.nanoTime() - batchStart) / 1e9;
            seconds += batchSeconds;
            if (!Float.isFinite(batchLoss)) {
                divergedLoss = batchLoss;
                divergedBatch = index + 1;
                return false;
            }
            lossSum += batchLoss * size;
            correct += batchCorrect;
            samples += size;
            observer.onBatch(new BatchRecord(epoch, index, batchLoss, (double) batchCorrect / size,
                    size / Math.max(batchSeconds, 1e-9), (System.nanoTime() - runStart) / 1e9));
            return true;
        }
    }

    /** Saves the parameters to {@code dir} as {@code <name>-0000.params}; {@link #load} restores them. */
    public void save(Path dir) throws IOException {
        java.nio.file.Files.createDirectories(dir);
        live.model.save(dir, "model");
    }

    /** Replaces the parameters with those saved in {@code dir} by {@link #save}. */
    public void load(Path dir) throws IOException {
        try {
            live.model.load(dir, "model");
        } catch (ai.djl.MalformedModelException e) {
            throw new IOException("model parameters in " + dir + " do not fit this network: " + e.getMessage(), e);
        }
    }

    /** The DJL model being trained (after progressive stacking: the grown one). */
    public Model model() {
        return live.model;
    }

    /** The network being trained (after progressive stacking: the grown one). */
    public Network network() {
        return live.network;
    }

    /** The description of the network being trained, with its current values read back from the block. */
    public Net trainedNet() {
        return live.network.trained();
    }

    public LoadedData data() {
        return data;
    }

    /** Trainable parameters. */
    public long params() {
        return live.network.net().params();
    }

    /** Bytes of all stored parameter values as float32 (normalisation statistics included). */
    public long modelBytes() {
        return live.network.net().modelBytes();
    }

    /** NDArrays alive under the model's manager: stays flat epoch over epoch when every temporary is freed. */
    public int liveNativeArrays() {
        return live.model.getNDManager().getManagedArrays().size();
    }

    /** Wall seconds since the session was created. */
    public double ageSeconds() {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    private int stepsPerEpoch() {
        return TrainingLoop.batches(data.train().size(), spec.training().batchSize());
    }

    @Override
    public void close() {
        live.close();
        DjlRuntime.releaseFreeMemory();
    }
}
