package dev.verdant.sweep;

import dev.verdant.spec.SweepObjective;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Promotion by non-dominated sorting and crowding distance, on a hand-made set of (accuracy, joules). */
class PromotionTest {

    private static final List<SweepObjective> ACC_ENERGY = List.of(SweepObjective.max("deliveredAccuracy"),
            SweepObjective.min("totalEnergyJoules"));

    private static Promotion.Point p(int key, double acc, double joules) {
        return new Promotion.Point(key, new double[] {acc, joules});
    }

    //  key  acc   joules   front
    //   1   0.90   100      1 (cheapest)
    //   2   0.95   200      1
    //   3   0.96   400      1
    //   4   0.99   900      1 (most accurate)
    //   5   0.94   250      2 (beaten by 2)
    //   6   0.80   300      3 (beaten by 1, 2, 5)
    //   7   0.97   950      2 (beaten by 4)
    //   8   0.955  260      1 (between 2 and 3)
    private static final List<Promotion.Point> SET = List.of(p(1, 0.90, 100), p(2, 0.95, 200), p(3, 0.96, 400),
            p(4, 0.99, 900), p(5, 0.94, 250), p(6, 0.80, 300), p(7, 0.97, 950), p(8, 0.955, 260));

    @Test
    void frontsAreTheNonDominatedLayers() {
        List<List<Promotion.Point>> fronts = Promotion.fronts(SET, ACC_ENERGY);
        assertEquals(List.of(1, 2, 3, 4, 8), fronts.get(0).stream().map(Promotion.Point::key).toList());
        assertEquals(List.of(5, 7), fronts.get(1).stream().map(Promotion.Point::key).toList());
        assertEquals(List.of(6), fronts.get(2).stream().map(Promotion.Point::key).toList());
        assertTrue(Promotion.dominates(p(2, 0.95, 200), p(5, 0.94, 250), ACC_ENERGY));
        assertFalse(Promotion.dominates(p(1, 0.90, 100), p(2, 0.95, 200), ACC_ENERGY));
    }

    @Test
    void withinAFrontTheEndsAndSparseRegionsComeFirst() {
        Map<Integer, Double> d = Promotion.crowding(Promotion.fronts(SET, ACC_ENERGY).get(0), ACC_ENERGY);
        assertEquals(Double.POSITIVE_INFINITY, d.get(1));
        assertEquals(Double.POSITIVE_INFINITY, d.get(4));
        // sorted by accuracy 1, 2, 8, 3, 4 (span 0.09) and by joules 1, 2, 8, 3, 4 (span 800):
        // 2: (0.955-0.90)/0.09 + (260-100)/800 ; 8: (0.96-0.95)/0.09 + (400-200)/800 ; 3: (0.99-0.955)/0.09 + (900-260)/800
        assertEquals(0.055 / 0.09 + 160.0 / 800, d.get(2), 1e-9);
        assertEquals(0.01 / 0.09 + 200.0 / 800, d.get(8), 1e-9);
        assertEquals(0.035 / 0.09 + 640.0 / 800, d.get(3), 1e-9);
        List<Integer> order = Promotion.rank(SET, ACC_ENERGY, Promotion.Selection.CROWDING).stream()
                .map(Promotion.Point::key).toList();
        assertEquals(List.of(1, 4, 3, 2, 8, 5, 7, 6), order);
        // promoting 3 of 8 (eta 3) keeps both ends and the most isolated middle point, not the three most accurate
        assertEquals(List.of(1, 4, 3), Promotion.select(SET, ACC_ENERGY, 3, Promotion.Selection.CROWDING).stream()
                .map(Promotion.Point::key).toList());
    }

    @Test
    void epsilonNetStartsAtTheAccurateEndThenTakesTheFarthestPoint() {
        // scaled by the set's spans (accuracy 0.80..0.99, joules 100..950): 4 is the most accurate; 1 is farthest
        // from it (1.05); then 3 (nearest chosen at 0.47, against 0.35 for 8 and 0.29 for 2), then 2 (0.24), then 8.
        // Front 2: its most accurate (7), then 5; front 3: 6.
        List<Integer> order = Promotion.rank(SET, ACC_ENERGY).stream().map(Promotion.Point::key).toList();
        assertEquals(List.of(4, 1, 3, 2, 8, 7, 5, 6), order);
        assertEquals(List.of(4, 1, 3), Promotion.select(SET, ACC_ENERGY, 3).stream().map(Promotion.Point::key)
                .toList());
    }

