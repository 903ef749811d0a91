package dev.verdant.run;

import dev.verdant.result.EpochForecast;
import dev.verdant.result.EpochRecord;
import dev.verdant.result.RunResult;
import dev.verdant.spec.SpecCodec;
import dev.verdant.store.RunStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The energy-to-target forecast: the averaged learning-curve families, their projection and band on synthetic curves
 * whose crossing epoch is known, the \"not reachable\" verdict, and the forecast's place in a real run.
 */
class TargetForecastTest {

    @TempDir
    Path dir;

    /** Epochs with the given validation accuracies, 10 J per epoch after a 25 J first epoch. */
    private static List<EpochRecord> epochs(double... accuracies) {
        List<EpochRecord> out = new ArrayList<>();
        double cumulative = 0;
        for (int e = 1; e <= accuracies.length; e++) {
            double joules = e == 1 ? 25 : 10;
            cumulative += joules;
            double acc = accuracies[e - 1];
            out.add(new EpochRecord(e, 0.5, acc, 0.5, acc, 1, 100, 0.001, 1000, joules, cumulative));
        }
        return out;
    }

    /** The first n accuracies of a curve, each moved by the noise (cycled). */
    private static double[] curve(int n, java.util.function.IntToDoubleFunction acc, double... noise) {
        double[] out = new double[n];
        for (int e = 1; e <= n; e++) {
            out[e - 1] = acc.applyAsDouble(e) + (noise.length == 0 ? 0 : noise[(e - 1) % noise.length]);
        }
        return out;
    }

    private static final double[] NOISE = {0.008, -0.01, 0.005, -0.004, 0.009};

    @Test
    void aPowerLawCurveWithNoiseIsProjectedCloseToWhereItCrosses() {
        // error 0.5 / e^0.9: 0.93 accuracy (error 0.07) from e = (0.5 / 0.07)^(1 / 0.9) = 8.9, so epoch 9
        EpochForecast f = TargetForecast.forecast(epochs(curve(5, e -> 1 - 0.5 / Math.pow(e, 0.9), NOISE)), 0.93,
                30, 1);
        assertNotNull(f);
        assertTrue(Math.abs(f.epochsToTarget() - 9) <= 1, "epoch " + f.epochsToTarget());
        double actual = 25 + 8 * 10;
        assertTrue(Math.abs(f.joulesToTarget() - actual) / actual <= 0.15, f.joulesToTarget() + " J vs " + actual);
        assertTrue(f.low() <= f.joulesToTarget() && (f.high() == null || f.high() >= f.joulesToTarget()), f::toString);
        assertTrue(f.low() <= actual && (f.high() == null || f.high() >= actual), "the band holds the truth: " + f);
    }

    @Test
    void anExponentialCurveWithNoiseIsProjectedCloseToWhereItCrosses() {
        // error 0.6 exp(-0.35 e): 0.95 accuracy (error 0.05) from e = ln(12) / 0.35 = 7.1, so epoch 8
        EpochForecast f = TargetForecast.forecast(epochs(curve(5, e -> 1 - 0.6 * Math.exp(-0.35 * e), NOISE)), 0.95,
                30, 1);
        assertNotNull(f);
        assertTrue(Math.abs(f.epochsToTarget() - 8) <= 1, "epoch " + f.epochsToTarget());
        assertEquals(65 + (f.epochsToTarget() - 5) * 10, f.joulesToTarget(), 1e-9,
                "65 J so far plus the remaining epochs at the median 10 J (the 25 J warm-up left out)");
        assertTrue(f.low() <= f.joulesToTarget() && (f.high() == null || f.high() >= f.joulesToTarget()), f::toString);
    }

    @Test
    void afterThreeEpochsTheBandHoldsWhereEitherFamilyCrosses() {
        // three epochs hardly tell a power law from an exponential: the band must hold both truths
        EpochForecast power = TargetForecast.forecast(epochs(curve(3, e -> 1 - 0.5 / Math.pow(e, 0.9), NOISE)),
                0.93, 30, 1);
        assertTrue(power.low() <= 25 + 8 * 10 && (power.high() == null || power.high() >= 25 + 8 * 10), "epoch 9: "
                + power);
        EpochForecast exp = TargetForecast.forecast(epochs(curve(3, e -> 1 - 0.6 * Math.exp(-0.35 * e), NOISE)),
                0.95, 30, 1);
        assertTrue(exp.low() <= 25 + 7 * 10 && (exp.high() == null || exp.high() >= 25 + 7 * 10), "epoch 8: " + exp);
    }

