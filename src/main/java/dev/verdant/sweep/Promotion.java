package dev.verdant.sweep;

import dev.verdant.spec.SweepObjective;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Ranks a rung's trials for promotion. With one objective, by its value. With several (accuracy and energy), by
 * non-dominated sorting (NSGA-II, Deb et al. 2002): the first front is every trial no other trial beats on all
 * objectives, the next front what is left after removing it, and so on; within a front, trials in sparse regions
 * (large crowding distance) come first, so promotion keeps the front's spread instead of only its accurate end.
 * Ties go to the lower key, so the order is deterministic. A trial without a value for an objective (it failed)
 * ranks after every trial that has one.
 */
public final class Promotion {

    /**
     * One trial's objective values.
     *
     * @param key    the trial's configuration number (the tie-breaker)
     * @param values one per objective, in the objectives' order; NaN when missing
     */
    public record Point(int key, double[] values) {
        public Point {
            values = values.clone();
        }

        boolean complete() {
            return Arrays.stream(values).noneMatch(Double::isNaN);
        }
    }

    private Promotion() {
    }

    /** The points in promotion order (best first). */
    public static List<Point> rank(List<Point> points, List<SweepObjective> objectives) {
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
            for (List<Point> front : fronts(complete, objectives)) {
                Map<Integer, Double> crowding = crowding(front, objectives);
                front.sort(Comparator.<Point>comparingDouble(p -> -crowding.get(p.key()))
                        .thenComparingInt(Point::key));
                out.addAll(front);
            }
        }
        out.addAll(incomplete);
        return out;
    }

    /** The best {@code k} points. */
    public static List<Point> select(List<Point> points, List<SweepObjective> objectives, int k) {
        List<Point> ranked = rank(points, objectives);
        return ranked.subList(0, Math.min(k, ranked.size()));
    }

    /** True when {@code a} is at least as good as {@code b} on every objective and better on one. */
    public static boolean dominates(Point a, Point b, List<SweepObjective> objectives) {
        boolean better = false;
        for (int i = 0; i < objectives.size(); i++) {
            double x = objectives.get(i).maximise() ? a.values()[i] : -a.values()[i];
            double y = objectives.get(i).maximise() ? b.values()[i] : -b.values()[i];
            if (x < y) {
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
