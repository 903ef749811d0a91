package dev.verdant.spec;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.List;

/**
 * How magnitude pruning ranks weights: per {@code layer}, or all weights together ({@code global}). Written in
 * specs and results as its label (the contract), which {@link #toString()} also returns, so messages read as the
 * user wrote them.
 */
public enum PruneScope implements Labelled {
    LAYER("layer"),
    GLOBAL("global");

    private final String label;

    PruneScope(String label) {
        this.label = label;
    }

    /** The spec's spelling, e.g. {@code layer}. */
    @JsonValue
    @Override
    public String label() {
        return label;
    }

    /** Every label, in declaration order (for messages and choice lists). */
    public static List<String> labels() {
        return Labelled.labels(PruneScope.class);
    }

    /**
     * The constant spelled {@code label}.
     *
     * @throws IllegalArgumentException naming the allowed labels when there is none
     */
    public static PruneScope of(String label) {
        return Labelled.of(PruneScope.class, label);
    }

    @Override
    public String toString() {
        return label;
    }
}
