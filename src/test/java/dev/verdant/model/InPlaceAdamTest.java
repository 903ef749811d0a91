package dev.verdant.model;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.dataset.Batch;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import ai.djl.util.Pair;
import dev.verdant.data.Datasets;
import dev.verdant.data.Split;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link InPlaceAdam} against DJL's Adam on a tiny MLP, and a seeded epoch with it run twice. */
class InPlaceAdamTest {

    private static SequentialBlock mlp() {
        return new SequentialBlock()
                .add(Linear.builder().setUnits(16).build()).add(Activation.reluBlock())
                .add(Linear.builder().setUnits(3).build());
    }

    /** Weights after {@code steps} full-batch updates of a seeded MLP on seeded data. */
    private static List<float[]> train(Optimizer optimizer, int steps, List<float[]> initial) {
        Engine.getInstance().setRandomSeed(7);
        try (Model model = Model.newInstance("adam-test", Device.cpu())) {
            model.setBlock(mlp());
            DefaultTrainingConfig config = new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
                    .optOptimizer(optimizer).optDevices(new Device[] {Device.cpu()});
            try (Trainer trainer = model.newTrainer(config)) {
                trainer.initialize(new Shape(1, 8));
                initial.addAll(weights(model));
                Random r = new Random(3);
                float[] x = new float[32 * 8];
                float[] y = new float[32];
                for (int i = 0; i < x.length; i++) {
                    x[i] = (float) r.nextGaussian();
                }
                for (int i = 0; i < y.length; i++) {
                    y[i] = r.nextInt(3);
                }
                NDManager m = trainer.getManager();
                for (int s = 0; s < steps; s++) {
                    try (NDManager batch = m.newSubManager()) {
                        NDList data = new NDList(batch.create(x, new Shape(32, 8)));
                        NDList labels = new NDList(batch.create(y));
                        try (GradientCollector gc = trainer.newGradientCollector()) {
                            gc.backward(trainer.getLoss().evaluate(labels, trainer.forward(data, labels)));
                        }
                        trainer.step();
                    }
                }
                return weights(model);
            }
        }
    }

    private static List<float[]> weights(Model model) {
        List<float[]> out = new ArrayList<>();
        for (Pair<String, Parameter> p : model.getBlock().getParameters()) {
            out.add(p.getValue().getArray().toFloatArray());
        }
        return out;
    }

    private static void assertSameUpdates(Optimizer djl, Optimizer ours) {
        List<float[]> start = new ArrayList<>();
        List<float[]> expected = train(djl, 6, start);
        List<float[]> actual = train(ours, 6, new ArrayList<>());
        float moved = 0;
        for (int p = 0; p < expected.size(); p++) {
            assertArrayEquals(expected.get(p), actual.get(p), 1e-5f, "parameter " + p);
            for (int i = 0; i < expected.get(p).length; i++) {
                moved = Math.max(moved, Math.abs(expected.get(p)[i] - start.get(p)[i]));
            }
        }
        assertTrue(moved > 1e-3f, "the updates moved the weights (" + moved + "), so the comparison means something");
    }

    @Test
    void sameWeightsAsDjlAdam() {
        assertSameUpdates(Optimizer.adam().optLearningRateTracker(Tracker.fixed(0.01f)).build(),
                InPlaceAdam.builder().optLearningRateTracker(Tracker.fixed(0.01f)).build());
    }

    @Test
    void sameWeightsAsDjlAdamWithWeightDecayAndSchedule() {
        Tracker lr = Tracker.factor().setBaseValue(0.02f).setFactor(0.8f).build();
        assertSameUpdates(Optimizer.adam().optLearningRateTracker(lr).optWeightDecays(0.05f).optBeta1(0.8f).build(),
                InPlaceAdam.builder().optLearningRateTracker(lr).optWeightDecays(0.05f).optBeta1(0.8f).build());
    }

    /** Per-batch losses of two seeded epochs through the one training loop with InPlaceAdam. */
    private static float[] seededEpochs() {
        Engine.getInstance().setRandomSeed(11);
        Random r = new Random(5);
        int n = 200;
        float[] x = new float[n * 8];
        int[] y = new int[n];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) r.nextGaussian();
        }
        for (int i = 0; i < n; i++) {
            y[i] = (x[i * 8] > 0 ? 1 : 0) + (x[i * 8 + 1] > 0.5f ? 1 : 0); // learnable, so the loss must fall
        }
        Split split = new Split(x, y, 8);
        List<Float> losses = new ArrayList<>();
        try (Model model = Model.newInstance("adam-epoch", Device.cpu())) {
            model.setBlock(mlp());
            DefaultTrainingConfig config = new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
                    .optOptimizer(InPlaceAdam.builder().optLearningRateTracker(Tracker.fixed(0.01f)).build())
                    .optDevices(new Device[] {Device.cpu()});
            try (Trainer trainer = model.newTrainer(config)) {
                trainer.initialize(new Shape(1, 8));
                Random shuffler = new Random(2);
                for (int epoch = 0; epoch < 2; epoch++) {
                    TrainingLoop.epoch(trainer, split, new long[] {8}, 32,
                            Datasets.permutation(n, shuffler), new TrainingLoop.Hooks() {
                                @Override
                                public void afterBackward(Batch batch, NDList predictions, NDArray loss) {
                                    losses.add(loss.toFloatArray()[0]);
                                }
                            });
                }
            }
        }
        float[] out = new float[losses.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = losses.get(i);
        }
        return out;
    }

    @Test
    void seededEpochsAreDeterministic() {
        float[] first = seededEpochs();
        float[] second = seededEpochs();
        assertEquals(2 * TrainingLoop.batches(200, 32), first.length);
        assertArrayEquals(first, second, 0f);
        float early = (first[0] + first[1] + first[2]) / 3;
        float late = (first[first.length - 1] + first[first.length - 2] + first[first.length - 3]) / 3;
        assertTrue(late < early, "the loss fell over two epochs (" + early + " -> " + late + ")");
    }
}
