package dev.verdant.compress;

import dev.verdant.model.Layer;
import dev.verdant.model.Net;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Unstructured magnitude pruning (Han et al. 2015): the smallest-magnitude weights of linear layers and
 * convolutions are set to zero, exactly {@code round(sparsity * n)} of them, per layer ({@code layer} scope)
 * or over all layers together ({@code global}). Biases and normalisation are kept. The result is marked
 * {@link Net#sparse sparse}, so fine-tuning keeps the zeros.
 */
final class MagnitudePruning {

    private MagnitudePruning() {
    }

    /** Sparsity of event {@code i} (1-based) of {@code n} in the cubic schedule of Zhu &amp; Gupta 2017, from 0. */
    static double cubic(double finalSparsity, int i, int n) {
        double progress = Math.min(1.0, (double) i / n);
        return finalSparsity * (1 - Math.pow(1 - progress, 3));
    }

    static Net prune(Net net, double sparsity, boolean global) {
        List<Layer> weighted = LayerNames.weighted(net.layers());
        Map<Layer, float[]> pruned = new IdentityHashMap<>();
        if (global) {
            long total = 0;
            for (Layer l : weighted) {
                total += weight(l).length;
            }
            float[] all = new float[(int) total];
            int at = 0;
            for (Layer l : weighted) {
                float[] w = weight(l);
                for (float v : w) {
                    all[at++] = Math.abs(v);
                }
            }
            Cut cut = Cut.of(all, (int) Math.round(sparsity * total));
            for (Layer l : weighted) {
                pruned.put(l, cut.apply(weight(l)));
            }
        } else {
            for (Layer l : weighted) {
                float[] w = weight(l);
                float[] abs = new float[w.length];
                for (int i = 0; i < w.length; i++) {
                    abs[i] = Math.abs(w[i]);
                }
                pruned.put(l, Cut.of(abs, (int) Math.round(sparsity * w.length)).apply(w));
            }
        }
        return net.withLayers(replaceWeights(net.layers(), pruned)).withSparse(true);
    }

    static float[] weight(Layer l) {
        return l instanceof Layer.Dense d ? d.weight() : ((Layer.Conv) l).weight();
    }

    /** The layers with the weights of {@code replaced} swapped in (quantisation dropped for those). */
    static List<Layer> replaceWeights(List<Layer> layers, Map<Layer, float[]> replaced) {
        List<Layer> out = new ArrayList<>(layers.size());
        for (Layer l : layers) {
            float[] w = replaced.get(l);
            if (l instanceof Layer.Dense d && w != null) {
                out.add(d.withValues(w, d.bias()));
            } else if (l instanceof Layer.Conv c && w != null) {
                out.add(c.withValues(w, c.bias()));
            } else if (!l.parts().isEmpty()) {
                out.add(l.withParts(l.parts().stream().map(p -> replaceWeights(p, replaced)).toList()));
            } else {
                out.add(l);
            }
        }
        return out;
    }

    /**
     * Removes exactly {@code k} values: all below the k-th smallest magnitude, then values equal to it, in
     * order, until k are removed (so ties never make the count inexact).
     */
    private record Cut(float threshold, int[] equalBudget) {

        static Cut of(float[] magnitudes, int k) {
            if (k <= 0) {
                return new Cut(-1f, new int[] {0});
            }
            float[] sorted = magnitudes.clone();
            java.util.Arrays.sort(sorted);
            float t = sorted[k - 1];
            int below = 0;
            for (float v : magnitudes) {
                if (v < t) {
                    below++;
                }
            }
            return new Cut(t, new int[] {k - below});
        }

        float[] apply(float[] w) {
            float[] out = w.clone();
            for (int i = 0; i < out.length; i++) {
                float a = Math.abs(out[i]);
                if (a < threshold) {
                    out[i] = 0f;
                } else if (a == threshold && equalBudget[0] > 0) {
                    out[i] = 0f;
                    equalBudget[0]--;
                }
            }
            return out;
        }
    }
}
