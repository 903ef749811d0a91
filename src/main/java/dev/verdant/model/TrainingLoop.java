package dev.verdant.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.dataset.Batch;
import dev.verdant.data.Split;

/**
 * The one training loop: one pass over a split in a given order, one optimiser update per batch. Training, fine-tuning
 * after compression and distillation all run it; what differs is a {@link Hooks} object (cancel checks, statistics,
 * pruning events, mask re-application, teacher logits), so the loop stays as small as DJL's own
 * {@code EasyTrain.trainBatch}. The loop itself reads nothing back from the device: hooks decide what to sync.
 */
public final class TrainingLoop {

    private TrainingLoop() {
    }

    /** What a caller plugs into the loop; every method has a do-nothing default. */
    public interface Hooks {

        /**
         * Before batch {@code index} of the epoch; may change the weights (e.g. a pruning event).
         *
         * @return true to stop the epoch before this batch (e.g. cancelled)
         */
        default boolean stopBefore(int index) {
            return false;
        }

        /** The labels the loss compares the predictions with; distillation appends the teacher's logits. */
        default NDList labels(Batch batch) {
            return batch.getLabels();
        }

        /** After the backward pass, before the update: the batch's predictions and scalar loss, still open. */
        default void afterBackward(Batch batch, NDList predictions, NDArray loss) {
        }

        /**
         * After the optimiser update of batch {@code index} of {@code size} samples (pruning masks are re-applied here).
         *
         * @return false to stop the epoch after this batch (e.g. the loss diverged)
         */
        default boolean afterStep(int index, int size) {
            return true;
        }
    }

    /** Batches of {@code batchSize} (at most the split's size) in one pass over {@code samples} samples. */
    public static int batches(int samples, int batchSize) {
        int bs = Math.max(1, Math.min(batchSize, samples));
        return (samples + bs - 1) / bs;
    }

    /**
     * Trains one pass over {@code split} in {@code order}; each batch is closed before the next.
     *
     * @return the batches completed (fewer than {@link #batches} when a hook stopped the epoch)
     */
    public static int epoch(Trainer trainer, Split split, long[] sampleShape, int batchSize, int[] order,
                            Hooks hooks) {
        int bs = Math.max(1, Math.min(batchSize, split.size()));
        int steps = batches(split.size(), batchSize);
        for (int b = 0; b < steps; b++) {
            if (hooks.stopBefore(b)) {
                return b;
            }
            int from = b * bs;
            int size = Math.min(bs, split.size() - from);
            try (Batch batch = Batches.staged(trainer.getManager(), split, sampleShape, order, from, size, b, steps)) {
                NDList labels = hooks.labels(batch);
                try (GradientCollector gc = trainer.newGradientCollector()) {
                    NDList predictions = trainer.forward(batch.getData(), labels);
                    NDArray loss = trainer.getLoss().evaluate(labels, predictions);
                    gc.backward(loss);
                    hooks.afterBackward(batch, predictions, loss);
                }
                trainer.step();
            }
            if (!hooks.afterStep(b, size)) {
                return b + 1;
            }
        }
        return steps;
    }
}
