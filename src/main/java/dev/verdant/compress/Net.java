package dev.verdant.compress;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A network in the pipeline's editable form: its layers in order, the per-sample input shape and the class count.
 * Immutable; every step returns a new one. Counts follow {@code dev.verdant.model}'s conventions: 2 FLOPs per
 * multiply-add, weighted layers only; parameters are the trainable values (normalisation statistics excluded).
 *
 * @param layers     the layers, input first
 * @param inputShape per-sample input shape, {@code [C, H, W]} or {@code [F]}
 * @param classes    output classes
 * @param sparse     exact zeros in weights are pruned connections that fine-tuning must keep at zero
 */
public record Net(List<Layer> layers, long[] inputShape, int classes, boolean sparse) {

    public Net {
        layers = List.copyOf(layers);
        inputShape = inputShape.clone();
    }

    /** The same network with other layers. */
    public Net withLayers(List<Layer> newLayers) {
        return new Net(newLayers, inputShape, classes, sparse);
    }

    /** The same network, marked as holding pruned (masked) zeros or not. */
    public Net withSparse(boolean newSparse) {
        return new Net(layers, inputShape, classes, newSparse);
    }

    /** Trainable parameters. */
    public long params() {
        long[] n = new long[1];
        visit(layers, l -> {
            for (float[] a : trainable(l)) {
                n[0] += a.length;
            }
        });
        return n[0];
    }

    /** Trainable parameters that are not exactly zero. */
    public long nonzeroParams() {
        long[] n = new long[1];
        visit(layers, l -> {
            for (float[] a : trainable(l)) {
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
            List<float[]> arrays = NetModels.arrays(l);
            for (int i = 0; i < arrays.size(); i++) {
                if (i == 0 && q != null) {
                    n[0] += Packing.packedBytes(q.values().length, q.bits()) + 4L * q.scales().length;
                } else {
                    n[0] += 4L * arrays.get(i).length;
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
    static long[] shapeAfter(List<Layer> layers, long[] in) {
        long[] s = in;
        for (Layer l : layers) {
            s = shapeAfter(l, s);
        }
        return s;
    }

    static long[] shapeAfter(Layer l, long[] s) {
        if (l instanceof Layer.Dense d) {
            return new long[] {d.out()};
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
        }
        return s;
    }

    private static long flops(List<Layer> layers, long[] in) {
        long total = 0;
        long[] s = in;
        for (Layer l : layers) {
            long[] out = shapeAfter(l, s);
            if (l instanceof Layer.Dense d) {
                total += 2L * d.in() * d.out();
            } else if (l instanceof Layer.Conv c) {
                total += 2L * (c.in() / c.groups()) * c.kernel() * c.kernel() * c.out() * out[1] * out[2];
            } else if (l instanceof Layer.Residual r) {
                total += flops(r.branch(), s) + flops(r.shortcut(), s);
            }
            s = out;
        }
        return total;
    }

    /** The trainable arrays of one layer (weights, biases, normalisation scale and shift). */
    static List<float[]> trainable(Layer l) {
        List<float[]> out = new ArrayList<>(NetModels.arrays(l));
        if (l instanceof Layer.BatchNorm) {
            return out.subList(0, 2);
        }
        return out;
    }

    /** Calls {@code visitor} on every layer, residual branches included (depth first, in order). */
    static void visit(List<Layer> layers, java.util.function.Consumer<Layer> visitor) {
        for (Layer l : layers) {
            if (l instanceof Layer.Residual r) {
                visit(r.branch(), visitor);
                visit(r.shortcut(), visitor);
            } else {
                visitor.accept(l);
            }
        }
    }
}
