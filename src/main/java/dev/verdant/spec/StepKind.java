package dev.verdant.spec;

import java.util.Arrays;
import java.util.List;

/**
 * The kinds of compression step, one per record of {@link CompressionStepSpec}. A spec selects a kind by its
 * {@code type} string and, for {@code prune}, its {@code method} string (both the contract, unchanged); each kind
 * takes a fixed set of fields, and a field of another kind is an error naming it.
 */
public enum StepKind {
    /** Unstructured magnitude pruning (Han et al. 2015). */
    MAGNITUDE_PRUNE("prune", "magnitude", List.of("method", "scope", "sparsity", "schedule", "steps", "fineTuneEpochs")),
    /** L1-norm structured pruning of filters and neurons (Li et al. 2017). */
    STRUCTURED_PRUNE("prune", "l1-structured", List.of("method", "ratio", "fineTuneEpochs")),
    /** Truncated-SVD factorisation of linear layers and convolutions. */
    LOW_RANK("lowrank", null, List.of("rank", "energy", "fineTuneEpochs")),
    /** Post-training symmetric quantisation. */
    QUANTIZE("quantize", null, List.of("bits", "granularity", "calibrationBatches")),
    /** Knowledge distillation into a student (Hinton et al. 2015). */
    DISTILL("distill", null, List.of("teacher", "student", "temperature", "alpha", "epochs"));

    /** The {@code type} strings a step may have, in the order the documentation lists them. */
    public static final List<String> TYPES = List.of("prune", "lowrank", "quantize", "distill");
    /** The {@code method} strings of a {@code prune} step; the first is the default. */
    public static final List<String> PRUNE_METHODS = List.of("magnitude", "l1-structured");

    /** Every field any kind takes besides {@code type}, in the documented order (the order they are written). */
    static final List<String> DECLARED = List.of("method", "scope", "sparsity", "schedule", "steps",
            "fineTuneEpochs", "ratio", "rank", "energy", "bits", "granularity", "calibrationBatches", "teacher",
            "student", "temperature", "alpha", "epochs");

    private final String type;
    private final String method;
    private final List<String> fields;

    StepKind(String type, String method, List<String> fields) {
        this.type = type;
        this.method = method;
        this.fields = fields;
    }

    /** The step's {@code type} string, e.g. {@code prune}. */
    public String type() {
        return type;
    }

    /** The {@code method} string of a prune kind; null for the other kinds. */
    public String method() {
        return method;
    }

    /** The fields this kind takes besides {@code type}, in the order they are written. */
    public List<String> fields() {
        return fields;
    }

    /** The name messages use: the type, followed by the method for prune kinds, e.g. {@code prune magnitude}. */
    public String title() {
        return method == null ? type : type + " " + method;
    }

    /** Every field any kind takes, with {@code type}, sorted: the fields an unknown key is compared with. */
    public static List<String> allFields() {
        return java.util.stream.Stream.concat(java.util.stream.Stream.of("type"),
                Arrays.stream(values()).flatMap(k -> k.fields.stream())).distinct().sorted().toList();
    }

    /**
     * The kind {@code type} (and, for {@code prune}, {@code method}; null means the default) selects.
     *
     * @throws IllegalArgumentException when there is none; the message names the allowed values
     */
    public static StepKind of(String type, String method) {
        if (!TYPES.contains(type)) {
            throw new IllegalArgumentException("'" + type + "' is not one of " + String.join(", ", TYPES));
        }
        String m = "prune".equals(type) && method == null ? PRUNE_METHODS.get(0) : method;
        for (StepKind k : values()) {
            if (k.type.equals(type) && (k.method == null || k.method.equals(m))) {
                return k;
            }
        }
        throw new IllegalArgumentException("'" + method + "' is not one of " + String.join(", ", PRUNE_METHODS));
    }

    @Override
    public String toString() {
        return title();
    }
}
