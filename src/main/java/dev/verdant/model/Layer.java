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
 *
 * <p>Composite entries (residual, concatenation, squeeze-excitation, early exit) hold sub-lists of layers: their
 * {@link #parts} in parameter order. Code that walks or edits a description descends through {@link #parts} and
 * rebuilds with {@link #withParts}, so an edit reaches every weighted layer whatever composite holds it.
 *
 * <p>One file on purpose: the sealed interface lists every kind in one place, and each record is a few lines.
 */
public sealed interface Layer {

    /** The sub-lists a composite entry holds, in parameter order; none for a plain layer. */
    default List<List<Layer>> parts() {
        return List.of();
    }

    /** The same composite holding {@code newParts} (one per {@link #parts}); a plain layer returns itself. */
    default Layer withParts(List<List<Layer>> newParts) {
        return this;
    }

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
     * A fully connected layer, weight {@code [out, in]}, applied to the last axis (a feature vector, or each token of a
     * sequence).
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

        @Override
        public List<List<Layer>> parts() {
            return List.of(branch, shortcut);
        }

        @Override
        public Layer withParts(List<List<Layer>> p) {
            return new Residual(p.get(0), p.get(1));
        }
    }

    /**
     * Runs every branch on the same input and concatenates their outputs along the channel axis (an empty branch is
     * the identity): SqueezeNet's fire expand (1x1 beside 3x3), GhostNet's ghost module (primary features beside
     * their cheap depthwise "ghosts") and ShuffleNet's down-sampling unit (pooled input beside the branch). Every
     * branch must keep the same spatial size.
     */
    record Concat(List<List<Layer>> branches) implements Layer {
        public Concat {
            branches = branches.stream().map(List::copyOf).toList();
        }

        @Override
        public List<List<Layer>> parts() {
            return branches;
        }

        @Override
        public Layer withParts(List<List<Layer>> p) {
            return new Concat(p);
        }
    }

    /**
     * Squeeze-and-excitation (Hu et al. 2018): {@code x * gate(x)}, where the gate (global pooling, a reducing and
     * an expanding linear layer, a sigmoid) yields one weight per channel of an image {@code [C, H, W]}.
     */
    record SqueezeExcite(List<Layer> gate) implements Layer {
        public SqueezeExcite {
            gate = List.copyOf(gate);
        }

        @Override
        public List<List<Layer>> parts() {
            return List.of(gate);
        }

        @Override
        public Layer withParts(List<List<Layer>> p) {
            return new SqueezeExcite(p.get(0));
        }
    }

    /**
     * ShuffleNet's channel shuffle (Zhang et al. 2018): channels viewed as {@code [groups, C / groups]}, transposed
     * and flattened, so output channel {@code j * groups + i} is input channel {@code i * (C / groups) + j} and the
     * next grouped convolution sees channels from every group.
     */
    record ChannelShuffle(int groups) implements Layer {
    }

    /**
     * An image's pixels as a sequence of tokens: {@code [D, H, W]} to {@code [H*W, D]} (row-major pixel order), after
     * a patch-embedding convolution of kernel and stride equal to the patch size.
     */
    record Tokens() implements Layer {
    }

    /** A learned position embedding added to {@code [tokens, dim]}; one trainable array of that shape. */
    record PositionEmbedding(int tokens, int dim, float[] values) implements Layer {

        public static PositionEmbedding of(int tokens, int dim) {
            return new PositionEmbedding(tokens, dim, null);
        }

        @Override
        public List<float[]> arrays() {
            return Arrays.asList(new float[][] {values});
        }

        @Override
        public int arrayCount() {
            return 1;
        }

        @Override
        public Layer withArrays(List<float[]> v) {
            return new PositionEmbedding(tokens, dim, v.get(0));
        }

        @Override
        public long[] arraySizes() {
            return new long[] {(long) tokens * dim};
        }
    }

    /**
     * Multi-head self-attention on {@code [N, 3D]} (queries, keys and values side by side, as the linear layer before
     * it produces them) to {@code [N, D]}; no parameters of its own (the projections are {@link Dense} layers around
     * it). {@code linear} false: softmax attention (Vaswani et al. 2017), {@code softmax(QK^T / sqrt(d)) V}, cost
     * quadratic in N. {@code linear} true: linear attention (Katharopoulos et al. 2020) with feature map
     * {@code elu(x) + 1}, {@code phi(Q) (phi(K)^T V) / (phi(Q) sum phi(K))}, cost linear in N.
     */
    record Attend(int heads, boolean linear) implements Layer {
    }

    /** The mean over tokens: {@code [N, D]} to {@code [D]}. */
    record TokenPool() implements Layer {
    }

    /**
     * An early exit (BranchyNet, Teerapittayanon et al. 2016): a classifier head on the features at this point. The
     * main path passes through unchanged; the head's logits are a second output while training (a weighted joint loss)
     * and at early-exit inference, where a sample leaves at the first head whose confidence reaches the threshold.
     * Plain inference (evaluation, compression measurements) runs the main path only.
     */
    record Exit(List<Layer> head) implements Layer {
        public Exit {
            head = List.copyOf(head);
        }

        @Override
        public List<List<Layer>> parts() {
            return List.of(head);
        }

        @Override
        public Layer withParts(List<List<Layer>> p) {
            return new Exit(p.get(0));
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
