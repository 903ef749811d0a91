package dev.verdant.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/**
 * A network description: its layers in order, the per-sample input shape and the class count. Plain values,
 * immutable; every edit returns a new one. It is the one description of a network: {@link Architectures} makes it
 * from a spec, {@link NetBlocks} builds the DJL block from it (one child per entry) and reads trained values back
 * into it, and compression edits it.
 *
 * <p>Counting conventions: 2 FLOPs per multiply-add of linear layers and convolutions only (biases, activations,
 * normalisation, pooling and residual additions are not counted); parameters are the trainable values
 * (normalisation running statistics excluded), counted from the sizes, so they are known before training.
 *
 * @param layers     the layers, input first
 * @param inputShape per-sample input shape, {@code [C, H, W]} or {@code [F]}
 * @param classes    output classes
 * @param sparse     exact zeros in weights are pruned connections that fine-tuning must keep at zero
 *
 * <p>One class on purpose: shapes, FLOPs, parameter counts and shape checks must agree for every layer kind, and
 * keeping their per-kind cases side by side is what makes a new kind hard to get half right.
 */
public record Net(List<Layer> layers, long[] inputShape, int classes, boolean sparse) {

    public Net {
        layers = List.copyOf(layers);
        inputShape = inputShape.clone();
    }

    /** An untrained, dense description. */
    public Net(List<Layer> layers, long[] inputShape, int classes) {
        this(layers, inputShape, classes, false);
    }

    /** The same network with other layers. */
    public Net withLayers(List<Layer> newLayers) {
        return new Net(newLayers, inputShape, classes, sparse);
    }

    /** The same network, marked as holding pruned (masked) zeros or not. */
    public Net withSparse(boolean newSparse) {
        return new Net(layers, inputShape, classes, newSparse);
    }

    /** True when every parameter array holds values (after training, or read from a block). */
    public boolean hasValues() {
        boolean[] all = {true};
        visit(layers, l -> {
            for (float[] a : l.arrays()) {
                all[0] &= a != null;
            }
        });
        return all[0];
    }

    /** Trainable parameters, from the sizes. */
    public long params() {
        long[] n = new long[1];
        visit(layers, l -> {
            long[] sizes = l.arraySizes();
            for (int i = 0; i < l.trainableArrays(); i++) {
                n[0] += sizes[i];
            }
        });
        return n[0];
    }

    /** Trainable parameters that are not exactly zero (all of them while untrained). */
    public long nonzeroParams() {
        long[] n = new long[1];
        visit(layers, l -> {
            List<float[]> arrays = l.arrays();
            long[] sizes = l.arraySizes();
            for (int i = 0; i < l.trainableArrays(); i++) {
                float[] a = arrays.get(i);
                if (a == null) {
                    n[0] += sizes[i];
                    continue;
                }
                for (float v : a) {
                    if (v != 0f) {
                        n[0]++;
                    }
                }
            }
        });
        return n[0];
    }

    /**
     * Bytes of the stored model: float32 for every value (normalisation statistics included), except quantised
     * weights, which count their packed integers ({@code bits / 8} bytes each) plus a float32 per scale.
     */
    public long modelBytes() {
        long[] n = new long[1];
        visit(layers, l -> {
            Layer.Quantized q = l instanceof Layer.Dense d ? d.quant() : l instanceof Layer.Conv c ? c.quant() : null;
            long[] sizes = l.arraySizes();
            for (int i = 0; i < sizes.length; i++) {
                if (i == 0 && q != null) {
                    long count = q.values().length;
                    n[0] += (q.bits() == 4 ? (count + 1) / 2 : count) + 4L * q.scales().length;
                } else {
                    n[0] += 4L * sizes[i];
                }
            }
        });
        return n[0];
    }

    /** Forward FLOPs per sample (2 per multiply-add of linear layers and convolutions). */
    public long flopsPerSample() {
        return flops(layers, inputShape);
    }

    /** Per-sample output shape of {@code layers} applied to {@code in}. */
    public static long[] shapeAfter(List<Layer> layers, long[] in) {
        long[] s = in;
        for (Layer l : layers) {
            s = shapeAfter(l, s);
        }
        return s;
    }

