package dev.verdant.train;

import dev.verdant.result.Phase;
import dev.verdant.result.BatchRecord;
import dev.verdant.result.EpochRecord;

/**
 * Receives the training loop's events on the training thread, in order. Implementations must be quick
 * (hand work to another thread if needed); every method has an empty default.
 */
public interface TrainingObserver {

    /** A phase begins: {@link Phase#TRAIN} before an epoch's batches, {@link Phase#EVAL} before its validation. */
    default void onPhase(Phase phase) {
    }

    /** One training batch finished. */
    default void onBatch(BatchRecord batch) {
    }

    /**
     * One epoch finished; returns the record to keep (an observer may add energy figures to it).
     * Called before stopping rules are checked.
     */
    default EpochRecord onEpoch(EpochRecord epoch) {
        return epoch;
    }

    /** Observers that do nothing. */
    TrainingObserver NONE = new TrainingObserver() {
    };
}
