package dev.verdant.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.training.dataset.Batch;
import dev.verdant.data.Split;
import dev.verdant.model.Batches;

import java.util.List;

/**
 * One inference pass of a network over some samples in inference mode (dropout off, running statistics used),
 * keeping per sample its class probabilities and its embedding: the input of the last layer (the classifier), what
 * core-set sampling and prototype classifiers compare. Every batch is closed after its values are read back.
 *
 * @param probabilities per sample, softmax of the logits
 * @param embeddings    per sample, the classifier's input (null when not asked for)
 */
public record PoolScores(float[][] probabilities, float[][] embeddings) {

    private static final int BATCH = 500;

    /**
     * Scores the samples {@code indices} of {@code split} with {@code block}, whose top-level children run in order
     * (the last one being the classifier).
     */
    public static PoolScores of(Block block, NDManager manager, Split split, long[] sampleShape, int[] indices,
                                boolean withEmbeddings) {
        float[][] probs = new float[indices.length][];
        float[][] emb = withEmbeddings ? new float[indices.length][] : null;
        List<Block> children = block.getChildren().values();
        for (int from = 0; from < indices.length; from += BATCH) {
            int size = Math.min(BATCH, indices.length - from);
            try (Batch batch = Batches.of(manager, split, sampleShape, indices, from, size, from / BATCH, 1)) {
                ParameterStore ps = new ParameterStore(batch.getManager(), false);
                NDList x = batch.getData();
                for (int c = 0; c < children.size() - 1; c++) {
                    x = children.get(c).forward(ps, x, false);
                }
                NDArray features = x.singletonOrThrow();
                NDArray logits = children.get(children.size() - 1).forward(ps, x, false).singletonOrThrow();
                split(logits.softmax(1).toFloatArray(), size, probs, from);
                if (emb != null) {
                    split(features.reshape(size, -1).toFloatArray(), size, emb, from);
                }
            }
        }
        return new PoolScores(probs, emb);
    }

    private static void split(float[] flat, int rows, float[][] out, int at) {
        int width = flat.length / rows;
        for (int r = 0; r < rows; r++) {
            out[at + r] = java.util.Arrays.copyOfRange(flat, r * width, (r + 1) * width);
        }
    }
}