    /** Per-sample output shape of one layer applied to {@code s}. */
    public static long[] shapeAfter(Layer l, long[] s) {
        if (l instanceof Layer.Dense d) {
            long[] out = s.clone();
            out[out.length - 1] = d.out();
            return out;
        } else if (l instanceof Layer.Conv c) {
            return new long[] {c.out(), (s[1] + 2L * c.padding() - c.kernel()) / c.stride() + 1,
                    (s[2] + 2L * c.padding() - c.kernel()) / c.stride() + 1};
        } else if (l instanceof Layer.Pool p) {
            return new long[] {s[0], s[1] / p.size(), s[2] / p.size()};
        } else if (l instanceof Layer.GlobalAvgPool) {
            return new long[] {s[0]};
        } else if (l instanceof Layer.Flatten) {
            return new long[] {Arrays.stream(s).reduce(1, (a, b) -> a * b)};
        } else if (l instanceof Layer.Residual r) {
            return shapeAfter(r.branch(), s);
        } else if (l instanceof Layer.Concat c) {
            long channels = 0;
            long[] last = s;
            for (List<Layer> branch : c.branches()) {
                last = shapeAfter(branch, s);
                channels += last[0];
            }
            long[] out = last.clone();
            out[0] = channels;
            return out;
        } else if (l instanceof Layer.Tokens) {
            return new long[] {s[1] * s[2], s[0]};
        } else if (l instanceof Layer.Attend) {
            return new long[] {s[0], s[1] / 3};
        } else if (l instanceof Layer.TokenPool) {
            return new long[] {s[1]};
        }
        return s;
    }

    /** Forward FLOPs per sample of {@code layers} applied to {@code in}. */
    public static long flops(List<Layer> layers, long[] in) {
        long total = 0;
        long[] s = in;
        for (Layer l : layers) {
            total += flops(l, s);
            s = shapeAfter(l, s);
        }
        return total;
    }

    /**
     * Forward FLOPs per sample of one layer applied to {@code in}: a residual counts branch and shortcut, a
     * concatenation its branches, squeeze-excitation its gate; an early exit's head is not on the main path (0, see
     * {@link #exitHeadFlops}). Attention counts its two matrix products as multiply-adds (the softmax's exponentials
     * and the divisions are not counted, as activations are not): with N tokens of width D in h heads of width
     * d = D / h, softmax attention costs {@code 2 * (N*N*D + N*N*D)} and linear attention
     * {@code 2 * (N*D*d + N*D*d + N*D)} (phi(K)^T V, phi(Q) times that, phi(Q) times the key sum).
     */
    public static long flops(Layer l, long[] in) {
        if (l instanceof Layer.Dense d) {
            long positions = Arrays.stream(in).reduce(1, (a, b) -> a * b) / in[in.length - 1];
            return 2L * d.in() * d.out() * positions;
        } else if (l instanceof Layer.Conv c) {
            long[] out = shapeAfter(l, in);
            return 2L * (c.in() / c.groups()) * c.kernel() * c.kernel() * c.out() * out[1] * out[2];
        } else if (l instanceof Layer.Residual r) {
            return flops(r.branch(), in) + flops(r.shortcut(), in);
        } else if (l instanceof Layer.Concat c) {
            long total = 0;
            for (List<Layer> branch : c.branches()) {
                total += flops(branch, in);
            }
            return total;
        } else if (l instanceof Layer.SqueezeExcite se) {
            return flops(se.gate(), in);
        } else if (l instanceof Layer.Attend a) {
            return attentionFlops(in[0], in[1] / 3, a.heads(), a.linear());
        }
        return 0;
    }

    /** FLOPs per sample of one attention over {@code tokens} tokens of width {@code dim} (see {@link #flops(Layer, long[])}). */
    public static long attentionFlops(long tokens, long dim, int heads, boolean linear) {
        long n = tokens;
        long headDim = dim / heads;
        return linear ? 2 * (2 * n * dim * headDim + n * dim) : 2 * (2 * n * n * dim);
    }

