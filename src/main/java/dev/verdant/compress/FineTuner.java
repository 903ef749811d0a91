package dev.verdant.compress;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.nn.Parameter;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.Trainer;
import ai.djl.training.dataset.Batch;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import dev.verdant.data.Datasets;
import dev.verdant.data.Split;
import dev.verdant.model.Batches;
import dev.verdant.model.Layer;
import dev.verdant.model.Net;
import dev.verdant.model.NetBlocks;
import dev.verdant.model.TrainingLoop;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.IntFunction;
import java.util.function.UnaryOperator;
import java.util.function.BooleanSupplier;

/**
 * Fine-tuning after a step and training a distillation student, on the one training loop
 * ({@link TrainingLoop}) with compression's hooks. Adam at the run's learning rate and batch size, seeded shuffling. When the net is {@link Net#sparse sparse},
 * its zero weights are masked: the masks are re-applied after every optimiser step (Han et al. 2015), so pruned
 * connections stay pruned.
 */
final class FineTuner {

    /**
     * How to train.
     *
     * @param epochs       passes over the training split
     * @param batchSize    samples per update
     * @param learningRate Adam's learning rate
     * @param seed         seeds shuffling, dropout and the engine
     * @param device       where to train
     * @param cancelled    checked between batches; training stops early when it turns true
     */
    record Settings(int epochs, int batchSize, double learningRate, long seed, Device device,
                    BooleanSupplier cancelled) {
    }

    private FineTuner() {
    }

    /** Fine-tunes {@code net} with cross-entropy; returns it with the trained weights. */
    static Net train(Net net, Split train, Settings s) {
        return train(net, train, s, Loss.softmaxCrossEntropyLoss(), null, null);
    }

    /**
     * Trains {@code net}.
     *
     * @param loss    the loss; with a {@code teacher} it receives labels {@code [hardLabel, teacherLogits]}
     * @param teacher computes teacher logits per batch in inference mode, or null
     * @param reprune called before every update with the update index; a non-null answer is applied to the current
     *                net and replaces the weights (and, for a sparse net, the masks): the gradual pruning schedule.
     *                Only then are the weights read back, so updates without an event cost nothing extra
     */
    static Net train(Net net, Split train, Settings s, Loss loss, LiveNet teacher,
                     IntFunction<UnaryOperator<Net>> reprune) {
        if (s.epochs() <= 0 || train.size() == 0) {
            return net;
        }
        Engine.getInstance().setRandomSeed((int) s.seed());
        try (Model model = Model.newInstance("fine-tune", s.device())) {
            model.setBlock(NetBlocks.build(net));
            DefaultTrainingConfig config = new DefaultTrainingConfig(loss)
                    .optOptimizer(Optimizer.adam().optLearningRateTracker(Tracker.fixed((float) s.learningRate()))
                            .build())
                    .optDevices(new Device[] {s.device()});
            try (Trainer trainer = model.newTrainer(config);
                 Masks masks = new Masks(model.getNDManager())) {
                trainer.initialize(Batches.withBatch(1, net.inputShape()));
                NetBlocks.copyInto(net, model.getBlock());
                if (net.sparse()) {
                    masks.reset(net, model);
                }
                Random shuffler = new Random(s.seed());
                int steps = TrainingLoop.batches(train.size(), s.batchSize());
                Hooks hooks = new Hooks(net, model, masks, s.cancelled(), teacher, reprune);
                for (int epoch = 0; epoch < s.epochs() && !hooks.cancelled; epoch++) {
                    int[] order = Datasets.permutation(train.size(), shuffler);
                    TrainingLoop.epoch(trainer, train, net.inputShape(), s.batchSize(), order, hooks);
                    hooks.offset += steps;
                }
                return NetBlocks.readValues(net, model.getBlock());
            }
        }
    }

    /**
     * Fine-tuning's hooks on the one training loop: the cancel check, the gradual schedule's pruning events before
     * an update, the teacher's logits as extra labels, and the masks re-applied after every update.
     */
    private static final class Hooks implements TrainingLoop.Hooks {
        private final Net net;
        private final Model model;
        private final Masks masks;
        private final BooleanSupplier cancel;
        private final LiveNet teacher;
        private final IntFunction<UnaryOperator<Net>> reprune;
        /** Updates made in earlier epochs. */
        int offset;
        boolean cancelled;

        Hooks(Net net, Model model, Masks masks, BooleanSupplier cancel, LiveNet teacher,
              IntFunction<UnaryOperator<Net>> reprune) {
            this.net = net;
            this.model = model;
            this.masks = masks;
            this.cancel = cancel;
            this.teacher = teacher;
            this.reprune = reprune;
        }

        @Override
        public boolean stopBefore(int index) {
            if (cancel.getAsBoolean()) {
                cancelled = true;
                return true;
            }
            UnaryOperator<Net> event = reprune == null ? null : reprune.apply(offset + index);
            if (event != null) {
                Net pruned = event.apply(NetBlocks.readValues(net, model.getBlock()));
                if (pruned != null) {
                    NetBlocks.copyInto(pruned, model.getBlock());
                    masks.reset(pruned, model);
                }
            }
            return false;
        }

        @Override
        public NDList labels(Batch batch) {
            if (teacher == null) {
                return batch.getLabels();
            }
            return new NDList(batch.getLabels().singletonOrThrow(), teacher.forward(batch.getData()).singletonOrThrow());
        }

        @Override
        public boolean afterStep(int index, int size) {
            masks.apply();
            return true;
        }
    }

    /** Updates before every pruning event of a gradual schedule over {@code epochs} of {@code train}. */
    static int updates(Split train, Settings s) {
        return s.epochs() * TrainingLoop.batches(train.size(), s.batchSize());
    }

    /** One 0/1 mask per weight that holds zeros, kept on a sub-manager so replacing them frees the old ones. */
    private static final class Masks implements AutoCloseable {
        private final NDManager parent;
        private NDManager manager;
        private final List<NDArray[]> pairs = new ArrayList<>();

        Masks(NDManager parent) {
            this.parent = parent;
        }

        void reset(Net net, Model model) {
            close();
            manager = parent.newSubManager();
            List<Layer> weighted = net.weighted();
            List<Parameter> params = NetBlocks.weights(net, model.getBlock());
            for (int i = 0; i < weighted.size(); i++) {
                float[] v = MagnitudePruning.weight(weighted.get(i));
                if (v == null) {
                    continue;
                }
                float[] m = new float[v.length];
                boolean any = false;
                for (int j = 0; j < v.length; j++) {
                    m[j] = v[j] == 0f ? 0f : 1f;
                    any |= v[j] == 0f;
                }
                if (any) {
                    NDArray w = params.get(i).getArray();
                    pairs.add(new NDArray[] {w, manager.create(m, w.getShape())});
                }
            }
        }

        /** Zeroes the pruned weights again after an optimiser step; in place, temporaries freed at once. */
        void apply() {
            if (pairs.isEmpty()) {
                return;
            }
            try (NDScope scope = new NDScope()) {
                for (NDArray[] p : pairs) {
                    // Through a detached view (same storage): libtorch refuses in-place writes to a leaf that
                    // requires grad whenever the thread's grad mode is on, e.g. on a fresh runner thread.
                    p[0].stopGradient().muli(p[1]);
                }
            }
        }

        @Override
        public void close() {
            pairs.clear();
            if (manager != null) {
                manager.close();
                manager = null;
            }
        }
    }
}
