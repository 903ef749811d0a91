package dev.verdant.compress;

import dev.verdant.model.Layer;
import dev.verdant.model.Net;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Structured pruning: L1-norm filter pruning for convolutions (Li et al. 2017) and neuron pruning for linear
 * layers. Each hidden layer keeps its {@code round((1 - ratio) * units)} output units of largest L1 norm and is
 * rebuilt physically smaller; every consumer is resized to match: normalisation, depthwise convolutions
 * (which carry channels through), flattening (each channel's block of features) and the next weighted layer's
 * inputs. A layer whose output feeds a residual addition (or leaves the network) is kept whole: shrinking it
 * would need the shortcut's channels pruned identically; the step's note names each such layer. In a residual
 * network this prunes the inner convolutions of every branch (their outputs feed the branch's next convolution)
 * and keeps the stem, each branch's last convolution and the shortcut convolutions whole, so the residual structure
 * stays as it was. Where group normalisation sits between a layer and its consumer, the kept count is rounded down
 * to a multiple of its groups, so every group keeps the same number of channels.
 *
 * <p>Without values (planning before training) the first units are kept: the shapes are what planning checks.
 */
final class StructuredPruning {

    private StructuredPruning() {
    }

    /**
     * The pruned net and a note naming the layers kept whole.
     *
     * @throws CompressionException if a layer would lose every unit, or no layer can be pruned
     */
    static Result prune(Net net, double ratio) {
        Map<Layer, String> names = LayerNames.of(net.layers());
        List<String> kept = new ArrayList<>();
        int[] pruned = {0};
        List<Layer> layers = pruneList(new ArrayList<>(net.layers()), net.inputShape(), ratio, names, kept, pruned,
                true);
        if (pruned[0] == 0) {
            throw new CompressionException("structured pruning finds no layer to prune: every weighted layer "
                    + "is a grouped convolution or feeds a residual addition, a concatenation, a channel shuffle, "
                    + "attention or the output (" + String.join(", ", kept) + "); use magnitude pruning, low rank or "
                    + "quantisation for this architecture");
        }
        String note = kept.isEmpty() ? null : "kept whole (output feeds a residual addition, a concatenation, a "
                + "channel shuffle, attention or the network output): " + String.join(", ", kept);
        return new Result(net.withLayers(layers), note);
    }

    /** The pruned net and what was left unpruned, or null. */
    record Result(Net net, String note) {
    }

    private static List<Layer> pruneList(List<Layer> layers, long[] input, double ratio, Map<Layer, String> names,
                                         List<String> kept, int[] pruned, boolean topLevel) {
        long[] shape = input;
        for (int i = 0; i < layers.size(); i++) {
            Layer l = layers.get(i);
            if (!l.parts().isEmpty()) {
                List<List<Layer>> parts = new ArrayList<>();
                for (List<Layer> part : l.parts()) {
                    parts.add(pruneList(new ArrayList<>(part), shape, ratio, names, kept, pruned, false));
                }
                layers.set(i, l.withParts(parts));
            } else if (isProducer(l)) {
                int units = l instanceof Layer.Dense d ? d.out() : ((Layer.Conv) l).out();
                String name = names.getOrDefault(l, "layer " + (i + 1));
                int consumer = consumerIndex(layers, i);
                if (consumer < 0) {
                    if (!(topLevel && isLastWeighted(layers, i))) {
                        kept.add(name);
                    }
                } else {
                    int keep = (int) Math.round((1 - ratio) * units);
                    if (keep < 1) {
                        throw new CompressionException("structured pruning with ratio " + ratio + " would remove "
                                + "every unit of " + name + "; use a ratio below " + (1 - 0.5 / units));
                    }
                    int groups = normGroups(layers, i, consumer);
                    if (groups > 1) {
                        keep = keep / groups * groups;
                        if (keep < 1) {
                            throw new CompressionException("structured pruning with ratio " + ratio + " would leave "
                                    + name + " fewer channels than the " + groups + " groups of the group "
                                    + "normalisation after it; use a lower ratio or fewer groups");
                        }
                    }
                    if (keep < units) {
                        Layer[] consumerOriginals = layers.subList(i + 1, consumer + 1).toArray(new Layer[0]);
                        shrink(layers, i, consumer, shape, topUnits(l, keep));
                        // Resized layers keep the names of the network as built, for later messages.
                        for (int j = i + 1; j <= consumer; j++) {
                            names.putIfAbsent(layers.get(j), names.get(consumerOriginals[j - i - 1]));
                        }
                        pruned[0]++;
                    }
                }
            }
            shape = Net.shapeAfter(layers.get(i), shape);
        }
        return layers;
    }

    /** The group count of a group normalisation between layer {@code i} and its consumer, or 1. */
    private static int normGroups(List<Layer> layers, int i, int consumer) {
        int groups = 1;
        for (int j = i + 1; j < consumer; j++) {
            if (layers.get(j) instanceof Layer.GroupNorm g) {
                groups = Math.max(groups, g.groups());
            }
        }
        return groups;
    }

    private static boolean isProducer(Layer l) {
        return l instanceof Layer.Dense || (l instanceof Layer.Conv c && !c.depthwise() && c.groups() == 1);
    }

    private static boolean isLastWeighted(List<Layer> layers, int i) {
        for (int j = i + 1; j < layers.size(); j++) {
            if (layers.get(j) instanceof Layer.Dense || layers.get(j) instanceof Layer.Conv
                    || !layers.get(j).parts().isEmpty()) {
                return false;
            }
        }
        return true;
    }

    /** Index of the weighted layer that consumes layer {@code i}'s units, or -1 if a residual or the end comes first. */
    private static int consumerIndex(List<Layer> layers, int i) {
        for (int j = i + 1; j < layers.size(); j++) {
            Layer l = layers.get(j);
            if (isProducer(l)) {
                return j;
            }
            if (!carriesChannels(l)) {
                // A composite, a shuffle, tokens, attention or a grouped convolution that is not depthwise: the
                // pruned channels cannot be followed through it.
                return -1;
            }
        }
        return -1;
    }

    /** Layers that keep each channel (or feature) apart, so a pruned unit can be followed through them. */
    private static boolean carriesChannels(Layer l) {
        return l instanceof Layer.BatchNorm || l instanceof Layer.LayerNorm || l instanceof Layer.GroupNorm
                || l instanceof Layer.Activation || l instanceof Layer.Dropout || l instanceof Layer.Pool
                || l instanceof Layer.GlobalAvgPool || l instanceof Layer.Flatten || l instanceof Layer.ActQuant
                || l instanceof Layer.Probe || (l instanceof Layer.Conv c && c.depthwise());
    }

    /** Indices of the {@code keep} output units of largest L1 norm, ascending. */
    private static int[] topUnits(Layer l, int keep) {
        float[] w = MagnitudePruning.weight(l);
        int units = l instanceof Layer.Dense d ? d.out() : ((Layer.Conv) l).out();
        if (w == null) {
            return java.util.stream.IntStream.range(0, keep).toArray();
        }
        int per = w.length / units;
        double[] norm = new double[units];
        for (int u = 0; u < units; u++) {
            for (int k = u * per; k < (u + 1) * per; k++) {
                norm[u] += Math.abs(w[k]);
            }
        }
        Integer[] order = new Integer[units];
        for (int u = 0; u < units; u++) {
            order[u] = u;
        }
        // Largest norm first; ties broken by index so the choice is deterministic.
        Arrays.sort(order, (a, b) -> norm[a] != norm[b] ? Double.compare(norm[b], norm[a]) : Integer.compare(a, b));
        int[] kept = new int[keep];
        for (int k = 0; k < keep; k++) {
            kept[k] = order[k];
        }
        Arrays.sort(kept);
        return kept;
    }

    /** Keeps units {@code keep} of layer {@code i} and resizes everything up to and including {@code consumer}. */
    private static void shrink(List<Layer> layers, int i, int consumer, long[] inputOfI, int[] keep) {
        layers.set(i, keepOutputs(layers.get(i), keep));
        long[] shape = Net.shapeAfter(layers.get(i), inputOfI);
        int[] units = keep; // the kept indices in the current representation (channels, then features)
        int unitSize = 1; // values per unit along the carried axis (after flattening: H*W per channel)
        for (int j = i + 1; j <= consumer; j++) {
            Layer l = layers.get(j);
            if (l instanceof Layer.BatchNorm b) {
                layers.set(j, new Layer.BatchNorm(units.length, pick(b.gamma(), units, 1), pick(b.beta(), units, 1),
                        pick(b.mean(), units, 1), pick(b.var(), units, 1)));
            } else if (l instanceof Layer.LayerNorm n) {
                long[] s = n.shape().clone();
                // Per unit: its unitSize features of a flat vector, or its H x W plane of an image.
                int per = s.length == 1 ? unitSize : (int) (s[1] * s[2]);
                s[0] = s.length == 1 ? (long) units.length * unitSize : units.length;
                layers.set(j, new Layer.LayerNorm(s, pick(n.gamma(), units, per), pick(n.beta(), units, per)));
            } else if (l instanceof Layer.GroupNorm g) {
                layers.set(j, new Layer.GroupNorm(units.length, g.groups(), pick(g.gamma(), units, 1),
                        pick(g.beta(), units, 1)));
            } else if (l instanceof Layer.Conv c && c.depthwise()) {
                int n = units.length;
                layers.set(j, new Layer.Conv(n, n, c.kernel(), c.stride(), c.padding(), n, c.biased(),
                        pick(c.weight(), units, c.kernel() * c.kernel()), pick(c.bias(), units, 1), null));
            } else if (l instanceof Layer.Flatten && shape.length == 3) {
                unitSize = (int) (shape[1] * shape[2]);
            } else if (l instanceof Layer.Dense d) {
                int in = units.length * unitSize;
                layers.set(j, new Layer.Dense(in, d.out(), d.biased(),
                        pickColumns(d.weight(), d.out(), d.in(), units, unitSize, 1), d.bias(), null));
            } else if (l instanceof Layer.Conv c) {
                int kk = c.kernel() * c.kernel();
                layers.set(j, new Layer.Conv(units.length, c.out(), c.kernel(), c.stride(), c.padding(), 1, c.biased(),
                        pickColumns(c.weight(), c.out(), c.in(), units, 1, kk), c.bias(), null));
            }
            shape = Net.shapeAfter(layers.get(j), shape);
        }
    }

    private static Layer keepOutputs(Layer l, int[] keep) {
        if (l instanceof Layer.Dense d) {
            return new Layer.Dense(d.in(), keep.length, d.biased(), pick(d.weight(), keep, d.in()),
                    pick(d.bias(), keep, 1), null);
        }
        Layer.Conv c = (Layer.Conv) l;
        int per = c.in() * c.kernel() * c.kernel();
        return new Layer.Conv(c.in(), keep.length, c.kernel(), c.stride(), c.padding(), 1, c.biased(),
                pick(c.weight(), keep, per), pick(c.bias(), keep, 1), null);
    }

    /** The blocks {@code units[k]} of {@code size} consecutive values, concatenated (null without values). */
    static float[] pick(float[] a, int[] units, int size) {
        if (a == null) {
            return null;
        }
        float[] out = new float[units.length * size];
        for (int k = 0; k < units.length; k++) {
            System.arraycopy(a, units[k] * size, out, k * size, size);
        }
        return out;
    }

    /**
     * From a {@code [rows, in, inner]} weight, the input slots of the kept units: unit {@code u} covers inputs
     * {@code u*unitSize .. (u+1)*unitSize - 1}.
     */
    private static float[] pickColumns(float[] w, int rows, int in, int[] units, int unitSize, int inner) {
        if (w == null) {
            return null;
        }
        int newIn = units.length * unitSize;
        float[] out = new float[rows * newIn * inner];
        for (int r = 0; r < rows; r++) {
            for (int k = 0; k < units.length; k++) {
                System.arraycopy(w, (r * in + units[k] * unitSize) * inner, out, (r * newIn + k * unitSize) * inner,
                        unitSize * inner);
            }
        }
        return out;
    }
}
