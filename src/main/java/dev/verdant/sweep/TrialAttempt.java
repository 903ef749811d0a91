package dev.verdant.sweep;

import dev.verdant.spec.ExperimentSpec;

import java.util.Objects;

/**
 * One attempt at one trial of a sweep, as it is handed to whatever runs it. A trial that is run again (its worker
 * died, the coordinator restarted) keeps its {@code trialId} and gets the next {@code attempt}, so a result is
 * committed once per trial, and a late result of an earlier attempt is recognised as a duplicate.
 *
 * @param trialId unique within the store, stable across restarts (e.g. {@code "3/t07"}: sweep 3, trial 7)
 * @param attempt 1 for the first attempt
 * @param spec    the complete spec this attempt runs (the sweep's parameters and the rung's epochs applied)
 */
public record TrialAttempt(String trialId, int attempt, ExperimentSpec spec) {

    public TrialAttempt {
        Objects.requireNonNull(trialId, "trialId");
        Objects.requireNonNull(spec, "spec");
        if (attempt < 1) {
            throw new IllegalArgumentException("attempt must be at least 1, was " + attempt);
        }
    }
}
