package dev.verdant.model;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.training.dataset.Batch;
import ai.djl.training.loss.Loss;
import dev.verdant.data.Split;

/**
 * Loss and accuracy of a model on one split, and the one routine that measures them (training's validation, the
 * final evaluation, a reloaded model, every compressed model).
 *
 * @param loss     mean loss ({@code NaN} when no loss was asked for)
 * @param accuracy fraction of samples classified correctly
 * @param samples  how many samples were evaluated
 */
public record Evaluation(double loss, double accuracy, int samples) {

    /** Samples per forward pass: large, since nothing is kept for a backward pass. */
    private static final int BATCH = 1000;

    /**
     * Evaluates {@code block} on {@code split} in inference mode (dropout off, running statistics used), in sample
     * order.
     *
     * @param manager where batches are made (each batch is a sub-manager, closed after use)
     * @param loss    the loss to average, or null for accuracy only
     */
    public static Evaluation of(Block block, NDManager manager, Split split, long[] sampleShape, Loss loss) {
        double lossSum = 0;
        long correct = 0;
        int[] order = Batches.inOrder(split.size());
        for (int from = 0; from < split.size(); from += BATCH) {
            int size = Math.min(BATCH, split.size() - from);
            try (Batch batch = Batches.staged(manager, split, sampleShape, order, from, size, from / BATCH, 1)) {
                // A fresh ParameterStore reads the block's current arrays, including ones replaced since (a load, a
                // copy); a trainer's store would keep serving the arrays it cached before.
                NDList predictions = block.forward(new ParameterStore(batch.getManager(), false), batch.getData(),
                        false);
                if (loss != null) {
                    lossSum += loss.evaluate(batch.getLabels(), predictions).toFloatArray()[0] * size;
                }
                correct += Batches.correct(predictions, batch.getLabels());
            }
        }
        int n = Math.max(1, split.size());
        return new Evaluation(loss == null ? Double.NaN : lossSum / n, (double) correct / n, split.size());
    }
}
