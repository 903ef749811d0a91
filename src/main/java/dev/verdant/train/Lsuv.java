package dev.verdant.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import dev.verdant.model.Layer;
import dev.verdant.model.Network;
import dev.verdant.model.ResidualBlock;

import java.util.ArrayList;
import java.util.List;

/**
 * Layer-sequential unit-variance initialisation (Mishkin &amp; Matas 2016): after an orthogonal initialisation,
 * each linear or convolutional layer in forward order is fed a batch of training data and its weights are scaled
 * until the variance of its output is 1 (within {@link #TOLERANCE}). Layers are visited in order, so each sees
 * inputs from already-rescaled layers. Runs in inference mode: batch norm uses its initial statistics, dropout is off.
 */
final class Lsuv {

    /** Stop rescaling a layer once its output variance is this close to 1. */
    static final double TOLERANCE = 0.02;
    private static final int MAX_ITERATIONS = 10;

    private Lsuv() {
    }

    /** Rescales every weighted layer of {@code network} on {@code batch}, which the caller closes. */
    static void apply(Network network, NDManager manager, NDArray batch) {
        walk(network.net().layers(), network.block(), new ParameterStore(manager, false), new NDList(batch), true,
                new ArrayList<>());
    }

    /** The output variance of each weighted layer on {@code batch}, in forward order (for tests and logs). */
    static List<Double> layerVariances(Network network, NDManager manager, NDArray batch) {
        List<Double> out = new ArrayList<>();
        walk(network.net().layers(), network.block(), new ParameterStore(manager, false), new NDList(batch), false,
                out);
        return out;
    }

    /** Walks the description alongside the sequence built from it (one child per entry). */
    private static NDList walk(List<Layer> layers, Block sequence, ParameterStore store, NDList x, boolean rescale,
                               List<Double> variances) {
        List<Block> children = sequence.getChildren().values();
        NDList h = x;
        for (int i = 0; i < layers.size(); i++) {
            h = walk(layers.get(i), children.get(i), store, h, rescale, variances);
        }
        return h;
    }

    private static NDList walk(Layer layer, Block block, ParameterStore store, NDList x, boolean rescale,
                               List<Double> variances) {
        if (layer instanceof Layer.Residual r) {
            ResidualBlock residual = (ResidualBlock) block;
            walk(r.branch(), residual.branch(), store, x, rescale, variances);
            if (!r.shortcut().isEmpty()) {
                walk(r.shortcut(), residual.shortcut(), store, x, rescale, variances);
            }
            return residual.forward(store, x, false);
        }
        if (layer instanceof Layer.Dense || layer instanceof Layer.Conv) {
            NDList y = block.forward(store, x, false);
            if (rescale) {
                NDArray weight = weight(block);
                for (int i = 0; i < MAX_ITERATIONS; i++) {
                    double variance = variance(y.singletonOrThrow());
                    if (Math.abs(variance - 1) < TOLERANCE || variance <= 0 || !Double.isFinite(variance)) {
                        break;
                    }
                    // Bias starts at zero, so the output scales exactly with the weights.
                    try (ai.djl.ndarray.NDScope scope = new ai.djl.ndarray.NDScope()) {
                        weight.stopGradient().muli((float) (1 / Math.sqrt(variance)));
                    }
                    y = block.forward(store, x, false);
                }
            }
            variances.add(variance(y.singletonOrThrow()));
            return y;
        }
        return block.forward(store, x, false);
    }

    /** A weighted layer's weight: its first parameter (the description's order). */
    private static NDArray weight(Block block) {
        return block.getParameters().valueAt(0).getArray();
    }

    private static double variance(NDArray y) {
        NDArray centred = y.sub(y.mean());
        return centred.square().mean().getFloat();
    }
}
