package dev.verdant.model;

import java.util.Arrays;
import java.util.List;

/**
 * One entry of a network description ({@link Net}): its kind, sizes and, once trained, its values (row-major float
 * arrays in DJL's parameter order). Values are optional: a description made from a spec has none (null arrays)
 * until training fills them in. The description is the single source for building the DJL block ({@link NetBlocks},
 * one block per entry), for counting parameters and FLOPs, for freezing and stacking, for every compression edit
 * and for the packed artifact. A new layer kind is a new record here plus a case in {@link NetBlocks#block} (the
 * sealed interface makes the compiler list every switch that must learn it).
 */
public sealed interface Layer {

    /** The layer's parameter arrays in DJL's order (null entries while untrained); none for most layers. */
    default List<float[]> arrays() {
        return List.of();
    }

    /** How many parameter arrays the built block has, values present or not. */
    default int arrayCount() {
        return 0;
    }

    /** The same layer holding {@code values} (one per {@link #arrayCount}, in DJL's order). */
    default Layer withArrays(List<float[]> values) {
        return this;
    }

    /** Values per parameter array, in DJL's order, from the sizes alone. */
    default long[] arraySizes() {
        return new long[0];
    }

    /** How many of {@link #arraySizes} are trainable (the leading ones; normalisation statistics follow). */
    default int trainableArrays() {
        return arrayCount();
    }

    /**
     * A fully connected layer, weight {@code [out, in]}.
     *
     * @param biased whether it has a bias (the first factor of a low-rank pair has none)
     * @param weight null while untrained
     * @param bias   null while untrained or without bias
     * @param quant  the integer form when the weight is quantised (the weight then holds its dequantised values), or null
     */
    record Dense(int in, int out, boolean biased, float[] weight, float[] bias, Quantized quant) implements Layer {

        /** An untrained layer with bias. */
        public static Dense of(int in, int out) {
            return new Dense(in, out, true, null, null, null);
        }

        /** The same sizes with other values (quantisation dropped). */
        public Dense withValues(float[] newWeight, float[] newBias) {
            return new Dense(in, out, biased, newWeight, newBias, null);
        }

        @Override
        public List<float[]> arrays() {
            return biased ? Arrays.asList(weight, bias) : Arrays.asList(new float[][] {weight});
        }

        @Override
        public int arrayCount() {
            return biased ? 2 : 1;
        }

        @Override
        public Layer withArrays(List<float[]> values) {
            return withValues(values.get(0), biased ? values.get(1) : null);
        }

        @Override
        public long[] arraySizes() {
            return biased ? new long[] {(long) in * out, out} : new long[] {(long) in * out};
        }
    }

    /**
     * A 2-D convolution with a square kernel, weight {@code [out, in / groups, k, k]}.
     *
     * @param biased whether it has a bias
     * @param weight null while untrained
     * @param bias   null while untrained or without bias
     * @param quant  the integer form when the weight is quantised, or null
     */
    record Conv(int in, int out, int kernel, int stride, int padding, int groups, boolean biased, float[] weight,
                float[] bias, Quantized quant) implements Layer {

        /** An untrained convolution with bias. */
        public static Conv of(int in, int out, int kernel, int stride, int padding, int groups) {
            return new Conv(in, out, kernel, stride, padding, groups, true, null, null, null);
        }

        /** True for a depthwise convolution (one filter per input channel). */
        public boolean depthwise() {
            return groups > 1 && groups == in && in == out;
        }

        /** The same sizes with other values (quantisation dropped). */
        public Conv withValues(float[] newWeight, float[] newBias) {
            return new Conv(in, out, kernel, stride, padding, groups, biased, newWeight, newBias, null);
        }

        @Override
        public List<float[]> arrays() {
            return biased ? Arrays.asList(weight, bias) : Arrays.asList(new float[][] {weight});
        }

        @Override
        public int arrayCount() {
            return biased ? 2 : 1;
        }

        @Override
        public Layer withArrays(List<float[]> values) {
            return withValues(values.get(0), biased ? values.get(1) : null);
        }

        @Override
        public long[] arraySizes() {
            long w = (long) out * (in / groups) * kernel * kernel;
            return biased ? new long[] {w, out} : new long[] {w};
        }
    }

    /** Batch normalisation over {@code channels} (the second axis), with its running statistics. */
    record BatchNorm(int channels, float[] gamma, float[] beta, float[] mean, float[] var) implements Layer {

        public static BatchNorm of(int channels) {
            return new BatchNorm(channels, null, null, null, null);
        }

        @Override
        public List<float[]> arrays() {
            return Arrays.asList(gamma, beta, mean, var);
        }

        @Override
        public int arrayCount() {
            return 4;
        }

        @Override
        public Layer withArrays(List<float[]> v) {
            return new BatchNorm(channels, v.get(0), v.get(1), v.get(2), v.get(3));
        }

        @Override
        public long[] arraySizes() {
            return new long[] {channels, channels, channels, channels};
        }

        @Override
        public int trainableArrays() {
            return 2;
        }
    }

    /**
     * Layer normalisation over every per-sample axis.
     *
     * @param shape per-sample shape normalised, e.g. {@code [F]} or {@code [C, H, W]} (gamma and beta have it)
     */
    record LayerNorm(long[] shape, float[] gamma, float[] beta) implements Layer {

        public static LayerNorm of(long[] shape) {
            return new LayerNorm(shape.clone(), null, null);
        }

        @Override
        public List<float[]> arrays() {
            return Arrays.asList(gamma, beta);
        }

        @Override
        public int arrayCount() {
            return 2;
        }

        @Override
        public Layer withArrays(List<float[]> v) {
            return new LayerNorm(shape, v.get(0), v.get(1));
        }

        @Override
        public long[] arraySizes() {
            long n = Arrays.stream(shape).reduce(1, (a, b) -> a * b);
            return new long[] {n, n};
        }
    }

    /** Group normalisation of {@code channels} in {@code groups} groups, scale and shift per channel. */
    record GroupNorm(int channels, int groups, float[] gamma, float[] beta) implements Layer {

        public static GroupNorm of(int channels, int groups) {
            return new GroupNorm(channels, groups, null, null);
        }

        @Override
        public List<float[]> arrays() {
            return Arrays.asList(gamma, beta);
        }

        @Override
        public int arrayCount() {
            return 2;
        }

        @Override
        public Layer withArrays(List<float[]> v) {
            return new GroupNorm(channels, groups, v.get(0), v.get(1));
        }

        @Override
        public long[] arraySizes() {
            return new long[] {channels, channels};
        }
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
     * activation ranges for quantisation, never kept in a pipeline's net nor stored.
     */
    record Probe(float[] maxAbs) implements Layer {
    }

    /**
     * {@code branch(x) + shortcut(x)}; an empty shortcut is the identity (the activation after it is a layer of its
     * own). Built as a {@link ResidualBlock}, which can skip its branch while training (stochastic depth).
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
