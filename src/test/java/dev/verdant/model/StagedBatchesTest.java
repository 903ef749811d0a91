package dev.verdant.model;

import ai.djl.ndarray.NDManager;
import ai.djl.training.dataset.Batch;
import dev.verdant.data.Datasets;
import dev.verdant.data.Split;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Batches gathered from a split staged in native memory equal the batches copied from Java arrays, bit for bit. */
class StagedBatchesTest {

    private static final long[] SHAPE = {1, 6, 5};
    private static final int D = 30;

    private static Split bytes(int n, long seed) {
        Random r = new Random(seed);
        byte[] v = new byte[n * D];
        r.nextBytes(v);
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = r.nextInt(10);
        }
        return Split.ofBytes(v, labels, D);
    }

    /** Every batch of a seeded shuffled epoch, staged vs copied; {@code reference} is the split the old way held it. */
    private static void assertSameBatches(Split staged, Split reference, int batchSize, long seed) {
        int[] order = Datasets.permutation(staged.size(), new Random(seed));
        int steps = TrainingLoop.batches(staged.size(), batchSize);
        try (NDManager m = NDManager.newBaseManager()) {
            for (int b = 0; b < steps; b++) {
                int from = b * batchSize;
                int size = Math.min(batchSize, staged.size() - from);
                try (Batch old = Batches.of(m, reference, SHAPE, order, from, size, b, steps);
                     Batch now = Batches.staged(m, staged, SHAPE, order, from, size, b, steps)) {
                    assertEquals(old.getData().head().getShape(), now.getData().head().getShape());
                    assertEquals(old.getData().head().getDataType(), now.getData().head().getDataType());
                    // assertArrayEquals on floats compares bit patterns (floatToIntBits): exact, not within a delta
                    assertArrayEquals(old.getData().head().toFloatArray(), now.getData().head().toFloatArray(),
                            "batch " + b);
                    assertArrayEquals(old.getLabels().head().toLongArray(), now.getLabels().head().toLongArray());
                }
            }
        }
    }

    @Test
    void eightBitSplitGivesTheFloatBatchesTheLoadersUsedToMake() {
        Split eightBit = bytes(300, 1);
        // what the loaders kept before: (b & 0xff) / 255f as a float array
        float[] old = new float[300 * D];
        byte[] v = eightBit.bytes();
        for (int i = 0; i < old.length; i++) {
            old[i] = (v[i] & 0xff) / 255f;
        }
        Split asFloats = new Split(old, eightBit.labels(), D);
        assertArrayEquals(old, eightBit.features());
        assertSameBatches(eightBit, asFloats, 64, 42);
        // every one of the 256 byte values converts exactly
        byte[] all = new byte[256 * D];
        for (int i = 0; i < all.length; i++) {
            all[i] = (byte) (i / D);
        }
        Split every = Split.ofBytes(all, new int[256], D);
        assertSameBatches(every, new Split(every.features(), every.labels(), D), 100, 3);
    }

    @Test
    void floatSplitBatchesAreUnchanged() {
        Random r = new Random(5);
        float[] f = new float[200 * D];
        for (int i = 0; i < f.length; i++) {
            f[i] = (float) r.nextGaussian();
        }
        int[] labels = new int[200];
        Split s = new Split(f, labels, D);
        assertSameBatches(s, s, 32, 9);
    }

    @Test
    void aSplitIsStagedOncePerManagerAndOnlyTheRecentOnesAreKept() {
        Split a = bytes(50, 1);
        try (NDManager m = NDManager.newBaseManager()) {
            StagedSplits.Staged first = StagedSplits.of(m, a);
            assertSame(first, StagedSplits.of(m, a), "the second epoch reuses the staged copy");
            for (int i = 0; i < 3; i++) {
                StagedSplits.of(m, bytes(10, 10 + i));
            }
            assertTrue(!first.manager.isOpen(), "an evicted split's native memory is freed");
            StagedSplits.Staged again = StagedSplits.of(m, a);
            assertTrue(again != first, "and it is staged again when needed");
            Batches.releaseStaged(m);
            assertTrue(!again.manager.isOpen(), "release frees what is staged");
        }
    }

    @Test
    void twoThreadsGatheringDifferentSplitsFromOneManagerStayCorrect() throws Exception {
        // One manager keeps three splits. One thread gathers large batches from a large split while the other stages
        // small splits one after another, so the large split is evicted while it is being gathered from; every large
        // batch must still be whole and equal to the copied one.
        int d = 3000;
        long[] shape = {1, 60, 50};
        Random r = new Random(8);
        byte[] v = new byte[1500 * d];
        r.nextBytes(v);
        Split large = Split.ofBytes(v, new int[1500], d);
        Split[] small = {bytes(20, 21), bytes(20, 22), bytes(20, 23), bytes(20, 24)};
        int[] order = Datasets.permutation(1500, new Random(4));
        int[] smallOrder = Batches.inOrder(20);
        try (NDManager m = NDManager.newBaseManager()) {
            float[] expected;
            try (Batch old = Batches.of(m, large, shape, order, 0, 1500, 0, 1)) {
                expected = old.getData().head().toFloatArray();
            }
            java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
            java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
            try {
                java.util.concurrent.Future<Integer> churn = pool.submit(() -> {
                    int n = 0;
                    while (!stop.get()) {
                        try (Batch b = Batches.staged(m, small[n % small.length], SHAPE, smallOrder, 0, 4, 0, 1)) {
                            n++;
                        }
                    }
                    return n;
                });
                java.util.concurrent.Future<Integer> gathers = pool.submit(() -> {
                    try {
                        for (int round = 0; round < 8; round++) {
                            try (Batch now = Batches.staged(m, large, shape, order, 0, 1500, 0, 1)) {
                                assertArrayEquals(expected, now.getData().head().toFloatArray(), "round " + round);
                            }
                        }
                        return 8;
                    } finally {
                        stop.set(true);
                    }
                });
                assertEquals(8, gathers.get(60, java.util.concurrent.TimeUnit.SECONDS));
                assertTrue(churn.get(60, java.util.concurrent.TimeUnit.SECONDS) > 0);
            } finally {
                stop.set(true);
                pool.shutdownNow();
            }
            Batches.releaseStaged(m);
        }
    }

    @Test
    void aSplitInUseIsClosedOnlyWhenItsLastGatherEnds() {
        Split a = bytes(20, 31);
        try (NDManager m = NDManager.newBaseManager()) {
            StagedSplits.Staged held = StagedSplits.acquire(m, a);
            for (int i = 0; i < 3; i++) {
                StagedSplits.of(m, bytes(10, 40 + i));
            }
            assertTrue(held.manager.isOpen(), "evicted while a gather holds it: still open");
            held.close();
            assertTrue(!held.manager.isOpen(), "closed once the gather ends");
            StagedSplits.Staged again = StagedSplits.acquire(m, a);
            Batches.releaseStaged(m);
            assertTrue(again.manager.isOpen(), "released while held: still open");
            again.close();
            assertTrue(!again.manager.isOpen());
        }
    }

    @Test
    void bytesKeepTheirStorageThroughSubsets() {
        Split s = bytes(100, 2);
        assertTrue(s.first(10).isBytes());
        Split picked = s.select(new int[] {5, 3});
        assertTrue(picked.isBytes());
        float[] five = new float[D];
        s.copySample(5, five, 0);
        float[] got = new float[D];
        picked.copySample(0, got, 0);
        assertArrayEquals(five, got);
        assertEquals(3L * D, s.select(new int[] {1, 2, 3}).featureBytes(), "one byte per 8-bit value");
        assertEquals(4L * 3 * D, new Split(new float[3 * D], new int[3], D).featureBytes());
    }
}
