package dev.verdant.model;

import java.util.ArrayList;
import java.util.List;

/**
 * Writes a quantised description (8-bit weights from the {@code quantize} step, 8-bit activation quantisers after
 * each weighted layer) as an ONNX model whose activations stay 8-bit integers between the weighted layers, in
 * ONNX's QDQ form: each weighted layer is {@code DequantizeLinear} of its 8-bit input, of its int8 weights and of
 * its int32 bias, then the float operator, then {@code QuantizeLinear} of its output. ONNX Runtime fuses each such
 * group into one integer kernel ({@code QLinearConv}, {@code QGemm}), so only the model's input is quantised and
 * only its logits dequantised; between them the tensors are {@code uint8}.
 *
 * <p>It computes what the simulation ({@code Layer.ActQuant}, signed 8-bit, zero point 0, values clipped to
 * +-127) computes:
 * <ul>
 *   <li>an activation quantiser followed by ReLU is written as a {@code uint8} quantiser with zero point 0: it
 *   saturates negative values to 0, which is the ReLU, so no ReLU node is left to run;</li>
 *   <li>the simulation clips at 127 steps, a {@code uint8} tensor at 255 (zero point 0) or at 127 and -128 (zero
 *   point 128, a signed grid): a {@code Clip} on the integer tensor restores the bound. It is deferred past max pooling and flattening (clipping
 *   commutes with both), so it runs on the pooled, smaller tensor;</li>
 *   <li>max pooling and flattening run on the integer tensor itself (no dequantise/quantise around them);</li>
 *   <li>a float-input first layer followed by its ReLU quantiser and average pooling is quantised and pooled in
 *   float (rounded to the quantiser's steps, averaged), then quantised once to half-steps (see the constructor);</li>
 *   <li>the first layer runs on integers when the inputs lie on a known 8-bit grid (8-bit images: step 1/255, so
 *   quantising them is exact), except a convolution of one input channel ({@link #singleChannelConvFirst});
 *   otherwise it keeps a float input;</li>
 *   <li>average pooling between two quantised layers is a depthwise integer convolution re-quantised to half the
 *   earlier grid's step (the simulation does not round there, so accuracy may differ slightly; see
 *   {@link #averagePool}); global average pooling is re-quantised to the earlier grid; other layers (normalisation, other activations, residual
 *   additions) run in float between a dequantise and the next quantiser; weighted layers inside residual,
 *   concatenated or gated blocks run in float too, on their dequantised int8 weights (listed as {@code float}).</li>
 * </ul>
 */
final class OnnxInt8 {

    private final OnnxExport g = new OnnxExport();
    private final Net net;
    private final Float inputScale;
    private final List<String> kinds = new ArrayList<>();
    private final boolean poolFirst;

    /** The current tensor: an 8-bit one ({@code q != null}) or a float one ({@code f}). */
    private String q;
    private String f;
    private float qScale;
    private boolean qUnsigned;
    /** The current 8-bit tensor still needs clipping to +-127 steps (0..127 when unsigned). */
    private boolean clipPending;

    OnnxInt8(Net net, Float inputScale) {
        this(net, inputScale, false, true);
    }

    /** With {@code integerFirst}, the first layer runs on integers whatever its shape (to compare the two forms). */
    OnnxInt8(Net net, Float inputScale, boolean integerFirst) {
        this(net, inputScale, integerFirst, true);
    }

    /**
     * With {@code poolFirst}, a float-input layer followed by its 8-bit ReLU quantiser and average pooling has its
     * output divided by the quantiser's step, clipped to 0..127 steps (ReLU and the bound), rounded (the
     * quantiser), pooled in float and quantised to half-steps: the same logits as quantising first and pooling on
     * integers ({@link #averagePool}; tested bit for bit), but the tensor quantised and reordered to channels-last is
     * 4x smaller and the pooling is a float kernel instead of an integer depthwise one: int8 LeNet-5 ran 1.19x
     * faster at batch 64 and 256 ({@code bench/onnx-int8-levers.sh}). The default; without it (benchmarks) such
     * pooling runs on integers.
     */
    OnnxInt8(Net net, Float inputScale, boolean integerFirst, boolean poolFirst) {
        this.poolFirst = poolFirst;
        this.net = net;
        this.inputScale = singleChannelConvFirst(net) && !integerFirst ? null : inputScale;
    }

