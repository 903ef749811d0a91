package dev.verdant.sweep;

import dev.verdant.run.RunEvent;
import dev.verdant.store.TrialRecord;

/**
 * Hears a sweep as it runs (CLI progress, the window's live sweep view). Every callback defaults to nothing.
 * Callbacks come from the sweep's thread, except {@link #onTrialEpoch}, which comes from the trial's run thread
 * (or the cluster's receiving thread); they must return quickly.
 */
public interface SweepListener {

    /** The sweep has its id and plan; nothing has run yet (or, resuming, what had run is loaded). */
    default void onPlanned(long sweepId, SweepPlan plan, java.util.List<TrialRecord> stored) {
    }

    /** A trial attempt was handed to the executor. */
    default void onTrialStarted(TrialRecord trial) {
    }

    /** An epoch of a trial's run ended. */
    default void onTrialEpoch(String trialId, int attempt, RunEvent.EpochEnded epoch) {
    }

    /** A trial attempt's result was committed. */
    default void onTrialFinished(TrialRecord trial) {
    }

    /** A trial was not promoted past its rung; its record stays, with status pruned. */
    default void onTrialPruned(TrialRecord trial) {
    }

    /** The sweep ended. */
    default void onFinished(SweepResult result) {
    }
}
