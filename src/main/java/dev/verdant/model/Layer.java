package dev.verdant.model;

/**
 * One weighted layer of a network's top-level sequence (a linear layer, a convolution or a residual block),
 * with the normalisation, activation and pooling that follow it: the unit that freezing and stacking act on.
 *
 * @param name       e.g. {@code conv 6 (5x5)} or {@code residual 32}
 * @param firstChild index of its first block among the network's top-level children
 * @param endChild   index after its last block
 * @param flops      forward FLOPs per sample of its weighted operations
 */
public record Layer(String name, int firstChild, int endChild, long flops) {
}
