package dev.verdant.bench;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Blocks;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.EasyTrain;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.dataset.ArrayDataset;
import ai.djl.training.initializer.XavierInitializer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import dev.verdant.data.Datasets;
import dev.verdant.data.LoadedData;
import dev.verdant.data.Split;
import dev.verdant.spec.DatasetSpec;
import dev.verdant.spec.ExperimentSpec;
import dev.verdant.spec.ModelSpec;
import dev.verdant.spec.TrainingSpec;
import dev.verdant.train.DjlRuntime;
import dev.verdant.train.TrainingObserver;
import dev.verdant.train.TrainingOutcome;
import dev.verdant.train.TrainingSession;

import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Samples/s of Verdant's training loop against bare DJL loops on the same data and network
 * (MLP 784-256-128-10, batch 128, Adam): one warm-up epoch each, then {@code rounds} interleaved epochs.
 * Usage: TrainLoopBench MNIST_FOLDER [rounds]
 */
public final class TrainLoopBench {

    public static void main(String[] args) throws Exception {
        DjlRuntime.configureOffline();
        String folder = args.length > 0 ? args[0] : "../shared/data/mnist";
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        ExperimentSpec spec = ExperimentSpec.defaults().withName("bench")
                .withDataset(DatasetSpec.defaults().withName("mnist").withPath(folder))
                .withModel(ModelSpec.defaults().withHidden(List.of(256, 128)))
                .withTraining(TrainingSpec.defaults().withEpochs(1).withBatchSize(128))
                .withDevice("cpu");
        LoadedData data = Datasets.load(spec.dataset(), spec.seed());
        System.out.printf("MNIST %d training samples, %d threads, engine %s%n", data.train().size(),
                Runtime.getRuntime().availableProcessors(), Engine.getInstance().getVersion());
        verdant(spec, data);
        bareLoop(data);
        easyTrain(data);
        double[] v = new double[rounds];
        double[] b = new double[rounds];
        double[] e = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            double vr = verdant(spec, data);
            double br = bareLoop(data);
            double er = easyTrain(data);
            System.out.printf(Locale.ROOT, "round %d: verdant %,.0f  bare-loop %,.0f  djl-easytrain %,.0f samples/s%n",
                    r + 1, vr, br, er);
            v[r] = vr;
            b[r] = br;
            e[r] = er;
        }
        // Medians: on a shared 2-core machine one disturbed epoch would drag a mean far off.
        double mv = median(v);
        double mb = median(b);
        double me = median(e);
        System.out.printf(Locale.ROOT, "median: verdant %,.0f  bare-loop %,.0f  djl-easytrain %,.0f samples/s; "
                + "verdant / bare = %.3f, verdant / easytrain = %.3f%n", mv, mb, me, mv / mb, mv / me);
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        java.util.Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    /** One epoch through Verdant's TrainingSession (events to a no-op observer, validation excluded from the rate). */
    private static double verdant(ExperimentSpec spec, LoadedData data) {
        try (TrainingSession s = TrainingSession.create(spec, data, Device.cpu())) {
            TrainingOutcome out = s.train(TrainingObserver.NONE, () -> false);
            return out.samplesPerSecond();
        }
    }

    private static SequentialBlock mlp() {
        return new SequentialBlock().add(Blocks.batchFlattenBlock())
                .add(Linear.builder().setUnits(256).build()).add(Activation.reluBlock())
                .add(Linear.builder().setUnits(128).build()).add(Activation.reluBlock())
                .add(Linear.builder().setUnits(10).build());
    }

    private static DefaultTrainingConfig config() {
        return new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
                .optOptimizer(Optimizer.adam().optLearningRateTracker(Tracker.fixed(0.001f)).build())
                .optInitializer(new XavierInitializer(XavierInitializer.RandomType.GAUSSIAN,
                        XavierInitializer.FactorType.IN, 2), Parameter.Type.WEIGHT);
    }

    /** The smallest hand-written DJL loop: shuffled batches copied from the arrays, forward, backward, step. */
    private static double bareLoop(LoadedData data) {
        Split train = data.train();
        int bs = 128;
        try (Model model = Model.newInstance("bare")) {
            model.setBlock(mlp());
            try (Trainer trainer = model.newTrainer(config())) {
                trainer.initialize(new Shape(1, 784));
                int[] order = Datasets.permutation(train.size(), new Random(1));
                long start = System.nanoTime();
                for (int from = 0; from < train.size(); from += bs) {
                    int size = Math.min(bs, train.size() - from);
                    float[] x = new float[size * 784];
                    long[] y = new long[size];
                    for (int i = 0; i < size; i++) {
                        System.arraycopy(train.features(), order[from + i] * 784, x, i * 784, 784);
                        y[i] = train.labels()[order[from + i]];
                    }
                    try (NDManager m = trainer.getManager().newSubManager()) {
                        NDList xs = new NDList(m.create(x, new Shape(size, 784)));
                        NDList ys = new NDList(m.create(y));
                        try (GradientCollector gc = trainer.newGradientCollector()) {
                            NDArray loss = trainer.getLoss().evaluate(ys, trainer.forward(xs));
                            gc.backward(loss);
                        }
                        trainer.step();
                    }
                }
                return train.size() / ((System.nanoTime() - start) / 1e9);
            }
        }
    }

    /** DJL's stock way: an ArrayDataset with random sampling and EasyTrain.fit. */
    private static double easyTrain(LoadedData data) throws Exception {
        Split train = data.train();
        try (Model model = Model.newInstance("easy"); NDManager m = NDManager.newBaseManager()) {
            model.setBlock(mlp());
            float[] labels = new float[train.size()];
            for (int i = 0; i < labels.length; i++) {
                labels[i] = train.labels()[i];
            }
            ArrayDataset ds = new ArrayDataset.Builder()
                    .setData(m.create(train.features(), new Shape(train.size(), 784)))
                    .optLabels(m.create(labels)).setSampling(128, true).build();
            try (Trainer trainer = model.newTrainer(config())) {
                trainer.initialize(new Shape(1, 784));
                long start = System.nanoTime();
                EasyTrain.fit(trainer, 1, ds, null);
                return train.size() / ((System.nanoTime() - start) / 1e9);
            }
        }
    }
}
