package dev.verdant.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import ai.djl.training.dataset.Batch;
import dev.verdant.data.Split;

import java.util.ArrayList;
import java.util.List;

/**
 * Early-exit inference on a network with exit heads ({@link ExitSequence}): every sample leaves at the first head whose
 * confidence (largest softmax probability) reaches the threshold, else at the final classifier. All heads' logits are
 * computed once per sample and the exit decisions are then taken for any number of thresholds: the decisions and
 * accuracy are exactly those of sequential early-exit inference, whose cost is counted analytically (the main path up
 * to the exit plus every head evaluated on the way).
 */
public final class EarlyExitInference {

    private static final int BATCH = 1000;

    /**
     * The outcome at one threshold.
     *
     * @param threshold   confidence needed to leave at a head; 1 or more disables the heads (plain inference)
     * @param accuracy    fraction of samples classified correctly where they left
     * @param shares      fraction of samples leaving at each head, then at the final classifier (sums to 1)
     * @param flops       average forward FLOPs per sample
     * @param fullFlops   forward FLOPs per sample of the plain network (no heads)
     */
    public record Point(double threshold, double accuracy, double[] shares, double flops, long fullFlops) {

        /** Average FLOPs as a fraction of the plain network's. */
        public double flopsRatio() {
            return flops / fullFlops;
        }
    }

    /** Per-sample predictions and confidences of every head and the final classifier, with the labels. */
    public record Predictions(int[][] predicted, float[][] confidence, long[] labels) {
    }

    private EarlyExitInference() {
    }

    /** Builds {@code net} (with values and exits) on {@code device} and keeps every head's decision on {@code split}. */
    public static Predictions predict(Net net, Split split, ai.djl.Device device) {
        try (ai.djl.Model m = ai.djl.Model.newInstance("early-exit", device)) {
            ai.djl.nn.SequentialBlock block = NetBlocks.build(net);
            if (!(block instanceof ExitSequence exits)) {
                throw new IllegalArgumentException("the network has no early exits (model.earlyExits)");
            }
            m.setBlock(block);
            block.initialize(m.getNDManager(), ai.djl.ndarray.types.DataType.FLOAT32,
                    Batches.withBatch(1, net.inputShape()));
            NetBlocks.copyInto(net, block);
            return predict(exits, m.getNDManager(), split, net.inputShape(), net.exitHeadFlops().size() - 1);
        }
    }

    /** Runs {@code block} (built from {@code net}, with exits) over {@code split}, keeping every head's decision. */
    public static Predictions predict(ExitSequence block, NDManager manager, Split split, long[] sampleShape,
                                      int heads) {
        int n = split.size();
        int outputs = heads + 1;
        int[][] predicted = new int[outputs][n];
        float[][] confidence = new float[outputs][n];
        long[] labels = new long[n];
        int[] order = Batches.inOrder(n);
        for (int from = 0; from < n; from += BATCH) {
            int size = Math.min(BATCH, n - from);
            try (Batch batch = Batches.of(manager, split, sampleShape, order, from, size, from / BATCH, 1)) {
                NDList all = block.forwardAll(new ParameterStore(batch.getManager(), false), batch.getData());
                // all = [final, head 1, head 2, ...]; store heads first, final last
                for (int k = 0; k < outputs; k++) {
                    NDArray logits = all.get(k == heads ? 0 : k + 1);
                    NDArray p = logits.softmax(1);
                    float[] conf = p.max(new int[] {1}).toFloatArray();
                    long[] arg = p.argMax(1).toLongArray();
                    for (int i = 0; i < size; i++) {
                        confidence[k][from + i] = conf[i];
                        predicted[k][from + i] = (int) arg[i];
                    }
                }
                long[] l = batch.getLabels().singletonOrThrow().toType(ai.djl.ndarray.types.DataType.INT64, false)
                        .toLongArray();
                System.arraycopy(l, 0, labels, from, size);
            }
        }
        return new Predictions(predicted, confidence, labels);
    }

    /** The exit decisions at {@code threshold}, costed with {@code net}'s {@link Net#exitHeadFlops}. */
    public static Point at(Predictions p, Net net, double threshold) {
        List<long[]> costs = net.exitHeadFlops();
        int heads = costs.size() - 1;
        int n = p.labels().length;
        long[] leaveCost = new long[heads + 1];
        long headsSoFar = 0;
        for (int k = 0; k <= heads; k++) {
            headsSoFar += costs.get(k)[1];
            leaveCost[k] = costs.get(k)[0] + headsSoFar;
        }
        long full = costs.get(heads)[0];
        boolean off = threshold >= 1;
        double[] shares = new double[heads + 1];
        long correct = 0;
        double flops = 0;
        for (int i = 0; i < n; i++) {
            int exit = heads;
            if (!off) {
                for (int k = 0; k < heads; k++) {
                    if (p.confidence()[k][i] >= threshold) {
                        exit = k;
                        break;
                    }
                }
            }
            shares[exit]++;
            flops += off ? full : leaveCost[exit];
            if (p.predicted()[exit][i] == p.labels()[i]) {
                correct++;
            }
        }
        for (int k = 0; k <= heads; k++) {
            shares[k] /= Math.max(1, n);
        }
        return new Point(threshold, (double) correct / Math.max(1, n), shares, flops / Math.max(1, n), full);
    }

    /** {@link #at} for each threshold. */
    public static List<Point> sweep(Predictions p, Net net, double... thresholds) {
        List<Point> out = new ArrayList<>();
        for (double t : thresholds) {
            out.add(at(p, net, t));
        }
        return out;
    }
}
