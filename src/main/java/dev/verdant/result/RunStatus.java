package dev.verdant.result;

/** How a run ended (or that it has not yet). Serialised in lower case, e.g. {@code completed}. */
public enum RunStatus {
    /** Queued or training. */
    RUNNING,
    /** All epochs ran, or a stopping rule ended the run normally. */
    COMPLETED,
    /** The loss became NaN or infinite. */
    DIVERGED,
    /** The user cancelled it; completed epochs are kept. */
    CANCELLED,
    /** An error stopped it; the message says what. */
    FAILED,
    /** The process died while it ran (found by the store on the next start). */
    INTERRUPTED;

    @com.fasterxml.jackson.annotation.JsonValue
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    @com.fasterxml.jackson.annotation.JsonCreator
    public static RunStatus fromLabel(String label) {
        return valueOf(label.toUpperCase(java.util.Locale.ROOT));
    }
}
