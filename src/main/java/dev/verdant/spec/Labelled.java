package dev.verdant.spec;

import java.util.Arrays;
import java.util.List;

/**
 * A closed vocabulary whose constants are spelled in specs and result JSON by a label (e.g. {@code l1-structured}),
 * not by their Java name. The static helpers give every such enum the same lookup and the same error message.
 */
public interface Labelled {

    /** The spelling in YAML, JSON and messages. */
    String label();

    /** Every label of {@code type}, in declaration order (for messages and choice lists). */
    static <E extends Enum<E> & Labelled> List<String> labels(Class<E> type) {
        return Arrays.stream(type.getEnumConstants()).map(Labelled::label).toList();
    }

    /**
     * The constant of {@code type} spelled {@code label}.
     *
     * @throws IllegalArgumentException naming the allowed labels when there is none
     */
    static <E extends Enum<E> & Labelled> E of(Class<E> type, String label) {
        for (E v : type.getEnumConstants()) {
            if (v.label().equals(label)) {
                return v;
            }
        }
        throw new IllegalArgumentException("'" + label + "' is not one of " + String.join(", ", labels(type)));
    }
}
