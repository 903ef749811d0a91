package dev.verdant.train;

import dev.verdant.result.FewShotResult;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Prototype-classifier episodes: deterministic under a seed, right on separable data, honest on noise. */
class FewShotEpisodesTest {

    /** {@code perClass} points per class; class c sits around (10c, 0) with spread {@code spread}. */
    private static float[][] clusters(int classes, int perClass, double spread, int[] labels) {
        Random r = new Random(3);
        float[][] x = new float[classes * perClass][];
        for (int i = 0; i < x.length; i++) {
            labels[i] = i % classes;
            x[i] = new float[] {(float) (10 * labels[i] + spread * r.nextGaussian()), (float) (spread * r.nextGaussian())};
        }
        return x;
    }

    @Test
    void episodesAreDeterministicUnderASeed() {
        int[] labels = new int[8 * 30];
        float[][] x = clusters(8, 30, 6.0, labels);
        FewShotResult a = FewShotEpisodes.run(x, labels, 8, 5, 1, 10, 50, 11);
        FewShotResult b = FewShotEpisodes.run(x, labels, 8, 5, 1, 10, 50, 11);
        assertArrayEquals(a.perEpisode(), b.perEpisode());
        assertEquals(a.mean(), b.mean(), 0.0);
        FewShotResult c = FewShotEpisodes.run(x, labels, 8, 5, 1, 10, 50, 12);
        assertFalse(java.util.Arrays.equals(a.perEpisode(), c.perEpisode()), "another seed, other episodes");
    }

    @Test
    void separableClassesAreAlwaysRightAndMoreShotsHelpOnOverlappingOnes() {
        int[] labels = new int[6 * 40];
        float[][] tight = clusters(6, 40, 0.5, labels);
        FewShotResult sure = FewShotEpisodes.run(tight, labels, 6, 5, 1, 15, 30, 1);
        assertEquals(1.0, sure.mean(), 0.0);
        assertEquals(0.0, sure.ci95(), 0.0);
        float[][] loose = clusters(6, 40, 8.0, labels);
        FewShotResult one = FewShotEpisodes.run(loose, labels, 6, 5, 1, 15, 200, 1);
        FewShotResult ten = FewShotEpisodes.run(loose, labels, 6, 5, 10, 15, 200, 1);
        assertTrue(one.mean() < ten.mean(), one.mean() + " < " + ten.mean());
        assertTrue(one.ci95() > 0 && one.mean() > 0.2, "above 1/5 chance: " + one.mean());
    }

    @Test
    void tooFewClassesForTheEpisodesIsAClearError() {
        int[] labels = new int[3 * 10];
        float[][] x = clusters(3, 10, 1, labels);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> FewShotEpisodes.run(x, labels, 3, 5, 1, 5, 10, 1));
        assertTrue(e.getMessage().contains("5-way 1-shot episodes need 5 classes"), e.getMessage());
    }
}
