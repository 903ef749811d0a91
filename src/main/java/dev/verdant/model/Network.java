package dev.verdant.model;

import ai.djl.nn.Block;

/**
 * A built, not yet initialised network.
 *
 * @param block          the DJL block
 * @param inputShape     per-sample input shape it was built for
 * @param flopsPerSample forward FLOPs per sample (2 per multiply-add, weighted layers only)
 * @param summary        one line describing the layers, for logs and the window
 */
public record Network(Block block, long[] inputShape, long flopsPerSample, String summary) {
}
