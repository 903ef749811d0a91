package dev.verdant.train;

import java.util.Arrays;
import java.util.Comparator;
import java.util.Random;

/**
 * The active-learning query strategies: which pool samples to label next, from the current model's class
 * probabilities (uncertainty sampling) or its embeddings (core-set). Pure functions over plain arrays, so each can be
 * checked on a hand-made pool. Ties go to the lower pool position, so a pick is deterministic.
 */
public enum QueryStrategy {
    /** Uniformly random samples (the baseline every other strategy must beat). */
    RANDOM("random"),
    /** The lowest top-class probability first. */
    LEAST_CONFIDENCE("least-confidence"),
    /** The smallest gap between the two most probable classes first. */
    MARGIN("margin"),
    /** The highest predictive entropy first. */
    ENTROPY("entropy"),
    /** K-center greedy (Sener &amp; Savarese 2018): each pick is the pool sample farthest from everything labelled. */
    CORESET("coreset");

    private final String label;

    QueryStrategy(String label) {
        this.label = label;
    }

    /** The spec's name of the strategy. */
    public String label() {
        return label;
    }

    /** The strategy named {@code label} in a spec. */
    public static QueryStrategy of(String label) {
        for (QueryStrategy s : values()) {
            if (s.label.equals(label)) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown query strategy '" + label + "'");
    }

    /** True when the strategy needs embeddings (of the pool and of the labelled samples). */
    public boolean needsEmbeddings() {
        return this == CORESET;
    }

    /**
     * Picks {@code k} pool positions (at most the pool's size), most wanted first.
     *
     * @param probabilities   per pool sample, the class probabilities (softmax); unused by random and coreset
     * @param poolEmbeddings  per pool sample, its embedding; used by coreset only (may be null otherwise)
     * @param labelledEmbeddings per labelled sample, its embedding; used by coreset only
     * @param random          for random sampling
     */
    public int[] pick(float[][] probabilities, float[][] poolEmbeddings, float[][] labelledEmbeddings, int k,
                      Random random) {
        int n = this == CORESET ? poolEmbeddings.length : probabilities.length;
        int take = Math.min(k, n);
        return switch (this) {
            case RANDOM -> Arrays.copyOf(dev.verdant.data.Datasets.permutation(n, random), take);
            case CORESET -> kCenterGreedy(poolEmbeddings, labelledEmbeddings, take);
            default -> mostUncertain(probabilities, take);
        };
    }

    /** Uncertainty of one sample: higher means label it sooner. */
    double uncertainty(float[] p) {
        return switch (this) {
            case LEAST_CONFIDENCE -> 1.0 - max(p);
            case MARGIN -> -topTwoGap(p);
            case ENTROPY -> entropy(p);
            default -> throw new IllegalStateException(label + " does not score uncertainty");
        };
    }

    private int[] mostUncertain(float[][] probabilities, int take) {
        double[] score = new double[probabilities.length];
        for (int i = 0; i < score.length; i++) {
            score[i] = uncertainty(probabilities[i]);
        }
        Integer[] order = new Integer[score.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        // stable sort: equal scores keep pool order
        Arrays.sort(order, Comparator.comparingDouble((Integer i) -> -score[i]));
        int[] out = new int[take];
        for (int i = 0; i < take; i++) {
            out[i] = order[i];
        }
        return out;
    }

    /**
     * Greedy k-center: keeps each pool sample's squared distance to its nearest centre (the labelled samples, then
     * every pick) and picks the farthest each time. With nothing labelled the first pick is pool position 0.
     */
    static int[] kCenterGreedy(float[][] pool, float[][] labelled, int take) {
        double[] nearest = new double[pool.length];
        Arrays.fill(nearest, Double.POSITIVE_INFINITY);
        for (float[] centre : labelled) {
            updateNearest(pool, nearest, centre);
        }
        int[] out = new int[take];
        boolean[] picked = new boolean[pool.length];
        for (int t = 0; t < take; t++) {
            int best = -1;
            for (int i = 0; i < pool.length; i++) {
                if (!picked[i] && (best < 0 || nearest[i] > nearest[best])) {
                    best = i;
                }
            }
            out[t] = best;
            picked[best] = true;
            updateNearest(pool, nearest, pool[best]);
        }
        return out;
    }

    private static void updateNearest(float[][] pool, double[] nearest, float[] centre) {
        for (int i = 0; i < pool.length; i++) {
            double d = 0;
            float[] x = pool[i];
            for (int j = 0; j < x.length; j++) {
                double diff = x[j] - centre[j];
                d += diff * diff;
            }
            if (d < nearest[i]) {
                nearest[i] = d;
            }
        }
    }

    private static double max(float[] p) {
        double m = Double.NEGATIVE_INFINITY;
        for (float v : p) {
            m = Math.max(m, v);
        }
        return m;
    }

    private static double topTwoGap(float[] p) {
        double first = Double.NEGATIVE_INFINITY;
        double second = Double.NEGATIVE_INFINITY;
        for (float v : p) {
            if (v > first) {
                second = first;
                first = v;
            } else if (v > second) {
                second = v;
            }
        }
        return p.length < 2 ? first : first - second;
    }

    private static double entropy(float[] p) {
        double h = 0;
        for (float v : p) {
            if (v > 0) {
                h -= v * Math.log(v);
            }
        }
        return h;
    }
}
