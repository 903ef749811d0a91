package dev.verdant.train;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.Trainer;
import ai.djl.training.dataset.Batch;
import ai.djl.training.loss.Loss;
import ai.djl.training.tracker.Tracker;
import dev.verdant.data.Datasets;
import dev.verdant.data.LoadedData;
import dev.verdant.data.Split;
import dev.verdant.model.Architectures;
import dev.verdant.model.Batches;
import dev.verdant.model.Network;
import dev.verdant.result.BatchRecord;
import dev.verdant.result.EpochRecord;
import dev.verdant.result.RunStatus;
import dev.verdant.spec.ExperimentSpec;
import dev.verdant.spec.TrainingSpec;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.BooleanSupplier;

/**
 * One model being trained: builds the network for the data, owns the DJL model and trainer, runs the epochs and
 * evaluates. Deterministic on CPU for a given spec and seed (shuffling, initialisation and dropout are seeded).
 * Close it to free native memory.
 */
public final class TrainingSession implements AutoCloseable {

    private static final int EVAL_BATCH = 1000;

    private final ExperimentSpec spec;
    private final LoadedData data;
    private final Network network;
    private final Model model;
    private final Trainer trainer;
    private final long params;
    private final long storedValues;
    private final double startNanos = System.nanoTime();

    private TrainingSession(ExperimentSpec spec, LoadedData data, Device device) {
        this.spec = spec;
        this.data = data;
        this.network = Architectures.build(spec.model(), data.sampleShape(), data.numClasses());
        int stepsPerEpoch = stepsPerEpoch();
        Model m = Model.newInstance(spec.name(), device);
        try {
            m.setBlock(network.block());
            DefaultTrainingConfig config = new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
                    .optOptimizer(Optimizers.build(spec.training(), stepsPerEpoch))
                    .optInitializer(Initializers.forName(spec.model().init()), Parameter.Type.WEIGHT)
                    .optDevices(new Device[] {device});
            // Seeds libtorch (initialisation, dropout) and DJL's own random source.
            Engine.getInstance().setRandomSeed((int) (long) spec.seed());
            this.trainer = m.newTrainer(config);
            trainer.initialize(inputShape(1));
        } catch (RuntimeException e) {
            m.close();
            throw e;
        }
        this.model = m;
        this.params = Architectures.trainableParameters(network.block());
        long values = 0;
        for (Parameter p : network.block().getParameters().values()) {
            values += p.getArray().size();
        }
        this.storedValues = values;
    }

    /** Builds the network of {@code spec} for {@code data} on {@code device}, initialised and ready to train. */
    public static TrainingSession create(ExperimentSpec spec, LoadedData data, Device device) {
        DjlRuntime.configureOffline();
        return new TrainingSession(spec, data, device);
    }

