package dev.verdant.sweep;

import dev.verdant.spec.SweepCodec;
import dev.verdant.spec.SweepSpec;
import dev.verdant.store.TrialRecord;
import dev.verdant.store.TrialStatus;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The recommendation and the waste ledger, on hand-made trial records. */
class SweepSummaryTest {

    private static TrialRecord t(int config, int rung, TrialStatus status, double acc, double joules, double secs) {
        String metrics = String.format(Locale.ROOT, "{\"deliveredAccuracy\":%s,\"totalEnergyJoules\":%s}", acc, joules);
        return new TrialRecord(1, SweepPlan.trialId(1, config, rung, 0), 1, config, 0, rung, 0, rung == 0 ? 1 : 3,
                "{\"training.learningRate\":" + config + "}", status, (long) (config * 10 + rung), "local", acc,
                joules, "estimated:cpu-tdp", secs, metrics, null, null, null);
    }

    private static SweepSpec sweep(String target) {
        return SweepCodec.parse("sweep:\n  base: { training: { epochs: 3 } }\n  method: halving\n"
                + "  parameters: { training.learningRate: { values: [0.001, 0.01] } }\n" + target, null);
    }

    // config 1: pruned at rung 0 (0.80, 10 J); config 2: pruned (0.85, 12 J)
    // config 3: rung 1 0.95 for 60 J; config 4: rung 1 0.97 for 90 J; config 5: rung 1 0.93 for 100 J (dominated)
    private static final List<TrialRecord> TRIALS = List.of(
            t(1, 0, TrialStatus.PRUNED, 0.80, 10, 1), t(2, 0, TrialStatus.PRUNED, 0.85, 12, 0.5),
            t(3, 0, TrialStatus.COMPLETED, 0.90, 20, 2), t(3, 1, TrialStatus.COMPLETED, 0.95, 60, 6),
            t(4, 0, TrialStatus.COMPLETED, 0.91, 30, 2), t(4, 1, TrialStatus.COMPLETED, 0.97, 90, 10),
            t(5, 0, TrialStatus.COMPLETED, 0.88, 33, 3), t(5, 1, TrialStatus.COMPLETED, 0.93, 100, 9));

    @Test
    void theGreenestRecipeReachingTheTargetIsRecommended() {
        SweepSummary s = SweepSummary.of(sweep("  target: { accuracy: 0.94 }\n"), TRIALS);
        assertEquals(3, s.recommendation().config());
        assertEquals(3, s.recommendation().epochs());
        assertEquals(60.0, s.recommendation().joules());
        assertTrue(s.recommendation().why().contains("2 recipes that reach the target"), s.recommendation().why());
        assertEquals(355.0, s.totalJoules(), 1e-9);
        assertEquals(22.0, s.prunedJoules(), 1e-9, "configurations 1 and 2");
        assertEquals(133.0, s.dominatedJoules(), 1e-9, "configuration 5's two runs");
        assertEquals(List.of(1, 2, 3, 4), s.front().stream().map(SweepSummary.Recipe::config).toList());
        // joules per extra accuracy point: 1->2: 2 J / 5 points; 2->3: 48 J / 10 points; 3->4: 30 J / 2 points
        assertEquals(0.4, s.joulesPerPoint().get(0), 1e-9);
        assertEquals(4.8, s.joulesPerPoint().get(1), 1e-9);
        assertEquals(15.0, s.joulesPerPoint().get(2), 1e-9);
        assertEquals("estimated:cpu-tdp", s.energyMethod());
    }

    @Test
    void withoutATargetTheKneeOfTheFrontIsRecommended() {
        SweepSummary s = SweepSummary.of(sweep(""), TRIALS);
        // normalised front: 1 (0,0), 2 (0.025,0.294), 3 (0.625,0.882), 4 (1,1): 2 lies farthest above the diagonal
        assertEquals(2, s.recommendation().config());
        assertTrue(s.recommendation().why().contains("knee"), s.recommendation().why());
        SweepSummary unreachable = SweepSummary.of(sweep("  target: { accuracy: 0.99 }\n"), TRIALS);
        assertTrue(unreachable.recommendation().why().startsWith("no recipe reached the target"));
    }

    @Test
    void theTimeEnergyKnobMovesFromFastToFrugal() {
        SweepSummary s = SweepSummary.of(sweep(""), TRIALS);
        assertEquals(24.0, s.pMaxWatts(), 1e-9, "configuration 2 ran 12 J in 0.5 s, the highest mean power");
        // eta 1: energy only -> the cheapest front recipe (1); eta 0: time only -> the fastest (2)
        assertEquals(1.0, s.knob().get(4).eta());
        assertEquals(1, s.knob().get(4).config());
        assertEquals(2, s.knob().get(0).config());
        // eta 0.5: config 1 costs 5 + 12 = 17 J, config 2 6 + 6 = 12 J
        SweepSummary.KnobChoice half = SweepSummary.knob(s.front(), 0.5, 24.0);
        assertEquals(2, half.config());
        assertEquals(12.0, half.cost(), 1e-9);
    }

    @Test
    void noResultsNoRecommendation() {
        assertNull(SweepSummary.of(sweep(""), List.of()).recommendation());
    }
}
