package dev.verdant.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.verdant.data.Split;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * Splits copied once into native memory, per manager, so batches are gathered on the native side instead of being
 * copied from Java arrays every time: {@code [N, D]} features (uint8 for an 8-bit split, float32 otherwise) and
 * {@code [N, 1]} int64 labels (two-dimensional so one row lookup serves both, see {@link Batches#staged}), on a
 * sub-manager of the manager that asked (its device, freed with it). Each manager keeps
 * the few splits it used last (training and validation alternate every epoch); older ones are closed.
 *
 * <p>Safe when several threads gather from one manager at once (e.g. two evaluations of different splits): a gather
 * holds its split through {@link #acquire}/{@link Staged#close}, and a split evicted or released meanwhile is closed
 * only when its last gather ends.
 */
final class StagedSplits {

    /** Splits kept per manager: the training split, the validation split and one more (a resampled or subset split). */
    private static final int PER_MANAGER = 3;
    private static final Map<NDManager, Deque<Staged>> CACHE = new WeakHashMap<>();

    private StagedSplits() {
    }

    /** One split in native memory; closing it ends one {@link #acquire}. */
    static final class Staged implements AutoCloseable {
        final Split split;
        final NDManager manager;
        final NDArray features;
        final NDArray labels;
        /** 255 as a float32 scalar: 8-bit values are divided by it (made once, not per batch). */
        final NDArray scale;
        /** Gathers under way (guarded by the class lock). */
        private int users;
        /** Evicted or released while in use: closed when the last user is done (guarded by the class lock). */
        private boolean retired;

        private Staged(Split split, NDManager manager, NDArray features, NDArray labels) {
            this.split = split;
            this.manager = manager;
            this.features = features;
            this.labels = labels;
            this.scale = manager.create(255f);
        }

        /** Ends one {@link StagedSplits#acquire} of this split. */
        @Override
        public void close() {
            synchronized (StagedSplits.class) {
                users--;
                if (retired && users == 0) {
                    manager.close();
                }
            }
        }
    }

    /**
     * {@link #of} held for one gather: the split stays open until the returned object is closed, even if another
     * thread evicts or releases it meanwhile.
     */
    static synchronized Staged acquire(NDManager parent, Split split) {
        Staged s = of(parent, split);
        s.users++;
        return s;
    }

    /** {@code split} staged under {@code parent}: copied on first use, then reused while it stays among the recent. */
    static synchronized Staged of(NDManager parent, Split split) {
        Deque<Staged> recent = CACHE.computeIfAbsent(parent, k -> new ArrayDeque<>());
        for (Iterator<Staged> it = recent.iterator(); it.hasNext(); ) {
            Staged s = it.next();
            if (s.split == split) {
                if (s.manager.isOpen()) {
                    it.remove();
                    recent.addFirst(s);
                    return s;
                }
                it.remove();
            }
        }
        Staged fresh = stage(parent, split);
        recent.addFirst(fresh);
        while (recent.size() > PER_MANAGER) {
            retire(recent.removeLast());
        }
        return fresh;
    }

    /** Closes {@code s} now, or when its last gather ends. */
    private static void retire(Staged s) {
        if (s.users == 0) {
            s.manager.close();
        } else {
            s.retired = true;
        }
    }

    /** Closes whatever {@code parent} has staged (for callers that want the memory back before the manager closes). */
    static synchronized void release(NDManager parent) {
        Deque<Staged> recent = CACHE.remove(parent);
        if (recent != null) {
            recent.forEach(StagedSplits::retire);
        }
    }

    private static Staged stage(NDManager parent, Split split) {
        NDManager m = parent.newSubManager();
        Shape shape = new Shape(split.size(), split.sampleSize());
        NDArray features;
        if (split.isBytes()) {
            ByteBuffer buf = ByteBuffer.allocateDirect(split.bytes().length).order(ByteOrder.nativeOrder());
            buf.put(split.bytes()).flip();
            features = m.create(buf, shape, DataType.UINT8);
        } else {
            features = m.create(split.floats(), shape);
        }
        long[] y = new long[split.size()];
        int[] labels = split.labels();
        for (int i = 0; i < y.length; i++) {
            y[i] = labels[i];
        }
        return new Staged(split, m, features, m.create(y, new Shape(y.length, 1)));
    }
}
