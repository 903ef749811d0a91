package dev.verdant.sweep;

/** Why a sweep ended. Stored as its label in {@code sweeps.stop_reason} (null for {@link #COMPLETED}). */
public enum SweepStop {
    /** Every planned trial ran. */
    COMPLETED("completed", "every planned trial ran"),
    /** The joule budget was spent. */
    BUDGET_JOULES("budget-joules", "the joule budget was spent"),
    /** The trial budget was used up. */
    BUDGET_TRIALS("budget-trials", "the trial budget was used up"),
    /** The time budget ran out. */
    BUDGET_SECONDS("budget-seconds", "the time budget ran out"),
    /** A trial reached the target accuracy (stopAtTarget). */
    TARGET("target", "a trial reached the target accuracy"),
    /** The user stopped it. */
    CANCELLED("cancelled", "it was stopped by the user"),
    /** An error stopped it. */
    FAILED("failed", "an error stopped it");

    private final String label;
    private final String sentence;

    SweepStop(String label, String sentence) {
        this.label = label;
        this.sentence = sentence;
    }

    /** The stored spelling, e.g. {@code budget-joules}. */
    public String label() {
        return label;
    }

    /** Why it ended, as the end of a sentence ("The sweep stopped: the joule budget was spent"). */
    public String sentence() {
        return sentence;
    }

    /** The constant spelled {@code label}; null for null. */
    public static SweepStop of(String label) {
        if (label == null) {
            return null;
        }
        for (SweepStop s : values()) {
            if (s.label.equals(label)) {
                return s;
            }
        }
        throw new IllegalArgumentException("'" + label + "' is not a sweep stop reason");
    }
}
