package dev.verdant.spec;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.List;

/**
 * A network architecture a spec can name: {@code mlp}, {@code lenet5} (LeCun et al. 1998), {@code dscnn}
 * (depthwise-separable, MobileNet-style) or {@code resnet} (CIFAR-style basic blocks). Written in specs and
 * results as its label (the contract), which {@link #toString()} also returns, so messages read as the user wrote
 * them.
 */
public enum Architecture implements Labelled {
    MLP("mlp"),
    LENET5("lenet5"),
    DSCNN("dscnn"),
    RESNET("resnet");

    private final String label;

    Architecture(String label) {
        this.label = label;
    }

    /** The spec's spelling, e.g. {@code mlp}. */
    @JsonValue
    @Override
    public String label() {
        return label;
    }

    /** Every label, in declaration order (for messages and choice lists). */
    public static List<String> labels() {
        return Labelled.labels(Architecture.class);
    }

    /**
     * The constant spelled {@code label}.
     *
     * @throws IllegalArgumentException naming the allowed labels when there is none
     */
    public static Architecture of(String label) {
        return Labelled.of(Architecture.class, label);
    }

    @Override
    public String toString() {
        return label;
    }
}
