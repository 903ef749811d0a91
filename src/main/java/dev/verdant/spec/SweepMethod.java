package dev.verdant.spec;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.List;

/** How a sweep picks and runs its trials. Written in sweep files as its label. */
public enum SweepMethod implements Labelled {
    /** Every combination of the parameters' values, each trained for the base spec's epochs. */
    GRID("grid"),
    /** {@code trials} random draws from the parameters' values and ranges, each trained fully. */
    RANDOM("random"),
    /** Successive halving: all trials at a small budget, the best 1/eta promoted to eta times more, and so on. */
    HALVING("halving"),
    /** Hyperband: several successive-halving brackets trading the number of trials against the starting budget. */
    HYPERBAND("hyperband");

    private final String label;

    SweepMethod(String label) {
        this.label = label;
    }

    @JsonValue
    @Override
    public String label() {
        return label;
    }

    /** Every label, in declaration order. */
    public static List<String> labels() {
        return Labelled.labels(SweepMethod.class);
    }

    /** The constant spelled {@code label}; unknown labels are an error naming the allowed ones. */
    public static SweepMethod of(String label) {
        return Labelled.of(SweepMethod.class, label);
    }

    /** True for the methods that stop trials early at rungs. */
    public boolean usesRungs() {
        return this == HALVING || this == HYPERBAND;
    }

    @Override
    public String toString() {
        return label;
    }
}
