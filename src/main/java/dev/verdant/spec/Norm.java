package dev.verdant.spec;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.List;

/**
 * The normalisation layer placed after each hidden linear layer or convolution. Written in specs and results as
 * its label (the contract), which {@link #toString()} also returns, so messages read as the user wrote them.
 */
public enum Norm implements Labelled {
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
    @Override
    public String label() {
        return label;
    }

    /** Every label, in declaration order (for messages and choice lists). */
    public static List<String> labels() {
        return Labelled.labels(Norm.class);
    }

    /**
     * The constant spelled {@code label}.
     *
     * @throws IllegalArgumentException naming the allowed labels when there is none
     */
    public static Norm of(String label) {
        return Labelled.of(Norm.class, label);
    }

    @Override
    public String toString() {
        return label;
    }
}
