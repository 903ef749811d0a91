package dev.verdant.spec;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Arrays;
import java.util.List;

/**
 * The normalisation layer placed after each hidden linear layer or convolution. Written in specs and results as
 * its label (the contract), which {@link #toString()} also returns, so messages read as the user wrote them.
 */
public enum Norm {
    NONE("none"),
    BATCH("batch"),
    LAYER("layer"),
    GROUP("group");

    private final String label;

    Norm(String label) {
        this.label = label;
    }

    /** The spec's spelling, e.g. {@code none}. */
    @JsonValue
    public String label() {
        return label;
    }

    /** Every label, in declaration order (for messages and choice lists). */
    public static List<String> labels() {
        return Arrays.stream(values()).map(Norm::label).toList();
    }

    /**
     * The constant spelled {@code label}.
     *
     * @throws IllegalArgumentException naming the allowed labels when there is none
     */
    public static Norm of(String label) {
        for (Norm v : values()) {
            if (v.label.equals(label)) {
                return v;
            }
        }
        throw new IllegalArgumentException("'" + label + "' is not one of " + String.join(", ", labels()));
    }

    @Override
    public String toString() {
        return label;
    }
}
