package dev.verdant.compress;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.ParameterStore;
import dev.verdant.data.Split;
import dev.verdant.model.Batches;
import dev.verdant.model.Evaluation;
import dev.verdant.model.Net;
import dev.verdant.model.NetBlocks;

/**
 * A {@link Net} loaded into a DJL model for inference: evaluation and timing. Close it to free native memory.
 */
final class LiveNet implements AutoCloseable {

    private final Net net;
    private final Model model;
    private final ParameterStore store;

    LiveNet(Net net, Device device) {
        this.net = net;
        Model m = Model.newInstance("compressed", device);
        try {
            m.setBlock(NetBlocks.build(net));
            m.getBlock().initialize(m.getNDManager(), DataType.FLOAT32, Batches.withBatch(1, net.inputShape()));
            NetBlocks.copyInto(net, m.getBlock());
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
        return Evaluation.of(model.getBlock(), model.getNDManager(), split, net.inputShape(), null).accuracy();
    }

    @Override
    public void close() {
        model.close();
    }
}
