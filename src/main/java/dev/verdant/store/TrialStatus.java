package dev.verdant.store;

import java.util.Locale;

/** Where one trial attempt of a sweep stands. Stored and written in lower case, e.g. {@code pruned}. */
public enum TrialStatus {
    /** Planned, not yet handed to a runner. */
    PENDING,
    /** Handed to a runner (this process or a worker). */
    RUNNING,
    /** Its run finished; its figures count (a completed trial that is not promoted becomes {@link #PRUNED}). */
    COMPLETED,
    /** Stopped at its rung: not promoted, or forecast not to reach the target in budget. Its record is kept. */
    PRUNED,
    /** Its runner died or the sweep was killed; the trial runs again as the next attempt. */
    INTERRUPTED,
    /** Its run failed (an error, a lost worker without retry). */
    FAILED,
    /** Stopped because the sweep stopped (budget, target, the user). */
    CANCELLED;

    /** The stored spelling. */
    @com.fasterxml.jackson.annotation.JsonValue
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The constant spelled {@code label}. */
    @com.fasterxml.jackson.annotation.JsonCreator
    public static TrialStatus of(String label) {
        return valueOf(label.toUpperCase(Locale.ROOT));
    }

    /** True while the attempt's result has not been committed. */
    public boolean isOpen() {
        return this == PENDING || this == RUNNING;
    }

    /** True when the attempt's figures stand (completed or pruned after completing). */
    public boolean hasResult() {
        return this == COMPLETED || this == PRUNED;
    }
}
