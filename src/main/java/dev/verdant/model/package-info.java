/**
 * Architectures as DJL {@link ai.djl.nn.Block}s, built for a dataset's input shape, with their exact
 * trainable parameter count and analytic FLOPs per sample.
 *
 * <p>FLOPs convention: a multiply-add counts 2 FLOPs; only weighted layers (linear, convolution) are counted.
 * Biases, activations, normalisation, pooling and residual additions are not (they are a few percent at most).
 */
package dev.verdant.model;
