package dev.verdant.model;

/**
 * One weighted entry of a network's top level (a linear layer, a convolution or a residual block) with the
 * normalisation, activation and pooling that follow it: the unit that freezing and stacking act on. Derived from
 * the description ({@link Net#units}); because the built block has one child per top-level entry, the child range
 * is the entry range.
 *
 * @param name       e.g. {@code conv 6 (5x5)} or {@code residual 32}
 * @param firstChild index of its first entry (and block) among the network's top-level entries
 * @param endChild   index after its last entry
 * @param flops      forward FLOPs per sample of its weighted operations
 */
public record Unit(String name, int firstChild, int endChild, long flops) {
}