    /**
     * True when the first weighted layer is a convolution of one input channel (grey images): ONNX Runtime's integer
     * convolution ran LeNet-5's 1-channel 5x5 first layer 4-6x slower than its fp32 one on an AVX2 machine (per-node
     * profile, {@code bench/onnx-int8.sh}), so that layer keeps its float input, which is exactly what the simulation
     * computes, and its output is quantised once.
     */
    static boolean singleChannelConvFirst(Net net) {
        List<Layer> weighted = Net.weighted(net.layers());
        return !weighted.isEmpty() && weighted.get(0) instanceof Layer.Conv c && c.in() == 1;
    }

    OnnxExport.Int8 write(String name) {
        boolean[] any = {false};
        Net.visit(net.layers(), l -> any[0] |= eightBit(l));
        if (!any[0]) {
            throw new IllegalArgumentException("the network has no 8-bit quantised weights (run a quantize step "
                    + "with bits: 8 first)");
        }
        if (inputScale != null) {
            quantize("input", inputScale, true);
            clipPending = false; // the inputs lie on the grid's 0..255 steps already
        } else {
            f = "input";
        }
        List<Layer> layers = net.layers();
        long[] shape = net.inputShape();
        for (int i = 0; i < layers.size(); ) {
            int used = layer(layers, i, shape);
            for (int k = 0; k < used; k++) {
                shape = Net.shapeAfter(layers.get(i + k), shape);
            }
            i += used;
        }
        String out;
        if (q != null) {
            flushClip();
            out = g.op("DequantizeLinear", new String[] {q, g.scalar("scale", qScale), zero(qUnsigned)}, "logits");
        } else {
            out = g.op("Identity", new String[] {f}, "logits");
        }
        return new OnnxExport.Int8(g.model(name, net, out), kinds);
    }

    private static boolean eightBit(Layer l) {
        return (l instanceof Layer.Dense d && d.quant() != null && d.quant().bits() == 8)
                || (l instanceof Layer.Conv c && c.quant() != null && c.quant().bits() == 8);
    }

    /** Writes the layer at {@code i} (and the quantiser and ReLU it absorbs); returns how many layers it used. */
    private int layer(List<Layer> layers, int i, long[] shape) {
        Layer l = layers.get(i);
        if (eightBit(l)) {
            boolean floatInput = q == null;
            if (i + 1 < layers.size() && layers.get(i + 1) instanceof Layer.ActQuant a && a.bits() == 8) {
                boolean relu = i + 2 < layers.size() && layers.get(i + 2) instanceof Layer.Activation r
                        && r.name().equals("relu");
                if (poolFirst && floatInput && relu && i + 3 < layers.size()
                        && layers.get(i + 3) instanceof Layer.Pool p && !"max".equals(p.kind())) {
                    // the output divided by the quantiser's step (as QuantizeLinear divides), clipped to 0..127
                    // steps (ReLU and the bound), rounded half to even (as QuantizeLinear rounds), averaged, then
                    // quantised to half-steps: what the integer pooling computes, on the 4x smaller tensor
                    String steps = g.op("Div", new String[] {weighted(l), g.scalar("step", a.scale())}, null);
                    String c = g.op("Clip", new String[] {steps, g.scalar("lo", 0f), g.scalar("hi", 127f)}, null);
                    String r = g.op("Round", new String[] {c}, null);
                    String pooled = g.op("AveragePool", new String[] {r}, null,
                            OnnxProto.intsAttr("kernel_shape", p.size(), p.size()),
                            OnnxProto.intsAttr("strides", p.size(), p.size()));
                    q = g.op("QuantizeLinear", new String[] {pooled, g.scalar("scale", 0.5f), zero(true)}, null);
                    qScale = a.scale() / 2;
                    qUnsigned = true;
                    clipPending = false; // the average of at most 127 steps is at most 254 half-steps
                    f = null;
                    return 4;
                }
                quantize(weighted(l), a.scale(), relu);
                return relu ? 3 : 2;
            }
            floatTensor(weighted(l));
            return 1;
        }
        if (l instanceof Layer.ActQuant a && a.bits() == 8) {
            boolean relu = i + 1 < layers.size() && layers.get(i + 1) instanceof Layer.Activation r
                    && r.name().equals("relu");
            quantize(asFloat(), a.scale(), relu);
            return relu ? 2 : 1;
        }
        if (q != null && (l instanceof Layer.Dropout || l instanceof Layer.Probe)) {
            return 1;
        }
        if (q != null && l instanceof Layer.Activation a && a.name().equals("relu") && qUnsigned) {
            return 1; // already non-negative
        }
        if (q != null && l instanceof Layer.Activation a && a.name().equals("relu")) {
            // a signed grid through ReLU: requantise to the unsigned grid of the same step (negatives saturate)
            quantize(asFloat(), qScale, true);
            return 1;
        }
        if (q != null && l instanceof Layer.Pool p && "max".equals(p.kind())) {
            // max pooling on the integers: the clip, if pending, commutes with it
            q = g.op("MaxPool", new String[] {q}, null, OnnxProto.intsAttr("kernel_shape", p.size(), p.size()),
                    OnnxProto.intsAttr("strides", p.size(), p.size()));
            return 1;
        }
        if (q != null && l instanceof Layer.Flatten) {
            q = g.op("Flatten", new String[] {q}, null, OnnxProto.intAttr("axis", 1));
            return 1;
        }
        if (q != null && l instanceof Layer.Pool p) {
            averagePool(p.size(), (int) shape[0]);
            return 1;
        }
        if (q != null && l instanceof Layer.GlobalAvgPool) {
            // global average pooling re-quantised to the same grid, so the next layer still runs on integers
            float scale = qScale;
            boolean unsigned = qUnsigned;
            String y = g.floatLayer(l, asFloat(), shape);
            quantize(y, scale, unsigned);
            clipPending = false; // an average of clipped values stays within the clip
            return 1;
        }
        if (!l.parts().isEmpty()) {
            // residual, concatenated and gated blocks run in float (their int8 weights dequantised): listed so
            Net.visit(List.of(l), inner -> {
                if (eightBit(inner)) {
                    kinds.add("float");
                }
            });
        }
        floatTensor(g.floatLayer(l, asFloat(), shape));
        return 1;
    }

