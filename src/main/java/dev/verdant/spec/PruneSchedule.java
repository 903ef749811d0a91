package dev.verdant.spec;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.List;

/**
 * When magnitude pruning removes weights: at once ({@code oneshot}) or on the cubic schedule of Zhu &amp; Gupta
 * 2017 ({@code gradual}). Written in specs and results as its label (the contract), which {@link #toString()} also
 * returns, so messages read as the user wrote them.
 */
public enum PruneSchedule implements Labelled {
    ONESHOT("oneshot"),
    GRADUAL("gradual");

    private final String label;

    PruneSchedule(String label) {
        this.label = label;
    }

    /** The spec's spelling, e.g. {@code oneshot}. */
    @JsonValue
    @Override
    public String label() {
        return label;
    }

    /** Every label, in declaration order (for messages and choice lists). */
    public static List<String> labels() {
        return Labelled.labels(PruneSchedule.class);
    }

    /**
     * The constant spelled {@code label}.
     *
     * @throws IllegalArgumentException naming the allowed labels when there is none
     */
    public static PruneSchedule of(String label) {
        return Labelled.of(PruneSchedule.class, label);
    }

    @Override
    public String toString() {
        return label;
    }
}
