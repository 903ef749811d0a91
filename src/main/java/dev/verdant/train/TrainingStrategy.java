package dev.verdant.train;

import dev.verdant.result.StopReason;
import dev.verdant.result.EpochRecord;

/**
 * A hook set on the training loop: progressive resizing, stacking, freezing, layer dropping and early stopping are
 * each one implementation, so the loop itself stays small. Hooks run on the training thread, in the order of
 * {@link dev.verdant.spec.ProgressiveSpec#TYPES}.
 */
interface TrainingStrategy {

    /**
     * Before an epoch's first batch: may change what the epoch trains on ({@code plan}) or the network itself
     * (through {@code session}).
     */
    default void beforeEpoch(TrainingSession session, int epoch, EpochPlan plan) {
    }

    /** After an epoch is recorded: a stop reason such as {@link StopReason#EARLY_STOPPING}, or null to go on. */
    default StopReason stopAfter(EpochRecord epoch) {
        return null;
    }
}
