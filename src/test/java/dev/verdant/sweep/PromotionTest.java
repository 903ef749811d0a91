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
        List<Integer> order = Promotion.rank(SET, ACC_ENERGY).stream().map(Promotion.Point::key).toList();
        assertEquals(List.of(1, 4, 3, 2, 8, 5, 7, 6), order);
        // promoting 3 of 8 (eta 3) keeps both ends and the most isolated middle point, not the three most accurate
        assertEquals(List.of(1, 4, 3), Promotion.select(SET, ACC_ENERGY, 3).stream().map(Promotion.Point::key).toList());
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