    /**
     * Per early exit (in order): the main path's FLOPs up to it and its head's FLOPs, then the whole main path's
     * FLOPs with a head cost of 0. A sample leaving at exit k costs the main path to k plus heads 1..k.
     */
    public List<long[]> exitHeadFlops() {
        List<long[]> out = new ArrayList<>();
        long main = 0;
        long[] s = inputShape;
        for (Layer l : layers) {
            if (l instanceof Layer.Exit e) {
                out.add(new long[] {main, flops(e.head(), s)});
            }
            main += flops(l, s);
            s = shapeAfter(l, s);
        }
        out.add(new long[] {main, 0});
        return out;
    }

    /**
     * Calls {@code visitor} on every plain layer, composites' parts included (depth first, in order, a residual's
     * branch before its shortcut): the parameter order of the built block.
     */
    public static void visit(List<Layer> layers, Consumer<Layer> visitor) {
        for (Layer l : layers) {
            if (!l.parts().isEmpty()) {
                for (List<Layer> part : l.parts()) {
                    visit(part, visitor);
                }
            } else {
                visitor.accept(l);
            }
        }
    }

    /** True when the description has early-exit heads at its top level. */
    public boolean hasExits() {
        return layers.stream().anyMatch(l -> l instanceof Layer.Exit);
    }

    /** The weighted layers (linear and convolution) in order, residual branches and shortcuts included. */
    public List<Layer> weighted() {
        return weighted(layers);
    }

    /** The weighted layers of {@code layers} in order, residual branches and shortcuts included. */
    public static List<Layer> weighted(List<Layer> layers) {
        List<Layer> out = new ArrayList<>();
        visit(layers, l -> {
            if (l instanceof Layer.Dense || l instanceof Layer.Conv) {
                out.add(l);
            }
        });
        return out;
    }

    /** The residual entries in forward order (top level; the built block has a {@link ResidualBlock} for each). */
    public List<Layer.Residual> residuals() {
        List<Layer.Residual> out = new ArrayList<>();
        for (Layer l : layers) {
            if (l instanceof Layer.Residual r) {
                out.add(r);
            }
        }
        return out;
    }

    /** Weighted layers on the main path (shortcuts not counted): a resnet's 6n+2. */
    public int depth() {
        return depth(layers);
    }

    private static int depth(List<Layer> layers) {
        int n = 0;
        for (Layer l : layers) {
            if (l instanceof Layer.Dense || l instanceof Layer.Conv) {
                n++;
            } else if (l instanceof Layer.Residual r) {
                n += depth(r.branch());
            } else if (l instanceof Layer.Concat c) {
                n += c.branches().stream().mapToInt(Net::depth).max().orElse(0);
            }
        }
        return n;
    }

    /**
     * The top-level units freezing and stacking act on: each linear layer, convolution or residual block with what
     * follows it; the first unit also takes any leading entries (e.g. a flatten).
     */
    public List<Unit> units() {
        List<Unit> out = new ArrayList<>();
        String name = null;
        int start = 0;
        long unitFlops = 0;
        long[] s = inputShape;
        for (int i = 0; i < layers.size(); i++) {
            Layer l = layers.get(i);
            String n = unitName(l, s);
            if (n != null) {
                if (name != null) {
                    out.add(new Unit(name, start, i, unitFlops));
                    start = i;
                }
                name = n;
                unitFlops = flops(l, s);
            }
            s = shapeAfter(l, s);
        }
        if (name != null) {
            out.add(new Unit(name, start, layers.size(), unitFlops));
        }
        return out;
    }

    private static String unitName(Layer l, long[] in) {
        if (l instanceof Layer.Dense d) {
            return "linear " + d.out();
        } else if (l instanceof Layer.Conv c) {
            return (c.groups() > 1 && c.groups() == c.in() ? "depthwise conv " : "conv ") + c.out()
                    + " (" + c.kernel() + "x" + c.kernel() + ")";
        } else if (l instanceof Layer.Residual r) {
            return "residual " + shapeAfter(r.branch(), in)[0];
        } else if (l instanceof Layer.Concat c) {
            return "concat " + shapeAfter(c, in)[0];
        }
        return null;
    }

    /**
     * Checks that every layer fits the shape it receives (widths, channels, normalised shapes, residual branch and
     * shortcut ending alike), so an edited description is known to build before any work is spent on it.
     *
     * @throws IllegalStateException naming the first layer (by position) that does not fit
     */
    public void checkShapes() {
        checkShapes(layers, inputShape, "");
    }

