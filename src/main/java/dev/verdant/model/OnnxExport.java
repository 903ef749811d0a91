package dev.verdant.model;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Writes a network description with its values ({@link Net}) as an ONNX model (opset 17, IR version 8): input
 * {@code input} of shape {@code [batch, inputShape...]}, output {@code logits} of shape {@code [batch, classes]},
 * in inference form (dropout is the identity, normalisation uses its running statistics). Every layer kind is
 * written: linear layers as {@code Gemm}, convolutions (grouped and depthwise too) as {@code Conv}, batch and layer
 * normalisation as their ONNX operators, group normalisation as reshape + {@code InstanceNormalization} + per-channel
 * scale and shift (what {@link GroupNormBlock} computes), GELU through {@code Erf} (PyTorch's exact form), residual
 * blocks as an {@code Add} of both paths. Simulated activation quantisation ({@link Layer.ActQuant}) is written as
 * the same float arithmetic ({@code Div}, {@code Round}, {@code Clip}, {@code Mul}), so the file computes what the
 * simulation computed; weights stored quantised are written as their dequantised floats, which is what the
 * description holds.
 *
 * <p>{@link #toInt8Onnx} writes a quantised description for integer kernels instead, in ONNX's QDQ form
 * ({@code QuantizeLinear}/{@code DequantizeLinear} pairs that ONNX Runtime fuses into {@code QLinearConv},
 * {@code QGemm} and the like): int8 weights with their scales, int32 biases, and each activation quantiser as a
 * quantise/dequantise pair. A weighted layer runs on integers only where its input lies on a known 8-bit grid
 * (after an activation quantiser, through ReLU, pooling and flattening); the first layer keeps a float input. Average
 * pooling between two quantised layers is re-quantised to the earlier grid, which the simulation does not do, so
 * accuracy can differ slightly from the simulated figure.
 */
public final class OnnxExport {

    static final int OPSET = 17;
    private static final long IR_VERSION = 8;
    /** DJL's BatchNorm, LayerNorm and Verdant's GroupNorm epsilon. */
    private static final float EPSILON = 1e-5f;

    private final OnnxProto graph = new OnnxProto();
    private final boolean int8;
    private final java.util.List<String> layerKinds = new java.util.ArrayList<>();
    private int counter;
    /** Int8 export: the scale of the 8-bit grid the current tensor lies on, or null when it lies on none. */
    private Float grid;
    /** Int8 export: the current tensor is non-negative (it went through a ReLU since the grid was set). */
    private boolean nonNegative;

    private OnnxExport(boolean int8) {
        this.int8 = int8;
    }

    /**
     * An int8 ONNX model and which weighted layers run on integer kernels.
     *
     * @param onnx   the model
     * @param layers one entry per weighted layer, in order: {@code "int8"} (integer input and weights) or
     *               {@code "float input"} (weights dequantised to float, e.g. the first layer)
     */
    public record Int8(byte[] onnx, List<String> layers) {
        public Int8 {
            layers = List.copyOf(layers);
        }

        /** Weighted layers that run on integer kernels. */
        public long integerLayers() {
            return layers.stream().filter("int8"::equals).count();
        }
    }

    /**
     * The quantised description {@code net} (8-bit weights from the {@code quantize} step, activation quantisers)
     * in QDQ form for integer kernels; see the class comment for what runs on integers.
     *
     * @throws IllegalArgumentException when no weight is quantised to 8 bits
     */
    public static Int8 toInt8Onnx(Net net, String name) {
        boolean[] any = {false};
        Net.visit(net.layers(), l -> any[0] |= (l instanceof Layer.Dense d && d.quant() != null
                && d.quant().bits() == 8) || (l instanceof Layer.Conv c && c.quant() != null && c.quant().bits() == 8));
        if (!any[0]) {
            throw new IllegalArgumentException("the network has no 8-bit quantised weights (run a quantize step "
                    + "with bits: 8 first)");
        }
        OnnxExport e = new OnnxExport(true);
        return new Int8(e.model(net, name), e.layerKinds);
    }

    /**
     * The ONNX model of {@code net}.
     *
     * @throws IllegalArgumentException when the description holds no values (an untrained network)
     */
    public static byte[] toOnnx(Net net, String name) {
        if (!net.hasValues()) {
            throw new IllegalArgumentException("the network has no trained values to export");
        }
        return new OnnxExport(false).model(net, name);
    }

    private byte[] model(Net net, String name) {
        String out = layers(net.layers(), "input", net.inputShape());
        graph.string(2, name);
        graph.message(11, OnnxProto.batchedFloat("input", net.inputShape()));
        graph.message(12, OnnxProto.batchedFloat(out, new long[] {net.classes()}));
        OnnxProto model = new OnnxProto().varint(1, IR_VERSION).string(2, "Verdant").string(3, "1")
                .message(7, graph).message(8, new OnnxProto().string(1, "").varint(2, OPSET));
        return model.bytes();
    }

    /** Writes {@link #toOnnx} to {@code file} (parents created). */
    public static void write(Net net, String name, Path file) throws IOException {
        if (file.toAbsolutePath().getParent() != null) {
            Files.createDirectories(file.toAbsolutePath().getParent());
        }
        Files.write(file, toOnnx(net, name));
    }

    /** Writes {@code layers} applied to tensor {@code x} of per-sample shape {@code shape}; returns the output name. */
    private String layers(List<Layer> layers, String x, long[] shape) {
        String cur = x;
        long[] s = shape;
        for (int i = 0; i < layers.size(); i++) {
            Layer l = layers.get(i);
            boolean last = i == layers.size() - 1 && x.equals("input");
            cur = layer(l, cur, s);
            s = Net.shapeAfter(l, s);
            if (last && !cur.equals("logits")) {
                cur = op("Identity", new String[] {cur}, "logits");
            }
        }
        return cur;
    }

    private String layer(Layer l, String x, long[] shape) {
        if (!int8) {
            return floatLayer(l, x, shape);
        }
        if ((l instanceof Layer.Dense d && d.quant() != null && d.quant().bits() == 8)
                || (l instanceof Layer.Conv c && c.quant() != null && c.quant().bits() == 8)) {
            String y = quantizedLayer(l, x);
            grid = null;
            return y;
        }
        if (l instanceof Layer.ActQuant q && q.bits() == 8) {
            String scale = scalar("scale", q.scale());
            String zero = init8("zero", new long[0], new byte[1], false);
            String y = op("DequantizeLinear", new String[] {op("QuantizeLinear", new String[] {x, scale, zero}, null),
                    scale, zero}, null);
            grid = q.scale();
            nonNegative = false;
            return y;
        }
        if (l instanceof Layer.Residual r) {
            Float before = grid;
            boolean nonNegativeBefore = nonNegative;
            String branch = layers(r.branch(), x, shape);
            grid = before;
            nonNegative = nonNegativeBefore;
            String shortcut = r.shortcut().isEmpty() ? x : layers(r.shortcut(), x, shape);
            grid = null;
            return op("Add", new String[] {branch, shortcut}, null);
        }
        boolean keepsGrid = l instanceof Layer.Pool || l instanceof Layer.GlobalAvgPool || l instanceof Layer.Flatten
                || l instanceof Layer.Dropout || l instanceof Layer.Probe
                || (l instanceof Layer.Activation a && a.name().equals("relu"));
        if (!keepsGrid) {
            grid = null;
        }
        if (l instanceof Layer.Activation) {
            nonNegative = true;
        }
        return floatLayer(l, x, shape);
    }

    /** An int8-weighted layer: its input quantised when it lies on a grid, int8 weights and int32 bias dequantised. */
    private String quantizedLayer(Layer l, String x) {
        Layer.Quantized q = l instanceof Layer.Dense d ? d.quant() : ((Layer.Conv) l).quant();
        int out = l instanceof Layer.Dense d ? d.out() : ((Layer.Conv) l).out();
        long[] dims = l instanceof Layer.Dense d ? new long[] {d.out(), d.in()} : convDims((Layer.Conv) l);
        String in = x;
        Float inputScale = grid;
        if (inputScale != null) {
            String s = scalar("in_scale", inputScale);
            String z = init8("in_zero", new long[0], new byte[1], nonNegative);
            in = op("DequantizeLinear", new String[] {op("QuantizeLinear", new String[] {x, s, z}, null), s, z}, null);
        }
        layerKinds.add(inputScale != null ? "int8" : "float input");
        long[] scaleDims = q.perChannel() ? new long[] {out} : new long[0];
        String wScale = floats("w_scale", scaleDims, q.scales());
        String wZero = init8("w_zero", scaleDims, new byte[q.perChannel() ? out : 1], false);
        String w = op("DequantizeLinear", new String[] {init8("W", dims, q.values(), false), wScale, wZero}, null,
                OnnxProto.intAttr("axis", 0));
        float[] bias = l instanceof Layer.Dense d ? (d.biased() ? d.bias() : null)
                : (((Layer.Conv) l).biased() ? ((Layer.Conv) l).bias() : null);
        String b = null;
        if (bias != null && inputScale != null) {
            // int32 bias on the accumulator's scale (input scale x weight scale), as integer kernels add it
            float[] bScale = new float[out];
            int[] bq = new int[out];
            for (int i = 0; i < out; i++) {
                bScale[i] = inputScale * q.scales()[q.perChannel() ? i : 0];
                bq[i] = Math.round(bias[i] / bScale[i]);
            }
            String bName = fresh("b_q");
            graph.message(5, OnnxProto.intTensor(bName, new long[] {out}, bq));
            String bZero = fresh("b_zero");
            graph.message(5, OnnxProto.intTensor(bZero, new long[] {out}, new int[out]));
            b = op("DequantizeLinear", new String[] {bName, floats("b_scale", new long[] {out}, bScale), bZero}, null,
                    OnnxProto.intAttr("axis", 0));
        } else if (bias != null) {
            b = floats("b", new long[] {out}, bias);
        }
        String[] inputs = b != null ? new String[] {in, w, b} : new String[] {in, w};
        if (l instanceof Layer.Dense) {
            return op("Gemm", inputs, null, OnnxProto.intAttr("transB", 1));
        }
        Layer.Conv c = (Layer.Conv) l;
        return op("Conv", inputs, null, OnnxProto.intsAttr("kernel_shape", c.kernel(), c.kernel()),
                OnnxProto.intsAttr("strides", c.stride(), c.stride()),
                OnnxProto.intsAttr("pads", c.padding(), c.padding(), c.padding(), c.padding()),
                OnnxProto.intAttr("group", c.groups()));
    }

    private static long[] convDims(Layer.Conv c) {
        return new long[] {c.out(), c.in() / c.groups(), c.kernel(), c.kernel()};
    }

    /** An int8 (or uint8) initializer; returns its name. */
    private String init8(String what, long[] dims, byte[] values, boolean unsigned) {
        String name = fresh(what);
        graph.message(5, unsigned ? OnnxProto.uint8Tensor(name, dims, values) : OnnxProto.int8Tensor(name, dims, values));
        return name;
    }

    private String floatLayer(Layer l, String x, long[] shape) {
        if (l instanceof Layer.Dense d) {
            String w = floats("W", new long[] {d.out(), d.in()}, d.weight());
            String[] in = d.biased() ? new String[] {x, w, floats("b", new long[] {d.out()}, d.bias())}
                    : new String[] {x, w};
            return op("Gemm", in, null, OnnxProto.intAttr("transB", 1));
        } else if (l instanceof Layer.Conv c) {
            long[] dims = {c.out(), c.in() / c.groups(), c.kernel(), c.kernel()};
            String w = floats("W", dims, c.weight());
            String[] in = c.biased() ? new String[] {x, w, floats("b", new long[] {c.out()}, c.bias())}
                    : new String[] {x, w};
            return op("Conv", in, null, OnnxProto.intsAttr("kernel_shape", c.kernel(), c.kernel()),
                    OnnxProto.intsAttr("strides", c.stride(), c.stride()),
                    OnnxProto.intsAttr("pads", c.padding(), c.padding(), c.padding(), c.padding()),
                    OnnxProto.intAttr("group", c.groups()));
        } else if (l instanceof Layer.BatchNorm b) {
            long[] dims = {b.channels()};
            return op("BatchNormalization", new String[] {x, floats("gamma", dims, b.gamma()),
                    floats("beta", dims, b.beta()), floats("mean", dims, b.mean()), floats("var", dims, b.var())},
                    null, OnnxProto.floatAttr("epsilon", EPSILON));
        } else if (l instanceof Layer.LayerNorm n) {
            return op("LayerNormalization", new String[] {x, floats("gamma", n.shape(), n.gamma()),
                    floats("beta", n.shape(), n.beta())}, null, OnnxProto.intAttr("axis", 1),
                    OnnxProto.floatAttr("epsilon", EPSILON));
        } else if (l instanceof Layer.GroupNorm g) {
            return groupNorm(g, x, shape);
        } else if (l instanceof Layer.Activation a) {
            return switch (a.name()) {
                case "relu" -> op("Relu", new String[] {x}, null);
                case "tanh" -> op("Tanh", new String[] {x}, null);
                case "sigmoid" -> op("Sigmoid", new String[] {x}, null);
                case "gelu" -> gelu(x);
                default -> throw new IllegalArgumentException("activation '" + a.name() + "' cannot be exported");
            };
        } else if (l instanceof Layer.Dropout || l instanceof Layer.Probe) {
            return x;
        } else if (l instanceof Layer.Pool p) {
            return op("max".equals(p.kind()) ? "MaxPool" : "AveragePool", new String[] {x}, null,
                    OnnxProto.intsAttr("kernel_shape", p.size(), p.size()),
                    OnnxProto.intsAttr("strides", p.size(), p.size()));
        } else if (l instanceof Layer.GlobalAvgPool) {
            return op("Flatten", new String[] {op("GlobalAveragePool", new String[] {x}, null)}, null,
                    OnnxProto.intAttr("axis", 1));
        } else if (l instanceof Layer.Flatten) {
            return op("Flatten", new String[] {x}, null, OnnxProto.intAttr("axis", 1));
        } else if (l instanceof Layer.ActQuant q) {
            // x / scale, rounded half to even (as torch.round), clipped to +-(2^(bits-1)-1), times scale
            float limit = (1 << (q.bits() - 1)) - 1;
            String scale = scalar("scale", q.scale());
            String r = op("Round", new String[] {op("Div", new String[] {x, scale}, null)}, null);
            String c = op("Clip", new String[] {r, scalar("lo", -limit), scalar("hi", limit)}, null);
            return op("Mul", new String[] {c, scale}, null);
        } else if (l instanceof Layer.Residual r) {
            String branch = layers(r.branch(), x, shape);
            String shortcut = r.shortcut().isEmpty() ? x : layers(r.shortcut(), x, shape);
            return op("Add", new String[] {branch, shortcut}, null);
        }
        throw new IllegalArgumentException("layer " + l.getClass().getSimpleName() + " cannot be exported to ONNX");
    }

    /** GroupNormBlock: normalise over each group's values, then scale and shift per channel. */
    private String groupNorm(Layer.GroupNorm g, String x, long[] shape) {
        String originalShape = op("Shape", new String[] {x}, null);
        String groups = fresh("groups");
        graph.message(5, OnnxProto.longTensor(groups, new long[] {3}, new long[] {0, g.groups(), -1}));
        String grouped = op("Reshape", new String[] {x, groups}, null);
        float[] ones = new float[g.groups()];
        Arrays.fill(ones, 1f);
        String normal = op("InstanceNormalization", new String[] {grouped, floats("one", new long[] {g.groups()},
                ones), floats("zero", new long[] {g.groups()}, new float[g.groups()])}, null,
                OnnxProto.floatAttr("epsilon", EPSILON));
        String back = op("Reshape", new String[] {normal, originalShape}, null);
        long[] perChannel = new long[shape.length];
        Arrays.fill(perChannel, 1);
        perChannel[0] = g.channels();
        String scaled = op("Mul", new String[] {back, floats("gamma", perChannel, g.gamma())}, null);
        return op("Add", new String[] {scaled, floats("beta", perChannel, g.beta())}, null);
    }

    /** PyTorch's exact GELU: x * 0.5 * (1 + erf(x / sqrt 2)). */
    private String gelu(String x) {
        String erf = op("Erf", new String[] {op("Div", new String[] {x, scalar("sqrt2", (float) Math.sqrt(2))},
                null)}, null);
        String onePlus = op("Add", new String[] {erf, scalar("one", 1f)}, null);
        return op("Mul", new String[] {op("Mul", new String[] {x, onePlus}, null), scalar("half", 0.5f)}, null);
    }

    /** A float initializer; returns its name. */
    private String floats(String what, long[] dims, float[] values) {
        String name = fresh(what);
        graph.message(5, OnnxProto.floatTensor(name, dims, values));
        return name;
    }

    private String scalar(String what, float value) {
        return floats(what, new long[0], new float[] {value});
    }

    private String fresh(String what) {
        counter++;
        return what + "_" + counter;
    }

    /** Adds a node; {@code output} null means a fresh name. Returns the output name. */
    private String op(String type, String[] inputs, String output, OnnxProto... attributes) {
        String out = output != null ? output : fresh(type);
        graph.message(1, OnnxProto.node(type, "node_" + out, inputs, new String[] {out}, attributes));
        return out;
    }
}
