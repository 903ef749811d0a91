package dev.verdant.spec;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Limits on a whole sweep; each may be left out. The sweep stops at the first it reaches and says which.
 *
 * @param joules  energy of all trials' runs together (measured or estimated, as the runs were)
 * @param trials  trial runs started (each rung of a trial counts once)
 * @param seconds wall time the sweep has been running (over all its sessions, when resumed)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SweepBudget(Double joules, Integer trials, Double seconds) {

    /** No limits. */
    public static SweepBudget none() {
        return new SweepBudget(null, null, null);
    }
}
