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

/** The energy-to-target forecast: a saturating fit, its projection and band, and its place in a real run. */
class TargetForecastTest {

    @TempDir
    Path dir;

    /** Epochs of acc(e) = 0.98 - 0.5 exp(-0.4 e) (+ noise), 10 J per epoch after a 25 J first epoch. */
    private static List<EpochRecord> curve(int n, double[] noise) {
        List<EpochRecord> out = new ArrayList<>();
        double cumulative = 0;
        for (int e = 1; e <= n; e++) {
            double joules = e == 1 ? 25 : 10;
            cumulative += joules;
            double acc = 0.98 - 0.5 * Math.exp(-0.4 * e) + (noise == null ? 0 : noise[(e - 1) % noise.length]);
            out.add(new EpochRecord(e, 0.5, acc, 0.5, acc, 1, 100, 0.001, 1000, joules, cumulative));
        }
        return out;
    }

    @Test
    void aCleanCurveIsProjectedToTheEpochItCrossesTheTarget() {
        // 0.98 - 0.5 exp(-0.4 e) >= 0.95 from e = ln(0.5/0.03)/0.4 = 7.03, so epoch 8
        EpochForecast f = TargetForecast.forecast(curve(4, null), 0.95, 30, 1);
        assertNotNull(f);
        assertEquals(8, f.epochsToTarget());
        assertEquals(55 + 4 * 10, f.joulesToTarget(), 1e-9, "55 J so far plus 4 epochs at the median 10 J");
        assertTrue(f.low() <= f.joulesToTarget() && f.high() >= f.joulesToTarget());
    }

    @Test
    void noiseWidensTheBandAndTheForecastStaysClose() {
        double[] noise = {0.01, -0.012, 0.006, -0.004, 0.009};
        EpochForecast f = TargetForecast.forecast(curve(5, noise), 0.95, 30, 1);
        assertNotNull(f);
        assertTrue(Math.abs(f.epochsToTarget() - 8) <= 2, "epoch " + f.epochsToTarget());
        assertTrue(f.high() == null || f.high() > f.low(), "a band: " + f);
    }

    @Test
    void outOfReachTooEarlyOrAlreadyReached() {
        assertNull(TargetForecast.forecast(curve(5, null), 0.99, 30, 1), "the curve saturates at 0.98");
        assertNull(TargetForecast.forecast(curve(4, null), 0.95, 6, 1), "epoch 8 is past a 6-epoch run");
        assertNull(TargetForecast.forecast(curve(2, null), 0.95, 30, 1), "two epochs are too few to fit");
        EpochForecast reached = TargetForecast.forecast(curve(9, null), 0.95, 30, 1);
        assertEquals(8, reached.epochsToTarget(), "once reached, the forecast is the epoch it happened");
        assertEquals(25 + 7 * 10, reached.joulesToTarget(), 1e-9);
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