    private static long[] checkShapes(List<Layer> layers, long[] in, String where) {
        long[] s = in;
        for (int i = 0; i < layers.size(); i++) {
            Layer l = layers.get(i);
            String at = where + "layer " + (i + 1) + " (" + l.getClass().getSimpleName().toLowerCase(java.util.Locale.ROOT)
                    + ")";
            String problem = null;
            if (l instanceof Layer.Dense d) {
                problem = s[s.length - 1] != d.in() ? "takes " + d.in() + " inputs" : null;
            } else if (l instanceof Layer.Conv c) {
                problem = s.length != 3 || s[0] != c.in() || c.in() % c.groups() != 0 || c.out() % c.groups() != 0
                        ? "takes " + c.in() + " channels in " + c.groups() + " groups" : null;
            } else if (l instanceof Layer.BatchNorm b) {
                problem = s[0] != b.channels() ? "normalises " + b.channels() + " channels" : null;
            } else if (l instanceof Layer.GroupNorm g) {
                problem = s[0] != g.channels() || g.channels() % g.groups() != 0
                        ? "normalises " + g.channels() + " channels in " + g.groups() + " groups" : null;
            } else if (l instanceof Layer.LayerNorm n) {
                long[] tail = s.length < n.shape().length ? s : Arrays.copyOfRange(s, s.length - n.shape().length,
                        s.length);
                problem = !Arrays.equals(n.shape(), tail) ? "normalises shape " + Arrays.toString(n.shape()) : null;
            } else if (l instanceof Layer.Pool || l instanceof Layer.GlobalAvgPool || l instanceof Layer.Tokens) {
                problem = s.length != 3 ? "takes images" : null;
            } else if (l instanceof Layer.ChannelShuffle c) {
                problem = s.length != 3 || s[0] % c.groups() != 0 ? "shuffles channels in " + c.groups() + " groups"
                        : null;
            } else if (l instanceof Layer.PositionEmbedding p) {
                problem = !Arrays.equals(s, new long[] {p.tokens(), p.dim()}) ? "adds to " + p.tokens()
                        + " tokens of width " + p.dim() : null;
            } else if (l instanceof Layer.Attend a) {
                problem = s.length != 2 || s[1] % 3 != 0 || (s[1] / 3) % a.heads() != 0 ? "takes queries, keys and "
                        + "values of a width divisible by " + a.heads() + " heads" : null;
            } else if (l instanceof Layer.TokenPool) {
                problem = s.length != 2 ? "pools tokens" : null;
            } else if (l instanceof Layer.Residual r) {
                long[] b = checkShapes(r.branch(), s, at + ", branch ");
                long[] c = checkShapes(r.shortcut(), s, at + ", shortcut ");
                problem = Arrays.equals(b, c) ? null : "has a branch ending at " + Arrays.toString(b)
                        + " but a shortcut at " + Arrays.toString(c);
            } else if (l instanceof Layer.Concat c) {
                long[] first = null;
                for (int k = 0; k < c.branches().size() && problem == null; k++) {
                    long[] b = checkShapes(c.branches().get(k), s, at + ", branch " + (k + 1) + " ");
                    if (first == null) {
                        first = b;
                    } else if (b.length != first.length || !Arrays.equals(Arrays.copyOfRange(b, 1, b.length),
                            Arrays.copyOfRange(first, 1, first.length))) {
                        problem = "has branches ending at " + Arrays.toString(first) + " and " + Arrays.toString(b)
                                + " (only the channels may differ)";
                    }
                }
            } else if (l instanceof Layer.SqueezeExcite se) {
                long[] g = checkShapes(se.gate(), s, at + ", gate ");
                problem = s.length != 3 || g.length != 1 || g[0] != s[0] ? "has a gate ending at "
                        + Arrays.toString(g) + ", not one weight per channel" : null;
            } else if (l instanceof Layer.Exit e) {
                long[] h = checkShapes(e.head(), s, at + ", head ");
                problem = h.length != 1 ? "has a head ending at " + Arrays.toString(h) + ", not class scores" : null;
            }
            if (problem != null) {
                throw new IllegalStateException(at + " " + problem + " but receives shape " + Arrays.toString(s));
            }
            s = shapeAfter(l, s);
        }
        return s;
    }
}
