package dev.verdant.model;

import ai.djl.nn.Block;

import java.util.List;

/**
 * A built, not yet initialised network.
 *
 * @param block          the DJL block (a sequence: see {@link #layers})
 * @param inputShape     per-sample input shape it was built for
 * @param flopsPerSample forward FLOPs per sample (2 per multiply-add, weighted layers only)
 * @param summary        one line describing the layers, for logs and the window
 * @param layers         the top-level weighted layers in order, partitioning the block's children
 * @param depth          weighted layers on the main path (shortcuts not counted): a resnet's 6n+2
 */
public record Network(Block block, long[] inputShape, long flopsPerSample, String summary, List<Layer> layers,
                      int depth) {

    public Network {
        layers = layers == null ? List.of() : List.copyOf(layers);
    }

    /** A network without layer bookkeeping (for blocks built outside {@link Architectures}). */
    public Network(Block block, long[] inputShape, long flopsPerSample, String summary) {
        this(block, inputShape, flopsPerSample, summary, List.of(), 0);
    }
}