    @Test
    void aFlatCurveIsNotReachableAndARisingOneIsNotCalledSo() {
        for (long seed = 1; seed <= 6; seed++) {
            assertNull(TargetForecast.forecast(epochs(0.85, 0.851, 0.849, 0.85, 0.851), 0.95, 30, seed),
                    "accuracy stuck at 0.85: 0.95 is out of reach in 30 epochs (seed " + seed + ")");
            assertNull(TargetForecast.forecast(epochs(0.80, 0.84, 0.85, 0.851, 0.849), 0.95, 12, seed),
                    "accuracy stopped rising at 0.85: 0.95 is out of reach in 12 epochs (seed " + seed + ")");
        }
        assertNotNull(TargetForecast.forecast(epochs(0.50, 0.70, 0.80), 0.95, 30, 1),
                "error halving every few epochs reaches 0.95 within 30 epochs");
        assertNull(TargetForecast.forecast(epochs(0.50, 0.70, 0.80), 0.95, 4, 1),
                "but not in the one epoch a 4-epoch run has left");
    }

    @Test
    void aSlowerCurveIsForecastLaterWithAWiderBand() {
        EpochForecast fast = TargetForecast.forecast(epochs(0.5, 0.75, 0.85), 0.93, 50, 1);
        EpochForecast slow = TargetForecast.forecast(epochs(0.3, 0.45, 0.55), 0.93, 50, 1);
        assertTrue(slow.epochsToTarget() > fast.epochsToTarget(), fast + " vs " + slow);
        double fastWidth = (fast.high() == null ? Double.POSITIVE_INFINITY : fast.high()) - fast.low();
        double slowWidth = (slow.high() == null ? Double.POSITIVE_INFINITY : slow.high()) - slow.low();
        assertTrue(slowWidth > fastWidth, "a longer extrapolation is less certain: " + fast + " vs " + slow);
    }

    @Test
    void theForecastIsDeterministicAndTooFewOrReachedEpochsAreHandled() {
        List<EpochRecord> history = epochs(0.4, 0.62, 0.74, 0.8);
        assertEquals(TargetForecast.forecast(history, 0.93, 20, 7), TargetForecast.forecast(history, 0.93, 20, 7));
        assertNull(TargetForecast.forecast(epochs(0.5, 0.7), 0.95, 30, 1), "two epochs are too few to fit");
        EpochForecast reached = TargetForecast.forecast(epochs(0.5, 0.7, 0.96, 0.95), 0.95, 30, 1);
        assertEquals(3, reached.epochsToTarget(), "once reached, the forecast is the epoch it happened");
        assertEquals(45, reached.joulesToTarget(), 1e-9);
    }

    @Test
    void aRunWithATargetCarriesForecastsFromItsThirdEpochAndTheStoreKeepsThem() {
        try (RunStore store = RunStore.open(dir.resolve("v.db"))) {
            RunResult r = Job.of(SpecCodec.parse("name: forecast\ndataset: { limit: 300 }\nmodel: { hidden: [8] }\n"
                    + "training: { epochs: 4, learningRate: 0.0005, targetAccuracy: 0.999 }\ndevice: cpu\n"), store)
                    .runHere();
            assertEquals(4, r.epochs().size(), r.message());
            assertNull(r.epochs().get(0).forecast());
            assertNull(r.epochs().get(1).forecast());
            List<EpochRecord> loaded = store.load(r.id()).orElseThrow().epochs();
            for (int i = 0; i < 4; i++) {
                assertEquals(r.epochs().get(i).forecast(), loaded.get(i).forecast(), "epoch " + (i + 1));
                if (i >= 2) {
                    EpochForecast expected = TargetForecast.forecast(r.epochs().subList(0, i + 1), 0.999, 4,
                            r.spec().seed());
                    assertEquals(expected, r.epochs().get(i).forecast(), "the forecast of the epochs so far");
                }
            }
        }
    }
}
