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
 * <p>{@link #toInt8Onnx} writes a quantised description for integer kernels instead ({@link OnnxInt8}).
 */
public final class OnnxExport {

    static final int OPSET = 17;
    private static final long IR_VERSION = 8;
    /** DJL's BatchNorm, LayerNorm and Verdant's GroupNorm epsilon. */
    private static final float EPSILON = 1e-5f;

    final OnnxProto graph = new OnnxProto();
    private int counter;

    OnnxExport() {
    }

    /**
     * An int8 ONNX model and which weighted layers run on integer kernels.
     *
     * @param onnx   the model
     * @param layers one entry per weighted layer, in order: {@code "int8"} (integer input and weights),
     *               {@code "float input"} (weights dequantised to float, e.g. a first layer whose input lies on no
     *               known 8-bit grid) or {@code "float"} (inside a residual, concatenated or gated block, which
     *               runs in float on the dequantised weights)
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
     * The quantised description {@code net} for integer kernels, its first layer fed floats ({@link OnnxInt8}).
     *
     * @throws IllegalArgumentException when no weight is quantised to 8 bits
     */
    public static Int8 toInt8Onnx(Net net, String name) {
        return toInt8Onnx(net, name, null);
    }

    /**
     * The quantised description {@code net} for integer kernels ({@link OnnxInt8}).
     *
     * @param inputScale the step of the 8-bit grid every input value lies on (1/255 for 8-bit images scaled as
     *                   {@code b / 255}), so the first layer runs on integers too; null when the inputs lie on no
     *                   such grid
     * @throws IllegalArgumentException when no weight is quantised to 8 bits
     */
    public static Int8 toInt8Onnx(Net net, String name, Float inputScale) {
        return new OnnxInt8(net, inputScale).write(name);
    }

    /**
     * As {@link #toInt8Onnx(Net, String, Float)}, but a first convolution of one input channel runs on integers too
     * (the export otherwise keeps it float, as ONNX Runtime's integer kernel is slower there): for benchmarks.
     */
    public static Int8 toInt8OnnxIntegerFirst(Net net, String name, float inputScale) {
        return new OnnxInt8(net, inputScale, true).write(name);
    }

    /**
     * As {@link #toInt8Onnx(Net, String, Float)}, but the average pooling after a float-input first layer runs on
     * integers, after the layer's output is quantised (the form before pooling in float first): for the speed-lever
     * benchmark.
     */
    public static Int8 toInt8OnnxIntegerPool(Net net, String name, Float inputScale) {
        return new OnnxInt8(net, inputScale, false, false).write(name);
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
        OnnxExport e = new OnnxExport();
        return e.model(name, net, e.layers(net.layers(), "input", net.inputShape()));
    }

    /** The model file around this graph, whose nodes end in {@code out} for input {@code input}. */
    byte[] model(String name, Net net, String out) {
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
    String layers(List<Layer> layers, String x, long[] shape) {
        String cur = x;
        long[] s = shape;
        for (int i = 0; i < layers.size(); i++) {
            Layer l = layers.get(i);
            boolean last = i == layers.size() - 1 && x.equals("input");
            cur = floatLayer(l, cur, s);
            s = Net.shapeAfter(l, s);
            if (last && !cur.equals("logits")) {
                cur = op("Identity", new String[] {cur}, "logits");
            }
        }
        return cur;
    }

    /** An int8 (or uint8) initializer; returns its name. */
    String init8(String what, long[] dims, byte[] values, boolean unsigned) {
        String name = fresh(what);
        graph.message(5, unsigned ? OnnxProto.uint8Tensor(name, dims, values) : OnnxProto.int8Tensor(name, dims, values));
        return name;
    }

    /** Writes one layer in float arithmetic; returns the output name. */
    String floatLayer(Layer l, String x, long[] shape) {
        if (l instanceof Layer.Dense d && shape.length > 1) {
            // a linear layer on tokens ([batch, tokens, in]): MatMul on the last axis, as DJL's Linear applies it
            float[] t = new float[d.in() * d.out()];
            for (int o = 0; o < d.out(); o++) {
                for (int i = 0; i < d.in(); i++) {
                    t[i * d.out() + o] = d.weight()[o * d.in() + i];
                }
            }
            String y = op("MatMul", new String[] {x, floats("Wt", new long[] {d.in(), d.out()}, t)}, null);
            return d.biased() ? op("Add", new String[] {y, floats("b", new long[] {d.out()}, d.bias())}, null) : y;
        } else if (l instanceof Layer.Dense d) {
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
            // normalised over the trailing axes the layer was built for (all of a sample's, or a token's)
            return op("LayerNormalization", new String[] {x, floats("gamma", n.shape(), n.gamma()),
                    floats("beta", n.shape(), n.beta())}, null,
                    OnnxProto.intAttr("axis", shape.length + 1 - n.shape().length),
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
        } else if (l instanceof Layer.Concat c) {
            String[] heads = new String[c.branches().size()];
            for (int i = 0; i < heads.length; i++) {
                heads[i] = c.branches().get(i).isEmpty() ? x : layers(c.branches().get(i), x, shape);
            }
            return op("Concat", heads, null, OnnxProto.intAttr("axis", 1));
        } else if (l instanceof Layer.SqueezeExcite se) {
            String gate = layers(se.gate(), x, shape);
            String perChannel = op("Unsqueeze", new String[] {gate, longs("axes", 2, 3)}, null);
            return op("Mul", new String[] {x, perChannel}, null);
        } else if (l instanceof Layer.ChannelShuffle c) {
            // [B, g, C/g, H, W] transposed to [B, C/g, g, H, W], back to [B, C, H, W]
            String split = op("Reshape", new String[] {x, longs("shape", 0, c.groups(), shape[0] / c.groups(),
                    shape[1], shape[2])}, null);
            String swapped = op("Transpose", new String[] {split}, null, OnnxProto.intsAttr("perm", 0, 2, 1, 3, 4));
            return op("Reshape", new String[] {swapped, longs("shape", 0, shape[0], shape[1], shape[2])}, null);
        } else if (l instanceof Layer.Tokens) {
            String flat = op("Reshape", new String[] {x, longs("shape", 0, shape[0], shape[1] * shape[2])}, null);
            return op("Transpose", new String[] {flat}, null, OnnxProto.intsAttr("perm", 0, 2, 1));
        } else if (l instanceof Layer.PositionEmbedding p) {
            return op("Add", new String[] {x, floats("position", new long[] {p.tokens(), p.dim()}, p.values())},
                    null);
        } else if (l instanceof Layer.Attend a) {
            return attend(x, shape, a.heads(), a.linear());
        } else if (l instanceof Layer.TokenPool) {
            return op("ReduceMean", new String[] {x}, null, OnnxProto.intsAttr("axes", 1),
                    OnnxProto.intAttr("keepdims", 0));
        } else if (l instanceof Layer.Exit) {
            throw new IllegalArgumentException("a network with early-exit heads cannot be exported to ONNX yet (its "
                    + "file would have one output per exit); train it without model.earlyExits to export it");
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

    /**
     * Multi-head attention on {@code [B, N, 3 dim]} (queries, keys, values side by side), as {@code Attention.attend}:
     * per head softmax(q k^T / sqrt(d)) v, or linear attention with feature map elu + 1.
     */
    private String attend(String qkv, long[] shape, int heads, boolean linear) {
        long n = shape[0];
        long dim = shape[1] / 3;
        long headDim = dim / heads;
        String[] parts = new String[3];
        for (int i = 0; i < 3; i++) {
            String part = op("Slice", new String[] {qkv, longs("start", i * dim), longs("end", (i + 1) * dim),
                    longs("axis", 2)}, null);
            parts[i] = op("Transpose", new String[] {op("Reshape", new String[] {part, longs("shape", 0, n, heads,
                    headDim)}, null)}, null, OnnxProto.intsAttr("perm", 0, 2, 1, 3));
        }
        String q = parts[0];
        String k = parts[1];
        String v = parts[2];
        String out;
        if (linear) {
            String fq = op("Add", new String[] {op("Elu", new String[] {q}, null, OnnxProto.floatAttr("alpha", 1f)),
                    scalar("one", 1f)}, null);
            String fk = op("Add", new String[] {op("Elu", new String[] {k}, null, OnnxProto.floatAttr("alpha", 1f)),
                    scalar("one", 1f)}, null);
            String kv = op("MatMul", new String[] {op("Transpose", new String[] {fk}, null,
                    OnnxProto.intsAttr("perm", 0, 1, 3, 2)), v}, null);
            String keySum = op("ReduceSum", new String[] {fk, longs("axes", 2)}, null, OnnxProto.intAttr("keepdims", 1));
            String norm = op("ReduceSum", new String[] {op("Mul", new String[] {fq, keySum}, null), longs("axes", 3)},
                    null, OnnxProto.intAttr("keepdims", 1));
            out = op("Div", new String[] {op("MatMul", new String[] {fq, kv}, null),
                    op("Add", new String[] {norm, scalar("eps", 1e-6f)}, null)}, null);
        } else {
            String scores = op("Div", new String[] {op("MatMul", new String[] {q, op("Transpose", new String[] {k},
                    null, OnnxProto.intsAttr("perm", 0, 1, 3, 2))}, null), scalar("sqrt_d",
                    (float) Math.sqrt(headDim))}, null);
            out = op("MatMul", new String[] {op("Softmax", new String[] {scores}, null, OnnxProto.intAttr("axis", -1)),
                    v}, null);
        }
        String back = op("Transpose", new String[] {out}, null, OnnxProto.intsAttr("perm", 0, 2, 1, 3));
        return op("Reshape", new String[] {back, longs("shape", 0, n, dim)}, null);
    }

    /** An int64 vector initializer (shapes, axes); returns its name. */
    private String longs(String what, long... values) {
        String name = fresh(what);
        graph.message(5, OnnxProto.longTensor(name, new long[] {values.length}, values));
        return name;
    }

    /** PyTorch's exact GELU: x * 0.5 * (1 + erf(x / sqrt 2)). */
    private String gelu(String x) {
        String erf = op("Erf", new String[] {op("Div", new String[] {x, scalar("sqrt2", (float) Math.sqrt(2))},
                null)}, null);
        String onePlus = op("Add", new String[] {erf, scalar("one", 1f)}, null);
        return op("Mul", new String[] {op("Mul", new String[] {x, onePlus}, null), scalar("half", 0.5f)}, null);
    }

    /** A float initializer; returns its name. */
    String floats(String what, long[] dims, float[] values) {
        String name = fresh(what);
        graph.message(5, OnnxProto.floatTensor(name, dims, values));
        return name;
    }

    String scalar(String what, float value) {
        return floats(what, new long[0], new float[] {value});
    }

    String fresh(String what) {
        counter++;
        return what + "_" + counter;
    }

    /** Adds a node; {@code output} null means a fresh name. Returns the output name. */
    String op(String type, String[] inputs, String output, OnnxProto... attributes) {
        String out = output != null ? output : fresh(type);
        graph.message(1, OnnxProto.node(type, "node_" + out, inputs, new String[] {out}, attributes));
        return out;
    }
}
