package dev.verdant.compress;

import dev.verdant.model.Layer;
import dev.verdant.model.Net;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.SingularOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.SingularValueDecomposition_F64;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Low-rank factorisation by truncated SVD (EJML). A linear layer {@code W [out, in]} becomes
 * {@code in -> r} (no bias) then {@code r -> out}; a {@code k x k} convolution, its weight reshaped to
 * {@code [out, in*k*k]}, becomes a {@code k x k} convolution to {@code r} channels then a {@code 1 x 1} one
 * (Jaderberg/Zhang-style). With {@code W = U S V^T}: first factor {@code sqrt(S_r) V_r^T}, second
 * {@code U_r sqrt(S_r)}. The classifier (the last weighted layer) and depthwise convolutions are kept.
 * A fixed rank factorises every other layer; an energy target picks per layer the smallest rank keeping that
 * fraction of the squared singular values, and keeps a layer whole when factorising would not save parameters.
 */
final class LowRank {

    private LowRank() {
    }

    /** The factorised net and a note on the chosen ranks. */
    record Result(Net net, String note) {
    }

    /**
     * Checks a fixed rank against every layer it would factorise.
     *
     * @throws CompressionException naming the first layer smaller than the rank
     */
    static void checkRank(Net net, int rank, String at) {
        Map<Layer, String> names = LayerNames.of(net.layers());
        for (Layer l : targets(net)) {
            int max = maxRank(l);
            if (rank > max) {
                throw new CompressionException(at + ": rank " + rank + " is above the size of " + names.get(l)
                        + ", whose largest rank is " + max + "; use a rank of at most " + max + " or an energy target");
            }
        }
    }

    /** Factorises with a fixed {@code rank} or, when it is null, by retained {@code energy}. */
    static Result factorise(Net net, Integer rank, Double energy) {
        List<Layer> targets = targets(net);
        Map<Layer, String> names = LayerNames.of(net.layers());
        List<String> notes = new ArrayList<>();
        java.util.IdentityHashMap<Layer, List<Layer>> replaced = new java.util.IdentityHashMap<>();
        for (Layer l : targets) {
            List<Layer> pair = factor(l, rank, energy);
            if (pair != null) {
                replaced.put(l, pair);
                notes.add(names.get(l) + " rank " + rankOf(pair));
            } else {
                notes.add(names.get(l) + " kept (no saving at the needed rank)");
            }
        }
        return new Result(net.withLayers(replace(net.layers(), replaced)).withSparse(false), String.join("; ", notes));
    }

    /** Factorises every target at the rank {@code rankOf} gives it (e.g. {@link #maxRank}: an exact factorisation). */
    static Net atRanks(Net net, java.util.function.ToIntFunction<Layer> rankOf) {
        java.util.IdentityHashMap<Layer, List<Layer>> replaced = new java.util.IdentityHashMap<>();
        for (Layer l : targets(net)) {
            replaced.put(l, factor(l, rankOf.applyAsInt(l), null));
        }
        return net.withLayers(replace(net.layers(), replaced)).withSparse(false);
    }

    private static int rankOf(List<Layer> pair) {
        return pair.get(0) instanceof Layer.Dense d ? d.out() : ((Layer.Conv) pair.get(0)).out();
    }

    /** Layers a factorisation applies to: every linear layer and non-grouped convolution but the classifier. */
    static List<Layer> targets(Net net) {
        List<Layer> weighted = LayerNames.weighted(net.layers());
        List<Layer> out = new ArrayList<>();
        for (int i = 0; i < weighted.size() - 1; i++) {
            Layer l = weighted.get(i);
            if (l instanceof Layer.Dense || (l instanceof Layer.Conv c && c.groups() == 1)) {
                out.add(l);
            }
        }
        return out;
    }

    static int maxRank(Layer l) {
        if (l instanceof Layer.Dense d) {
            return Math.min(d.in(), d.out());
        }
        Layer.Conv c = (Layer.Conv) l;
        return Math.min(c.out(), c.in() * c.kernel() * c.kernel());
    }

    private static List<Layer> factor(Layer l, Integer fixedRank, Double energy) {
        boolean dense = l instanceof Layer.Dense;
        int rows = dense ? ((Layer.Dense) l).out() : ((Layer.Conv) l).out();
        float[] w = MagnitudePruning.weight(l);
        if (w == null) {
            // No values yet (planning before training): only the shapes of a fixed-rank factorisation.
            return pair(l, fixedRank, null, null);
        }
        int cols = w.length / rows;
        DMatrixRMaj m = new DMatrixRMaj(rows, cols);
        for (int i = 0; i < w.length; i++) {
            m.data[i] = w[i];
        }
        SingularValueDecomposition_F64<DMatrixRMaj> svd = DecompositionFactory_DDRM.svd(rows, cols, true, true, true);
        if (!svd.decompose(m)) {
            throw new CompressionException("the SVD of a " + rows + " x " + cols + " weight did not converge");
        }
        DMatrixRMaj u = svd.getU(null, false);
        DMatrixRMaj s = svd.getW(null);
        DMatrixRMaj v = svd.getV(null, false);
        SingularOps_DDRM.descendingOrder(u, false, s, v, false);
        int k = Math.min(rows, cols);
        int r;
        if (fixedRank != null) {
            r = fixedRank;
        } else {
            double total = 0;
            for (int i = 0; i < k; i++) {
                total += s.get(i, i) * s.get(i, i);
            }
            double kept = 0;
            r = 0;
            while (r < k && (kept < energy * total || r == 0)) {
                kept += s.get(r, r) * s.get(r, r);
                r++;
            }
            if ((long) r * (rows + cols) >= (long) rows * cols) {
                return null;
            }
        }
        float[] first = new float[r * cols];
        float[] second = new float[rows * r];
        for (int j = 0; j < r; j++) {
            double root = Math.sqrt(s.get(j, j));
            for (int c = 0; c < cols; c++) {
                first[j * cols + c] = (float) (root * v.get(c, j));
            }
            for (int i = 0; i < rows; i++) {
                second[i * r + j] = (float) (u.get(i, j) * root);
            }
        }
        return pair(l, r, first, second);
    }

    /** The two factors of {@code l} at rank {@code r}, with values {@code first} and {@code second} (or none). */
    private static List<Layer> pair(Layer l, int r, float[] first, float[] second) {
        if (l instanceof Layer.Dense d) {
            return List.of(new Layer.Dense(d.in(), r, false, first, null, null),
                    new Layer.Dense(r, d.out(), d.biased(), second, d.bias(), null));
        }
        Layer.Conv c = (Layer.Conv) l;
        return List.of(new Layer.Conv(c.in(), r, c.kernel(), c.stride(), c.padding(), 1, false, first, null, null),
                new Layer.Conv(r, c.out(), 1, 1, 0, 1, c.biased(), second, c.bias(), null));
    }

    private static List<Layer> replace(List<Layer> layers, Map<Layer, List<Layer>> replaced) {
        List<Layer> out = new ArrayList<>();
        for (Layer l : layers) {
            if (replaced.containsKey(l)) {
                out.addAll(replaced.get(l));
            } else if (!l.parts().isEmpty()) {
                out.add(l.withParts(l.parts().stream().map(p -> replace(p, replaced)).toList()));
            } else {
                out.add(l);
            }
        }
        return out;
    }
}
