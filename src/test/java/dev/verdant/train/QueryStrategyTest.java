package dev.verdant.train;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Each query strategy picks what it should on a hand-made pool; the seed set is stratified. */
class QueryStrategyTest {

    /** Pool of four three-class predictions, built so each uncertainty measure ranks them differently. */
    private static final float[][] POOL = {
            {0.90f, 0.05f, 0.05f}, // confident
            {0.48f, 0.47f, 0.05f}, // tiny top-2 gap (margin's pick), not the flattest
            {0.40f, 0.30f, 0.30f}, // lowest top probability (least confidence's pick) and the flattest
            {0.60f, 0.20f, 0.20f},
    };

    @Test
    void marginPicksTheSmallestTopTwoGap() {
        assertArrayEquals(new int[] {1, 2}, QueryStrategy.MARGIN.pick(POOL, null, null, 2, new Random(1)));
    }

    @Test
    void leastConfidencePicksTheLowestTopProbability() {
        assertArrayEquals(new int[] {2, 1, 3}, QueryStrategy.LEAST_CONFIDENCE.pick(POOL, null, null, 3, new Random(1)));
    }

    @Test
    void entropyPicksTheFlattestPrediction() {
        float[][] pool = {{0.5f, 0.5f, 0f}, {0.34f, 0.33f, 0.33f}, {1f, 0f, 0f}};
        assertArrayEquals(new int[] {1, 0, 2}, QueryStrategy.ENTROPY.pick(pool, null, null, 3, new Random(1)));
        assertEquals(Math.log(2), QueryStrategy.ENTROPY.uncertainty(new float[] {0.5f, 0.5f}), 1e-6);
    }

    @Test
    void coresetPicksThePointsFarthestFromEverythingLabelled() {
        float[][] labelled = {{0, 0}};
        float[][] pool = {{1, 0}, {10, 0}, {9.9f, 0}, {0, -5}};
        // (10,0) is farthest from the origin; then (0,-5); then (1,0), since (9.9,0) sits next to a centre already
        assertArrayEquals(new int[] {1, 3, 0}, QueryStrategy.CORESET.pick(null, pool, labelled, 3, new Random(1)));
    }

    @Test
    void randomIsSeededAndPicksDistinctPoolPositions() {
        float[][] pool = new float[50][];
        Arrays.fill(pool, new float[] {0.5f, 0.5f});
        int[] a = QueryStrategy.RANDOM.pick(pool, null, null, 10, new Random(7));
        assertArrayEquals(a, QueryStrategy.RANDOM.pick(pool, null, null, 10, new Random(7)));
        assertEquals(10, Arrays.stream(a).distinct().count());
        assertTrue(Arrays.stream(a).allMatch(i -> i >= 0 && i < 50));
    }

    @Test
    void askingForMoreThanThePoolGivesThePool() {
        assertEquals(4, QueryStrategy.MARGIN.pick(POOL, null, null, 99, new Random(1)).length);
    }

    @Test
    void seedSetIsStratifiedOverTheClasses() {
        // 3 classes with 50, 30 and 4 samples: 12 seeds take 4 of each; 30 seeds take the 4 of class 2 and 13 of each
        int[] labels = new int[84];
        for (int i = 0; i < 84; i++) {
            labels[i] = i < 50 ? 0 : i < 80 ? 1 : 2;
        }
        assertArrayEquals(new int[] {4, 4, 4}, perClass(labels, SeedSet.stratified(labels, 3, 12, 5)));
        assertArrayEquals(new int[] {13, 13, 4}, perClass(labels, SeedSet.stratified(labels, 3, 30, 5)));
        int[] seeds = SeedSet.stratified(labels, 3, 30, 5);
        assertEquals(30, Arrays.stream(seeds).distinct().count(), "no sample twice");
        assertArrayEquals(seeds, SeedSet.stratified(labels, 3, 30, 5), "same seed, same set");
        assertTrue(!Arrays.equals(seeds, SeedSet.stratified(labels, 3, 30, 6)), "another seed, another set");
    }

    @Test
    void shotsPerClassAreExactAndRefuseAClassWithTooFewSamples() {
        int[] labels = {0, 0, 0, 1, 1, 1, 1, 2, 2};
        assertArrayEquals(new int[] {2, 2, 2}, perClass(labels, SeedSet.perClass(labels, 3, 2, 1,
                java.util.List.of("a", "b", "c"))));
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> SeedSet.perClass(labels, 3, 3, 1, java.util.List.of("a", "b", "c")));
        assertTrue(e.getMessage().contains("class c has only 2"), e.getMessage());
    }

    private static int[] perClass(int[] labels, int[] picked) {
        int[] counts = new int[3];
        for (int i : picked) {
            counts[labels[i]]++;
        }
        return counts;
    }
}
