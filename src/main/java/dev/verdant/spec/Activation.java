package dev.verdant.spec;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.List;

/**
 * The hidden-layer activation function. Written in specs and results as its label (the contract), which {@link
 * #toString()} also returns, so messages read as the user wrote them.
 */
public enum Activation implements Labelled {
    RELU("relu"),
    TANH("tanh"),
    SIGMOID("sigmoid"),
    GELU("gelu");

    private final String label;

    Activation(String label) {
        this.label = label;
    }

    /** The spec's spelling, e.g. {@code relu}. */
    @JsonValue
    @Override
    public String label() {
        return label;
    }

    /** Every label, in declaration order (for messages and choice lists). */
    public static List<String> labels() {
        return Labelled.labels(Activation.class);
    }

    /**
     * The constant spelled {@code label}.
     *
     * @throws IllegalArgumentException naming the allowed labels when there is none
     */
    public static Activation of(String label) {
        return Labelled.of(Activation.class, label);
    }

    @Override
    public String toString() {
        return label;
    }
}
