package dev.verdant.store;

import java.util.Locale;

/** Where a sweep stands. Stored in lower case. */
public enum SweepStatus {
    /** Trials are being run (or the sweep's process died and it has not been looked at since). */
    RUNNING,
    /** Every planned trial ran. */
    COMPLETED,
    /** A budget, the target or the user stopped it; {@code stop_reason} says which. */
    STOPPED,
    /** An error stopped it. */
    FAILED,
    /** Its process died; {@code verdant sweep --resume ID} goes on from the trials that finished. */
    INTERRUPTED;

    /** The stored spelling. */
    @com.fasterxml.jackson.annotation.JsonValue
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The constant spelled {@code label}. */
    @com.fasterxml.jackson.annotation.JsonCreator
    public static SweepStatus of(String label) {
        return valueOf(label.toUpperCase(Locale.ROOT));
    }
}
