package dev.verdant.spec;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.List;

/**
 * Whether quantisation scales are one per tensor ({@code per-tensor}) or one per output channel ({@code per-
 * channel}). Written in specs and results as its label (the contract), which {@link #toString()} also returns, so
 * messages read as the user wrote them.
 */
public enum Granularity implements Labelled {
    PER_TENSOR("per-tensor"),
    PER_CHANNEL("per-channel");

    private final String label;

    Granularity(String label) {
        this.label = label;
    }

    /** The spec's spelling, e.g. {@code per-tensor}. */
    @JsonValue
    @Override
    public String label() {
        return label;
    }

    /** Every label, in declaration order (for messages and choice lists). */
    public static List<String> labels() {
        return Labelled.labels(Granularity.class);
    }

    /**
     * The constant spelled {@code label}.
     *
     * @throws IllegalArgumentException naming the allowed labels when there is none
     */
    public static Granularity of(String label) {
        return Labelled.of(Granularity.class, label);
    }

    @Override
    public String toString() {
        return label;
    }
}
