/**
 * Architectures as DJL {@link ai.djl.nn.Block}s, built for a dataset's input shape, with their exact
 * trainable parameter count and analytic FLOPs per sample.
 *
 * <p>FLOPs convention: a multiply-add counts 2 FLOPs; only weighted layers (linear, convolution) are counted.
 * Biases, activations, normalisation, pooling and residual additions are not (they are a few percent at most).
 *
 * <p>Blocks DJL lacks are written here: {@link dev.verdant.model.GroupNorm} and
 * {@link dev.verdant.model.ResidualBlock} (a residual block that can skip its branch, for stochastic depth).
 * Each network lists its {@link dev.verdant.model.Layer}s, the units that freezing and stacking act on.
 */
package dev.verdant.model;
