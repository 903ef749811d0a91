package dev.verdant.spec;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.List;

/**
 * The attention of {@code vit-tiny}: {@code softmax} (Vaswani et al. 2017; cost quadratic in the number of patches) or
 * {@code linear} (Katharopoulos et al. 2020; feature map elu + 1, cost linear in the number of patches). Written in
 * specs as its label.
 */
public enum AttentionKind implements Labelled {
    SOFTMAX("softmax"),
    LINEAR("linear");

    private final String label;

    AttentionKind(String label) {
        this.label = label;
    }

    /** The spec's spelling, e.g. {@code softmax}. */
    @JsonValue
    @Override
    public String label() {
        return label;
    }

    /** Every label, in declaration order. */
    public static List<String> labels() {
        return Labelled.labels(AttentionKind.class);
    }

    /**
     * The constant spelled {@code label}.
     *
     * @throws IllegalArgumentException naming the allowed labels when there is none
     */
    public static AttentionKind of(String label) {
        return Labelled.of(AttentionKind.class, label);
    }

    @Override
    public String toString() {
        return label;
    }
}
