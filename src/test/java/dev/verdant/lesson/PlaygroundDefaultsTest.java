package dev.verdant.lesson;

import dev.verdant.run.PlaygroundSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The playground's defaults solve each synthetic set: 0.95 validation accuracy within {@link Playground#MAX_EPOCHS}
 * epochs, and the time it took is printed. The grid of predictions agrees with the held-out points' labels.
 */
@Timeout(240)
class PlaygroundDefaultsTest {

    @ParameterizedTest
    @ValueSource(strings = {"spirals", "circles", "xor", "gaussians"})
    void defaultsReach95PercentInSeconds(String set) {
        long t0 = System.nanoTime();
        try (PlaygroundSession s = PlaygroundSession.start(Playground.defaults(set))) {
            PlaygroundSession.Step last = Playground.trainUntil(s, 0.95, Playground.MAX_EPOCHS);
            double seconds = (System.nanoTime() - t0) / 1e9;
            System.err.printf("playground %s: %.3f validation accuracy after %d epochs, %.1f s, %.1f J (%s)%n", set,
                    last.valAccuracy(), last.epoch(), seconds, last.joules(), last.energyMethod());
            assertTrue(last.valAccuracy() >= 0.95, set + " reached only " + last.valAccuracy() + " in "
                    + last.epoch() + " epochs");
            assertTrue(last.joules() > 0, "energy is metered");
            // the boundary picture: the grid's prediction at each held-out point's nearest cell mostly matches it
            int n = 61;
            float[] grid = s.grid(n, -Playground.EXTENT, Playground.EXTENT);
            assertEquals(n * n, grid.length);
            PlaygroundSession.Points val = s.validationPoints();
            int agree = 0;
            for (int i = 0; i < val.labels().length; i++) {
                int col = (int) Math.round((val.xy()[2 * i] + Playground.EXTENT) / (2 * Playground.EXTENT) * (n - 1));
                int row = (int) Math.round((Playground.EXTENT - val.xy()[2 * i + 1]) / (2 * Playground.EXTENT)
                        * (n - 1));
                int predicted = grid[row * n + col] >= 0.5f ? 1 : 0;
                agree += predicted == val.labels()[i] ? 1 : 0;
            }
            assertTrue(agree >= 0.85 * val.labels().length, "grid agrees with " + agree + "/" + val.labels().length);
        }
    }

    @Test
    void refusesNonTwoDimensionalSets() {
        assertThrows(IllegalArgumentException.class, () -> Playground.spec("digits", 0.1, 100));
    }
}
