package dev.verdant.sweep;

import dev.verdant.spec.SweepObjective;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Ranks a rung's trials for promotion. With one objective, by its value. With several (accuracy and energy), by
 * non-dominated sorting: the first front is every trial no other trial beats on all objectives, the next front what
 * is left after removing it, and so on; a whole front ranks before the next. Two things make this fit successive
 * halving, where a rung's figures are an early, noisy view of the trials:
 * <ul>
 *   <li><b>Dominance needs evidence.</b> A point may carry a standard error per objective (the validation accuracy's
 *   binomial one, see {@link #accuracyError}). Then {@code a} dominates {@code b} only if, on every objective with an
 *   error, {@code a} is better by more than {@link #Z} standard errors of the difference, and on the others at least
 *   as good (interval dominance, Teich 2001). Without errors this is plain Pareto dominance. A trial whose accuracy
 *   is within noise of a cheaper one is therefore not thrown out for it: at 3 of 9 epochs, two validation samples
 *   are not evidence that it is less accurate.</li>
 *   <li><b>Within a front</b>, {@link Selection#EPSNET} (the default) orders the points as an epsilon-net: first the
 *   best on the first objective (the accurate end, as the spec lists accuracy first), then repeatedly the point
 *   farthest from those already chosen, in objective space scaled to the rung's range (Salinas et al. 2021, "A
 *   multi-objective perspective on jointly tuning hardware and hyperparameters"; the EpsNet selection of MO-ASHA,
 *   Schmucker et al. 2021). {@link Selection#CROWDING} is NSGA-II's order (Deb et al. 2002): the ends of every
 *   objective first, then large crowding distance.</li>
 * </ul>
 * Ties go to the lower key, so the order is deterministic. A trial without a value for an objective (it failed)
 * ranks after every trial that has one.
 */
public final class Promotion {

    /**
     * Standard errors of the difference an accuracy lead must exceed to count for dominance: 1.645, a one-sided
     * test at the 5% level.
     */
    public static final double Z = 1.645;

    /** How a front's points are ordered. */
    public enum Selection {
        /** Epsilon-net from the first objective's best (MO-ASHA's EpsNet); the default. */
        EPSNET("epsnet"),
        /** NSGA-II's crowding distance: the ends first, then the sparse regions. */
        CROWDING("crowding");

        private final String label;

        Selection(String label) {
            this.label = label;
        }

        /** The spec's spelling ({@code halving.selection}). */
        public String label() {
            return label;
        }

        /** The selection spelled {@code label} (case-insensitive), or null when there is none. */
        public static Selection of(String label) {
            for (Selection s : values()) {
                if (s.label.equals(label == null ? null : label.toLowerCase(Locale.ROOT))) {
                    return s;
                }
            }
            return null;
        }
    }

    /**
     * One trial's objective values.
     *
     * @param key    the trial's configuration number (the tie-breaker)
     * @param values one per objective, in the objectives' order; NaN when missing
     * @param errors standard error of each value (0 for a value taken as exact); null for all exact
     */
    public record Point(int key, double[] values, double[] errors) {
        public Point {
            values = values.clone();
            errors = errors == null ? new double[values.length] : errors.clone();
            if (errors.length != values.length) {
                throw new IllegalArgumentException("one error per value: " + errors.length + " for "
                        + values.length);
            }
        }

        /** A point whose values are taken as exact. */
        public Point(int key, double[] values) {
            this(key, values, null);
        }

        boolean complete() {
            return Arrays.stream(values).noneMatch(Double::isNaN);
        }
    }

    private Promotion() {
    }

    /**
     * The binomial standard error of a validation accuracy {@code p} measured on {@code samples} samples (pooled
     * over repeats): {@code sqrt(p (1 - p) / samples)}; 0 when the sample count is unknown (not positive).
     */
    public static double accuracyError(double p, long samples) {
        if (samples <= 0 || Double.isNaN(p)) {
            return 0;
        }
        double q = Math.min(1, Math.max(0, p));
        return Math.sqrt(q * (1 - q) / samples);
    }

    /** The points in promotion order (best first), fronts ordered by {@link Selection#EPSNET}. */
    public static List<Point> rank(List<Point> points, List<SweepObjective> objectives) {
        return rank(points, objectives, Selection.EPSNET);
    }

    /** The points in promotion order (best first), each front ordered by {@code selection}. */
    public static List<Point> rank(List<Point> points, List<SweepObjective> objectives, Selection selection) {
        List<Point> complete = new ArrayList<>();
        List<Point> incomplete = new ArrayList<>();
        for (Point p : points) {
            (p.complete() ? complete : incomplete).add(p);
        }
        incomplete.sort(Comparator.comparingInt(Point::key));
        List<Point> out = new ArrayList<>();
        if (objectives.size() == 1) {
            SweepObjective o = objectives.get(0);
            complete.sort(Comparator.<Point>comparingDouble(p -> o.maximise() ? -p.values()[0] : p.values()[0])
                    .thenComparingInt(Point::key));
            out.addAll(complete);
        } else {
            double[][] range = range(complete, objectives.size());
            for (List<Point> front : fronts(complete, objectives)) {
                if (selection == Selection.CROWDING) {
                    Map<Integer, Double> crowding = crowding(front, objectives);
                    front.sort(Comparator.<Point>comparingDouble(p -> -crowding.get(p.key()))
                            .thenComparingInt(Point::key));
                    out.addAll(front);
                } else {
                    out.addAll(epsilonNet(front, objectives, range));
                }
            }
        }
        out.addAll(incomplete);
        return out;
    }

    /** The best {@code k} points ({@link Selection#EPSNET}). */
    public static List<Point> select(List<Point> points, List<SweepObjective> objectives, int k) {
        return select(points, objectives, k, Selection.EPSNET);
    }

    /** The best {@code k} points. */
    public static List<Point> select(List<Point> points, List<SweepObjective> objectives, int k,
                                     Selection selection) {
        List<Point> ranked = rank(points, objectives, selection);
        return ranked.subList(0, Math.min(k, ranked.size()));
    }

    /**
     * True when {@code a} dominates {@code b}: on every objective where either has a standard error, better by more
     * than {@link #Z} standard errors of the difference; on the others at least as good; and better on one.
     */
    public static boolean dominates(Point a, Point b, List<SweepObjective> objectives) {
        boolean better = false;
        for (int i = 0; i < objectives.size(); i++) {
            double x = objectives.get(i).maximise() ? a.values()[i] : -a.values()[i];
            double y = objectives.get(i).maximise() ? b.values()[i] : -b.values()[i];
            double tolerance = Z * Math.hypot(a.errors()[i], b.errors()[i]);
            if (tolerance > 0 ? x - y <= tolerance : x < y) {
                return false;
            }
            if (x > y) {
                better = true;
            }
        }
        return better;
    }

    /** The non-dominated fronts, best first; each front in key order. */
    public static List<List<Point>> fronts(List<Point> points, List<SweepObjective> objectives) {
        List<Point> left = new ArrayList<>(points);
        left.sort(Comparator.comparingInt(Point::key));
        List<List<Point>> fronts = new ArrayList<>();
        while (!left.isEmpty()) {
            List<Point> front = new ArrayList<>();
            for (Point p : left) {
                boolean dominated = false;
                for (Point q : left) {
                    if (q != p && dominates(q, p, objectives)) {
                        dominated = true;
                        break;
                    }
                }
                if (!dominated) {
                    front.add(p);
                }
            }
            left.removeAll(front);
            fronts.add(front);
        }
        return fronts;
    }

    /**
     * One front as an epsilon-net: the best point on the first objective, then again and again the point whose
     * nearest chosen point is farthest, distances taken with each objective scaled by {@code range} (min, span).
     */
    static List<Point> epsilonNet(List<Point> front, List<SweepObjective> objectives, double[][] range) {
        List<Point> left = new ArrayList<>(front);
        left.sort(Comparator.comparingInt(Point::key));
        List<Point> order = new ArrayList<>();
        SweepObjective first = objectives.get(0);
        Point seed = left.get(0);
        for (Point p : left) {
            if (first.maximise() ? p.values()[0] > seed.values()[0] : p.values()[0] < seed.values()[0]) {
                seed = p;
            }
        }
        order.add(seed);
        left.remove(seed);
        while (!left.isEmpty()) {
            Point next = null;
            double farthest = -1;
            for (Point p : left) { // left is in key order, so the lower key wins a tie
                double nearest = Double.POSITIVE_INFINITY;
                for (Point q : order) {
                    nearest = Math.min(nearest, distance(p, q, range));
                }
                if (nearest > farthest) {
                    farthest = nearest;
                    next = p;
                }
            }
            order.add(next);
            left.remove(next);
        }
        return order;
    }

    private static double distance(Point a, Point b, double[][] range) {
        double sum = 0;
        for (int i = 0; i < range.length; i++) {
            double span = range[i][1];
            double d = span > 0 ? (a.values()[i] - b.values()[i]) / span : 0;
            sum += d * d;
        }
        return Math.sqrt(sum);
    }

    /** Per objective, the minimum and the span of the points' values. */
    private static double[][] range(List<Point> points, int objectives) {
        double[][] r = new double[objectives][2];
        for (int i = 0; i < objectives; i++) {
            int m = i;
            double min = points.stream().mapToDouble(p -> p.values()[m]).min().orElse(0);
            double max = points.stream().mapToDouble(p -> p.values()[m]).max().orElse(0);
            r[i][0] = min;
            r[i][1] = max - min;
        }
        return r;
    }

    /**
     * Crowding distance of each point of one front: the sum over objectives of the gap between its two neighbours,
     * normalised by the front's span; the ends of each objective get infinity (they are always kept).
     */
    public static Map<Integer, Double> crowding(List<Point> front, List<SweepObjective> objectives) {
        Map<Integer, Double> d = new HashMap<>();
        front.forEach(p -> d.put(p.key(), 0.0));
        if (front.size() <= 2) {
            front.forEach(p -> d.put(p.key(), Double.POSITIVE_INFINITY));
            return d;
        }
        for (int i = 0; i < objectives.size(); i++) {
            int m = i;
            List<Point> sorted = new ArrayList<>(front);
            sorted.sort(Comparator.<Point>comparingDouble(p -> p.values()[m]).thenComparingInt(Point::key));
            double span = sorted.get(sorted.size() - 1).values()[m] - sorted.get(0).values()[m];
            d.put(sorted.get(0).key(), Double.POSITIVE_INFINITY);
            d.put(sorted.get(sorted.size() - 1).key(), Double.POSITIVE_INFINITY);
            if (span <= 0) {
                continue;
            }
            for (int j = 1; j < sorted.size() - 1; j++) {
                int key = sorted.get(j).key();
                d.put(key, d.get(key) + (sorted.get(j + 1).values()[m] - sorted.get(j - 1).values()[m]) / span);
            }
        }
        return d;
    }
}
