/**
 * The network description and what is built from it. A spec's model section becomes a {@link dev.verdant.model.Net}
 * ({@link dev.verdant.model.Architectures}): plain {@link dev.verdant.model.Layer} values (dense, convolution,
 * normalisation, activation, pooling, dropout, flatten, residual blocks), weights optional. One builder,
 * {@link dev.verdant.model.NetBlocks}, turns a description into a DJL block with one child per entry and reads
 * trained values back by walking the description alongside the block's parameters. Parameters and FLOPs per sample
 * are counted from the description.
 *
 * <p>FLOPs convention: a multiply-add counts 2 FLOPs; only weighted layers (linear, convolution) are counted.
 * Biases, activations, normalisation, pooling and residual additions are not (they are a few percent at most).
 *
 * <p>Blocks DJL lacks are written here: {@link dev.verdant.model.GroupNormBlock} and
 * {@link dev.verdant.model.ResidualBlock} (a residual block that can skip its branch, for stochastic depth).
 * The one training loop ({@link dev.verdant.model.TrainingLoop}, with hooks) and the one evaluation routine
 * ({@link dev.verdant.model.Evaluation#of}) live here too, beside the batching they share ({@link
 * dev.verdant.model.Batches}), because both training and compression use them and neither may use the other.
 */
package dev.verdant.model;
