package dev.verdant.result;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Arrays;
import java.util.Locale;

/**
 * The phases a run's time and energy are split into. Serialised (JSON, SQLite, power samples) as the lower-case
 * label, e.g. {@code train}: the strings the result JSON has always carried.
 */
public enum Phase {
    /** Forward and backward passes over the training batches. */
    TRAIN,
    /** Validation after an epoch, and the final evaluation. */
    EVAL,
    /** Compression steps, their fine-tuning included. */
    COMPRESS,
    /** Measured inference (latency and energy per 1000 samples). */
    INFERENCE,
    /** Active learning: scoring the unlabelled pool to choose the next samples to label. */
    QUERY;

    private final String label = name().toLowerCase(Locale.ROOT);

    /** The serialised form, e.g. {@code train}. */
    @JsonValue
    public String label() {
        return label;
    }

    /** The phase with {@code label}; throws {@link IllegalArgumentException} naming the known labels otherwise. */
    @JsonCreator
    public static Phase fromLabel(String label) {
        for (Phase p : values()) {
            if (p.label.equals(label)) {
                return p;
            }
        }
        throw new IllegalArgumentException("unknown phase '" + label + "'; phases are "
                + Arrays.stream(values()).map(Phase::label).toList());
    }

    @Override
    public String toString() {
        return label;
    }
}
