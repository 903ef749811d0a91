package dev.verdant.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
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

    /** Rescales every weighted layer of {@code block} on {@code batch}, which the caller closes. */
    static void apply(Block block, NDManager manager, NDArray batch) {
        walk(block, new ParameterStore(manager, false), new NDList(batch), true, new ArrayList<>());
    }

    /** The output variance of each weighted layer on {@code batch}, in forward order (for tests and logs). */
    static List<Double> layerVariances(Block block, NDManager manager, NDArray batch) {
        List<Double> out = new ArrayList<>();
        walk(block, new ParameterStore(manager, false), new NDList(batch), false, out);
        return out;
    }

    private static NDList walk(Block block, ParameterStore store, NDList x, boolean rescale, List<Double> variances) {
        if (block instanceof SequentialBlock) {
            NDList h = x;
            for (Block child : block.getChildren().values()) {
                h = walk(child, store, h, rescale, variances);
            }
            return h;
        }
        if (block instanceof ResidualBlock r) {
            walk(r.branch(), store, x, rescale, variances);
            walk(r.shortcut(), store, x, rescale, variances);
            return r.forward(store, x, false);
        }
        if (block instanceof Linear || block instanceof Conv2d) {
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

    private static NDArray weight(Block block) {
        for (Parameter p : block.getDirectParameters().values()) {
            if (p.getType() == Parameter.Type.WEIGHT) {
                return p.getArray();
            }
        }
        throw new IllegalStateException(block + " has no weight");
    }

    private static double variance(NDArray y) {
        NDArray centred = y.sub(y.mean());
        return centred.square().mean().getFloat();
    }
}
