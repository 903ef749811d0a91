package dev.verdant.compress;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.ParameterStore;
import ai.djl.training.dataset.Batch;
import dev.verdant.data.Split;
import dev.verdant.model.Batches;

/**
 * A {@link Net} loaded into a DJL model for inference: evaluation and timing. Close it to free native memory.
 */
final class LiveNet implements AutoCloseable {

    private static final int EVAL_BATCH = 1000;

    private final Net net;
    private final Model model;
    private final ParameterStore store;

    LiveNet(Net net, Device device) {
        this.net = net;
        Model m = Model.newInstance("compressed", device);
        try {
            m.setBlock(NetModels.build(net.layers()));
            m.getBlock().initialize(m.getNDManager(), DataType.FLOAT32, Batches.withBatch(1, net.inputShape()));
            NetModels.copyInto(net.layers(), m.getBlock());
        } catch (RuntimeException e) {
            m.close();
            throw e;
        }
        this.model = m;
        this.store = new ParameterStore(m.getNDManager(), false);
    }

    Net net() {
        return net;
    }

    Model model() {
        return model;
    }

    /** Logits for a batch, inference mode (dropout off, running statistics used). */
    NDList forward(NDList input) {
        return model.getBlock().forward(store, input, false);
    }

    /** Fraction of {@code split} classified correctly. */
    double accuracy(Split split) {
        long correct = 0;
        int[] order = Batches.inOrder(split.size());
        for (int from = 0; from < split.size(); from += EVAL_BATCH) {
            int size = Math.min(EVAL_BATCH, split.size() - from);
            try (Batch batch = Batches.of(model.getNDManager(), split, net.inputShape(), order, from, size, 0, 1)) {
                correct += Batches.correct(forward(batch.getData()), batch.getLabels());
            }
        }
        return (double) correct / Math.max(1, split.size());
    }

    @Override
    public void close() {
        model.close();
    }
}
