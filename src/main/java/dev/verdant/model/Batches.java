package dev.verdant.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.dataset.Batch;
import ai.djl.translate.Batchifier;
import dev.verdant.data.Split;

/**
 * Turns in-memory splits into DJL batches, and counts correct predictions. Shared by every loop that feeds a
 * network (training, fine-tuning, distillation, evaluation) so they batch identically.
 */
public final class Batches {

    private Batches() {
    }

    /** The identity order 0..n-1, for evaluation in sample order. */
    public static int[] inOrder(int n) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        return order;
    }

    /**
     * Copies samples {@code order[from .. from+size)} from the Java arrays into a batch on a fresh sub-manager of
     * {@code parent}; closing the batch frees everything computed from it. Features have shape
     * {@code [size, sampleShape...]}, labels are int64 class indices. For one-off batches; loops over a split use
     * {@link #staged}, which gives the same values.
     */
    public static Batch of(NDManager parent, Split split, long[] sampleShape, int[] order, int from, int size,
                           int index, int total) {
        int d = split.sampleSize();
        float[] x = new float[size * d];
        long[] y = new long[size];
        int[] labels = split.labels();
        for (int i = 0; i < size; i++) {
            int s = order[from + i];
            split.copySample(s, x, i * d);
            y[i] = labels[s];
        }
        NDManager manager = parent.newSubManager();
        NDList xs = new NDList(manager.create(x, withBatch(size, sampleShape)));
        NDList ys = new NDList(manager.create(y));
        return new Batch(manager, xs, ys, size, Batchifier.STACK, Batchifier.STACK, index, total);
    }

    /**
     * The same batch as {@link #of}, gathered on the native side from the split staged once under {@code parent}
     * (8-bit values converted there): per batch only the {@code size} indices cross from Java. Bit for bit equal to
     * {@link #of}'s batch.
     */
    public static Batch staged(NDManager parent, Split split, long[] sampleShape, int[] order, int from, int size,
                               int index, int total) {
        long[] rows = new long[size];
        for (int i = 0; i < size; i++) {
            rows[i] = order[from + i];
        }
        NDManager manager = parent.newSubManager();
        NDList xs;
        NDList ys;
        // Held for the gather only: the gathered batch is a copy, so another thread may evict the split afterwards.
        try (StagedSplits.Staged staged = StagedSplits.acquire(parent, split)) {
            NDArray pick = manager.create(rows);
            NDArray x = rowsOf(staged.features, pick, manager);
            if (split.isBytes()) {
                // uint8 -> float32, then the same IEEE division by 255 as Split.byteValue (correctly rounded, so
                // equal); the divisor is a scalar made once per staged split, not per batch. (libtorch's promoting
                // uint8 / float division in one op measured no faster: bench/gather.sh.)
                x = x.toType(DataType.FLOAT32, false).divi(staged.scale);
            }
            xs = new NDList(x.reshape(withBatch(size, sampleShape)));
            ys = new NDList(rowsOf(staged.labels, pick, manager).reshape(size));
        } catch (RuntimeException e) {
            manager.close();
            throw e;
        }
        return new Batch(manager, xs, ys, size, Batchifier.STACK, Batchifier.STACK, index, total);
    }

    /**
     * Rows {@code pick} of the 2-D {@code table}, on {@code manager}. With libtorch this is its embedding lookup (an
     * {@code index_select} of whole rows): about a third of the time of DJL's general advanced indexing
     * ({@code get(NDIndex("{}", pick))}), which builds an index list and goes through {@code Tensor.index} for each
     * batch (bench/gather.sh: ~70 against ~240 us for 128 MNIST rows). Other engines keep the general path.
     */
    private static NDArray rowsOf(NDArray table, NDArray pick, NDManager manager) {
        if (table instanceof PtNDArray t && pick instanceof PtNDArray p) {
            return JniUtils.embedding(p, t, false); // attached to pick's manager, i.e. the batch's
        }
        return table.get(manager, new NDIndex("{}", pick));
    }

    /** Frees the splits staged under {@code parent} now rather than when it closes. */
    public static void releaseStaged(NDManager parent) {
        StagedSplits.release(parent);
    }

    /** {@code [batch, sampleShape...]}. */
    public static Shape withBatch(long batch, long[] sampleShape) {
        long[] dims = new long[sampleShape.length + 1];
        dims[0] = batch;
        System.arraycopy(sampleShape, 0, dims, 1, sampleShape.length);
        return new Shape(dims);
    }

    /** How many of the predicted classes (argmax of the first logits: the final head of a network with early exits) equal the labels. */
    public static long correct(NDList logits, NDList labels) {
        NDArray predicted = logits.head().argMax(1).toType(DataType.INT64, false);
        // toLongArray reads the count directly; getLong() would first make an index op.
        return predicted.eq(labels.singletonOrThrow()).sum().toLongArray()[0];
    }
}