    /**
     * Average pooling of the 8-bit tensor as a depthwise convolution whose weights are all 1 at scale 1/(k*k): ONNX
     * Runtime runs it on its integer depthwise kernel, in the channels-last layout of the convolutions around it (its
     * {@code QLinearAveragePool} was the slowest node of the graph). The average of unsigned values is kept on a grid
     * of half the step (its largest value, 127 steps, becomes 254 half-steps), so it loses less to rounding than
     * re-quantising to the input's grid; a signed average stays on the input's grid.
     */
    private void averagePool(int k, int channels) {
        float scale = qScale;
        boolean unsigned = qUnsigned;
        String x = asFloat();
        byte[] ones = new byte[channels * k * k];
        java.util.Arrays.fill(ones, (byte) 1);
        String w = g.op("DequantizeLinear", new String[] {g.init8("pool_w", new long[] {channels, 1, k, k}, ones,
                false), g.scalar("pool_w_scale", 1f / (k * k)), g.init8("pool_w_zero", new long[0], new byte[1],
                false)}, null);
        String y = g.op("Conv", new String[] {x, w}, null, OnnxProto.intsAttr("kernel_shape", k, k),
                OnnxProto.intsAttr("strides", k, k), OnnxProto.intAttr("group", channels));
        quantize(y, unsigned ? scale / 2 : scale, unsigned);
        clipPending = false; // an average of clipped values stays within the clip
    }

