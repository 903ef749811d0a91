package dev.verdant.compress;

import java.util.List;

/**
 * One layer of a network as plain Java values: kind, sizes and weights (row-major float arrays). The pipeline
 * edits networks in this form (prune, factorise, quantise), because rebuilding physically smaller DJL blocks
 * needs the layer structure, which a built DJL block only partly exposes. {@link NetModels} turns a list of
 * layers into a DJL block and back.
 */
public sealed interface Layer {

    /**
     * A fully connected layer, weight {@code [out, in]}.
     *
     * @param quant the integer form when the weight is quantised (the weight then holds its dequantised values), or null
     */
    record Dense(int in, int out, float[] weight, float[] bias, Quantized quant) implements Layer {
    }

    /**
     * A 2-D convolution with a square kernel, weight {@code [out, in / groups, k, k]}.
     *
     * @param quant the integer form when the weight is quantised, or null
     */
    record Conv(int in, int out, int kernel, int stride, int padding, int groups, float[] weight, float[] bias,
                Quantized quant) implements Layer {

        /** True for a depthwise convolution (one filter per input channel). */
        public boolean depthwise() {
            return groups > 1 && groups == in && in == out;
        }
    }

    /** Batch normalisation over {@code channels} (the second axis), with its running statistics. */
    record BatchNorm(int channels, float[] gamma, float[] beta, float[] mean, float[] var) implements Layer {
    }

    /**
     * Layer normalisation over every per-sample axis.
     *
     * @param shape per-sample shape normalised, e.g. {@code [F]} or {@code [C, H, W]} (gamma and beta have it)
     */
    record LayerNorm(long[] shape, float[] gamma, float[] beta) implements Layer {
    }

    /** An activation function: {@code relu}, {@code tanh}, {@code sigmoid} or {@code gelu}. */
    record Activation(String name) implements Layer {
    }

    /** Dropout with probability {@code rate} while training; the identity at inference. */
    record Dropout(double rate) implements Layer {
    }

    /** 2-D pooling, {@code avg} or {@code max}, with a square window of {@code size} and equal stride. */
    record Pool(String kind, int size) implements Layer {
    }

    /** Global average pooling: {@code [C, H, W]} to {@code [C]}. */
    record GlobalAvgPool() implements Layer {
    }

    /** Flattens {@code [C, H, W]} to {@code [C*H*W]}, channel-major. */
    record Flatten() implements Layer {
    }

    /**
     * Simulated symmetric activation quantisation after a layer: values are rounded to multiples of
     * {@code scale} and clipped to {@code [-(2^(bits-1)-1), 2^(bits-1)-1] * scale}.
     */
    record ActQuant(int bits, float scale) implements Layer {
    }

    /**
     * Records the largest magnitude passing through into {@code maxAbs[0]}: inserted only while calibrating
     * activation ranges for quantisation, never kept in a pipeline's net.
     */
    record Probe(float[] maxAbs) implements Layer {
    }

    /**
     * {@code branch(x) + shortcut(x)}; an empty shortcut is the identity (the activation after it is a layer of its own).
     */
    record Residual(List<Layer> branch, List<Layer> shortcut) implements Layer {
        public Residual {
            branch = List.copyOf(branch);
            shortcut = List.copyOf(shortcut);
        }
    }

    /**
     * A quantised weight: symmetric integers and the scales that map them back ({@code w = q * scale}).
     *
     * @param bits       8 or 4
     * @param perChannel one scale per output unit (true) or one for the tensor
     * @param values     one integer per weight, in {@code [-(2^(bits-1)-1), 2^(bits-1)-1]}
     * @param scales     one scale, or one per output unit
     */
    record Quantized(int bits, boolean perChannel, byte[] values, float[] scales) {
    }
}
