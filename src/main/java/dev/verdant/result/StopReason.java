package dev.verdant.result;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Arrays;

/**
 * Why training stopped. Serialised (result JSON {@code finalMetrics.stopReason}, SQLite) as its label, e.g.
 * {@code early-stopping}: the strings runs have always been stored with.
 */
public enum StopReason {
    /** Every epoch of the spec ran. */
    EPOCHS("epochs"),
    /** The validation accuracy reached the spec's target. */
    TARGET("target"),
    /** The monitored metric stopped improving for {@code patience} epochs. */
    EARLY_STOPPING("early-stopping"),
    /** The user cancelled the run. */
    CANCELLED("cancelled"),
    /** The loss became NaN or infinite. */
    DIVERGED("diverged");

    private final String label;

    StopReason(String label) {
        this.label = label;
    }

    /** The serialised form, e.g. {@code early-stopping}. */
    @JsonValue
    public String label() {
        return label;
    }

    /** The reason with {@code label}; throws {@link IllegalArgumentException} naming the known labels otherwise. */
    @JsonCreator
    public static StopReason fromLabel(String label) {
        for (StopReason r : values()) {
            if (r.label.equals(label)) {
                return r;
            }
        }
        throw new IllegalArgumentException("unknown stop reason '" + label + "'; reasons are "
                + Arrays.stream(values()).map(StopReason::label).toList());
    }

    @Override
    public String toString() {
        return label;
    }
}
