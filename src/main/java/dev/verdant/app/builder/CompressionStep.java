package dev.verdant.app.builder;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * One step of the compression pipeline as the builder edits it: a type and its parameters as text. Kept generic
 * (a map) so the builder works before and after the spec grows its typed compression section.
 *
 * @param type       e.g. {@code prune}, {@code low-rank}, {@code quantize}, {@code distill}
 * @param parameters parameter name to value, in the order the user gave them
 */
public record CompressionStep(String type, Map<String, String> parameters) {

    /** Step types offered in the editor; the spec's validator has the final word. */
    public static final java.util.List<String> TYPES = java.util.List.of("prune", "low-rank", "quantize", "distill");

    public CompressionStep {
        parameters = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
    }

    /** Parses {@code "sparsity=0.5, finetuneEpochs=1"}; blank text means no parameters. */
    public static CompressionStep parse(String type, String parameterText) {
        Map<String, String> params = new LinkedHashMap<>();
        if (parameterText != null) {
            for (String part : parameterText.split("[,;]")) {
                if (part.isBlank()) {
                    continue;
                }
                int eq = part.indexOf('=');
                if (eq <= 0) {
                    throw new IllegalArgumentException("'" + part.trim() + "' is not name=value");
                }
                params.put(part.substring(0, eq).trim(), part.substring(eq + 1).trim());
            }
        }
        return new CompressionStep(type, params);
    }

    /** The parameters as the editor shows them. */
    public String parameterText() {
        return parameters.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(", "));
    }

    @Override
    public String toString() {
        return parameters.isEmpty() ? type : type + " (" + parameterText() + ")";
    }
}