    private static Promotion.Point noisy(int key, double acc, double joules, int samples) {
        return new Promotion.Point(key, new double[] {acc, joules},
                new double[] {Promotion.accuracyError(acc, samples), 0});
    }

    @Test
    void anAccuracyLeadWithinNoiseDoesNotDominate() {
        // 0.9359 vs 0.9304 on 360 validation samples: 2 samples apart, 0.29 standard errors of the difference
        Promotion.Point cheaper = noisy(1, 0.9359, 0.318, 360);
        Promotion.Point dearer = noisy(2, 0.9304, 0.385, 360);
        assertFalse(Promotion.dominates(cheaper, dearer, ACC_ENERGY));
        assertTrue(Promotion.dominates(p(1, 0.9359, 0.318), p(2, 0.9304, 0.385), ACC_ENERGY),
                "exact values: plain Pareto dominance");
        // 6 points ahead is about 3.2 standard errors (> 1.645): evidence, and cheaper too
        assertTrue(Promotion.dominates(noisy(3, 0.99, 0.3, 360), dearer, ACC_ENERGY));
        // being cheaper is not enough when the accuracy is only tied: the dearer one may truly be more accurate
        assertFalse(Promotion.dominates(noisy(4, 0.9304, 0.1, 360), dearer, ACC_ENERGY));
        assertEquals(Math.sqrt(0.9 * 0.1 / 400), Promotion.accuracyError(0.9, 400), 1e-12);
        assertEquals(0, Promotion.accuracyError(0.9, 0), "unknown sample count: exact");
    }

    @Test
    void theAccurateEndSurvivesWhenItsDeficitIsNoise() {
        // a rung of 9 (3 epochs each, 360 validation samples), keep 3. Exactly compared, 26 is dominated by 23
        // (cheaper, 2 samples more accurate) and promotion keeps 25, 21 and 23; with the accuracy's noise, 26 is on
        // the first front, and the epsilon-net keeps the accurate end 25, the cheap end 21, and 26, the point
        // farthest from both.
        List<Promotion.Point> exact = List.of(p(25, 0.9638, 0.684), p(23, 0.9359, 0.318), p(26, 0.9304, 0.385),
                p(22, 0.9192, 0.546), p(27, 0.9109, 0.165), p(24, 0.8635, 0.145), p(21, 0.6769, 0.101),
                p(12, 0.3008, 0.109), p(3, 0.2006, 0.167));
        List<Promotion.Point> withNoise = exact.stream().map(q -> noisy(q.key(), q.values()[0], q.values()[1], 360))
                .toList();
        assertEquals(java.util.Set.of(21, 23, 25), keys(Promotion.select(exact, ACC_ENERGY, 3,
                Promotion.Selection.CROWDING)));
        assertEquals(java.util.Set.of(21, 25, 26), keys(Promotion.select(withNoise, ACC_ENERGY, 3)));
    }

    private static java.util.Set<Integer> keys(List<Promotion.Point> points) {
        return points.stream().map(Promotion.Point::key).collect(java.util.stream.Collectors.toSet());
    }

    @Test
    void oneObjectiveRanksByItsValueAndFailedTrialsGoLast() {
        List<SweepObjective> acc = List.of(SweepObjective.max("deliveredAccuracy"));
        List<Promotion.Point> points = List.of(new Promotion.Point(1, new double[] {0.9}),
                new Promotion.Point(2, new double[] {Double.NaN}), new Promotion.Point(3, new double[] {0.95}),
                new Promotion.Point(4, new double[] {0.9}));
        assertEquals(List.of(3, 1, 4, 2), Promotion.rank(points, acc).stream().map(Promotion.Point::key).toList());
        List<SweepObjective> energy = List.of(SweepObjective.min("totalEnergyJoules"));
        assertEquals(List.of(1, 4, 3, 2), Promotion.rank(points, energy).stream().map(Promotion.Point::key).toList());
    }
}
