package dev.verdant.sweep;

import dev.verdant.store.SweepStatus;
import dev.verdant.store.TrialRecord;

import java.util.List;

/**
 * How a sweep ended.
 *
 * @param sweepId its store id
 * @param status  completed, stopped or failed
 * @param stop    why it ended
 * @param message one sentence for people
 * @param trials  every trial attempt, as stored
 * @param summary the recommendation and waste ledger
 */
public record SweepResult(long sweepId, SweepStatus status, SweepStop stop, String message,
                          List<TrialRecord> trials, SweepSummary summary) {

    public SweepResult {
        trials = List.copyOf(trials);
    }
}