    /** An int8-weighted layer on the current tensor: integer input where it is 8-bit; returns the float output. */
    private String weighted(Layer l) {
        Layer.Quantized w = l instanceof Layer.Dense d ? d.quant() : ((Layer.Conv) l).quant();
        int out = l instanceof Layer.Dense d ? d.out() : ((Layer.Conv) l).out();
        long[] dims = l instanceof Layer.Dense d ? new long[] {d.out(), d.in()} : convDims((Layer.Conv) l);
        boolean integerInput = q != null;
        float inScale = qScale;
        String in = asFloat();
        kinds.add(integerInput ? "int8" : "float input");
        long[] scaleDims = w.perChannel() ? new long[] {out} : new long[0];
        String wScale = g.floats("w_scale", scaleDims, w.scales());
        String wZero = g.init8("w_zero", scaleDims, new byte[w.perChannel() ? out : 1], false);
        String weight = g.op("DequantizeLinear", new String[] {g.init8("W", dims, w.values(), false), wScale, wZero},
                null, OnnxProto.intAttr("axis", 0));
        float[] bias = l instanceof Layer.Dense d ? (d.biased() ? d.bias() : null)
                : (((Layer.Conv) l).biased() ? ((Layer.Conv) l).bias() : null);
        String b = null;
        if (bias != null && integerInput) {
            // int32 bias on the accumulator's scale (input scale x weight scale), as integer kernels add it
            float[] bScale = new float[out];
            int[] bq = new int[out];
            for (int i = 0; i < out; i++) {
                bScale[i] = inScale * w.scales()[w.perChannel() ? i : 0];
                bq[i] = Math.round(bias[i] / bScale[i]);
            }
            String bName = g.fresh("b_q");
            g.graph.message(5, OnnxProto.intTensor(bName, new long[] {out}, bq));
            String bZero = g.fresh("b_zero");
            g.graph.message(5, OnnxProto.intTensor(bZero, new long[] {out}, new int[out]));
            b = g.op("DequantizeLinear", new String[] {bName, g.floats("b_scale", new long[] {out}, bScale), bZero},
                    null, OnnxProto.intAttr("axis", 0));
        } else if (bias != null) {
            b = g.floats("b", new long[] {out}, bias);
        }
        String[] inputs = b != null ? new String[] {in, weight, b} : new String[] {in, weight};
        if (l instanceof Layer.Dense) {
            return g.op("Gemm", inputs, null, OnnxProto.intAttr("transB", 1));
        }
        Layer.Conv c = (Layer.Conv) l;
        return g.op("Conv", inputs, null, OnnxProto.intsAttr("kernel_shape", c.kernel(), c.kernel()),
                OnnxProto.intsAttr("strides", c.stride(), c.stride()),
                OnnxProto.intsAttr("pads", c.padding(), c.padding(), c.padding(), c.padding()),
                OnnxProto.intAttr("group", c.groups()));
    }

    private static long[] convDims(Layer.Conv c) {
        return new long[] {c.out(), c.in() / c.groups(), c.kernel(), c.kernel()};
    }

    /** Quantises float tensor {@code x} to the 8-bit grid of step {@code scale}; unsigned saturates negatives to 0. */
    private void quantize(String x, float scale, boolean unsigned) {
        q = g.op("QuantizeLinear", new String[] {x, g.scalar("scale", scale), zero(unsigned)}, null);
        qScale = scale;
        qUnsigned = unsigned;
        clipPending = true;
        f = null;
    }

    private void floatTensor(String x) {
        f = x;
        q = null;
        clipPending = false;
    }

    /** The current tensor as floats: a fresh dequantise per consumer (what ONNX Runtime's QDQ fusion expects). */
    private String asFloat() {
        if (q == null) {
            return f;
        }
        flushClip();
        return g.op("DequantizeLinear", new String[] {q, g.scalar("scale", qScale), zero(qUnsigned)}, null);
    }

    /** Clips the 8-bit tensor to the simulation's +-127 steps (0..127 unsigned) where that is still owed. */
    private void flushClip() {
        if (!clipPending) {
            return;
        }
        // unsigned grid: 0..127 steps; signed grid (zero point 128): -127..127 steps, i.e. 1..255
        String min = g.init8("lo", new long[0], new byte[] {(byte) (qUnsigned ? 0 : 1)}, true);
        String max = g.init8("hi", new long[0], new byte[] {(byte) (qUnsigned ? 127 : 255)}, true);
        q = g.op("Clip", new String[] {q, min, max}, null);
        clipPending = false;
    }

    /**
     * Every 8-bit tensor is {@code uint8}: a signed grid is written with zero point 128 (the same -128..127 steps as
     * {@code int8} with zero point 0), because ONNX Runtime fuses a weighted layer only when its input and output
     * have the same 8-bit type; with an {@code int8} output the last linear layer stayed a float Gemm.
     */
    private String zero(boolean unsigned) {
        return g.init8("zero", new long[0], new byte[] {(byte) (unsigned ? 0 : 128)}, true);
    }
}