    /**
     * Trains for the spec's epochs, stopping early when the target accuracy is reached, the loss diverges or
     * {@code cancelled} turns true (checked between batches). Completed epochs are always returned.
     */
    public TrainingOutcome train(TrainingObserver observer, BooleanSupplier cancelled) {
        TrainingSpec t = spec.training();
        Split train = data.train();
        int bs = Math.min(t.batchSize(), train.size());
        int steps = stepsPerEpoch();
        Tracker lr = Optimizers.schedule(t, steps);
        Random shuffler = new Random(spec.seed());
        List<EpochRecord> epochs = new ArrayList<>();
        long start = System.nanoTime();
        double trainPhaseSeconds = 0;
        long samplesSeen = 0;
        int update = 0;
        RunStatus status = RunStatus.COMPLETED;
        String stopReason = "epochs";
        String message = null;

        epochLoop:
        for (int epoch = 1; epoch <= t.epochs(); epoch++) {
            long epochStart = System.nanoTime();
            observer.onPhase("train");
            int[] order = Datasets.permutation(train.size(), shuffler);
            double lossSum = 0;
            long correct = 0;
            for (int b = 0; b < steps; b++) {
                if (cancelled.getAsBoolean()) {
                    status = RunStatus.CANCELLED;
                    stopReason = "cancelled";
                    message = "cancelled during epoch " + epoch + "; " + epochs.size() + " completed epochs kept";
                    break epochLoop;
                }
                int from = b * bs;
                int size = Math.min(bs, train.size() - from);
                long batchStart = System.nanoTime();
                float batchLoss;
                long batchCorrect;
                try (Batch batch = batch(train, order, from, size, b, steps)) {
                    try (GradientCollector gc = trainer.newGradientCollector()) {
                        NDList predictions = trainer.forward(batch.getData(), batch.getLabels());
                        NDArray loss = trainer.getLoss().evaluate(batch.getLabels(), predictions);
                        gc.backward(loss);
                        batchLoss = loss.getFloat();
                        batchCorrect = Batches.correct(predictions, batch.getLabels());
                    }
                    trainer.step();
                }
                update++;
                double batchSeconds = (System.nanoTime() - batchStart) / 1e9;
                trainPhaseSeconds += batchSeconds;
                if (!Float.isFinite(batchLoss)) {
                    status = RunStatus.DIVERGED;
                    stopReason = "diverged";
                    message = "the loss became " + batchLoss + " in epoch " + epoch + ", batch " + (b + 1)
                            + ": training diverged. Try a lower learning rate (now " + t.learningRate()
                            + "), e.g. " + t.learningRate() / 10 + ", or add normalisation.";
                    break epochLoop;
                }
                lossSum += batchLoss * size;
                correct += batchCorrect;
                samplesSeen += size;
                observer.onBatch(new BatchRecord(epoch, b, batchLoss, (double) batchCorrect / size,
                        size / Math.max(batchSeconds, 1e-9), (System.nanoTime() - start) / 1e9));
            }
            double epochTrainSeconds = (System.nanoTime() - epochStart) / 1e9;
            observer.onPhase("eval");
            Evaluation val = evaluate(data.validation());
            EpochRecord record = new EpochRecord(epoch, lossSum / train.size(), (double) correct / train.size(),
                    val.loss(), val.accuracy(), (System.nanoTime() - epochStart) / 1e9,
                    train.size() / Math.max(epochTrainSeconds, 1e-9), lr.getNewValue(update - 1),
                    network.flopsPerSample(), null, null);
            epochs.add(observer.onEpoch(record));
            if (t.targetAccuracy() != null && val.accuracy() >= t.targetAccuracy()) {
                stopReason = epoch < t.epochs() ? "target" : "epochs";
                if (epoch < t.epochs()) {
                    break;
                }
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        observer.onPhase("eval");
        Evaluation last = epochs.isEmpty() || status != RunStatus.COMPLETED ? evaluate(data.validation())
                : new Evaluation(epochs.get(epochs.size() - 1).valLoss(), epochs.get(epochs.size() - 1).valAccuracy(),
                data.validation().size());
        return new TrainingOutcome(status, message, stopReason, List.copyOf(epochs), last, seconds,
                samplesSeen / Math.max(trainPhaseSeconds, 1e-9));
    }

    /** Loss and accuracy of the current weights on {@code split}, in inference mode. */
    public Evaluation evaluate(Split split) {
        double lossSum = 0;
        long correct = 0;
        int[] order = Batches.inOrder(split.size());
        for (int from = 0; from < split.size(); from += EVAL_BATCH) {
            int size = Math.min(EVAL_BATCH, split.size() - from);
            try (Batch batch = batch(split, order, from, size, from / EVAL_BATCH, 1)) {
                // A fresh ParameterStore reads the block's current arrays, including ones replaced by load();
                // the trainer's store would keep serving the arrays it cached before.
                NDList predictions = model.getBlock().forward(
                        new ParameterStore(batch.getManager(), false), batch.getData(), false);
                lossSum += trainer.getLoss().evaluate(batch.getLabels(), predictions).getFloat() * size;
                correct += Batches.correct(predictions, batch.getLabels());
            }
        }
        int n = Math.max(1, split.size());
        return new Evaluation(lossSum / n, (double) correct / n, split.size());
    }

    /** Saves the parameters to {@code dir} as {@code <name>-0000.params}; {@link #load} restores them. */
    public void save(Path dir) throws IOException {
        java.nio.file.Files.createDirectories(dir);
        model.save(dir, "model");
    }

    /** Replaces the parameters with those saved in {@code dir} by {@link #save}. */
    public void load(Path dir) throws IOException {
        try {
            model.load(dir, "model");
        } catch (ai.djl.MalformedModelException e) {
            throw new IOException("model parameters in " + dir + " do not fit this network: " + e.getMessage(), e);
        }
    }

    public Model model() {
        return model;
    }

    public Network network() {
        return network;
    }

    public LoadedData data() {
        return data;
    }

    /** Trainable parameters. */
    public long params() {
        return params;
    }

    /** Bytes of all stored parameter values as float32 (normalisation statistics included). */
    public long modelBytes() {
        return storedValues * Float.BYTES;
    }

    /** NDArrays alive under the model's manager: stays flat epoch over epoch when every temporary is freed. */
    public int liveNativeArrays() {
        return model.getNDManager().getManagedArrays().size();
    }

    /** Wall seconds since the session was created. */
    public double ageSeconds() {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    private int stepsPerEpoch() {
        int bs = Math.min(spec.training().batchSize(), data.train().size());
        return (data.train().size() + bs - 1) / bs;
    }

    private Shape inputShape(long batch) {
        return Batches.withBatch(batch, data.sampleShape());
    }

    private Batch batch(Split split, int[] order, int from, int size, int index, int total) {
        return Batches.of(trainer.getManager(), split, data.sampleShape(), order, from, size, index, total);
    }

    @Override
    public void close() {
        trainer.close();
        model.close();
    }
}
