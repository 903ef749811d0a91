package dev.verdant.app.builder;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * One step of an ordered pipeline as the builder edits it - a compression step or a progressive-training strategy:
 * its type and its parameters as text. Kept generic (a map) so the editor needs no change when a step type gains a
 * parameter; the spec's validator checks the values.
 *
 * @param type       e.g. {@code prune}, {@code lowrank}, {@code resize}, {@code freeze}
 * @param parameters parameter name to value text, in the order the user gave them; lists as {@code 2, 3, 5}
 */
public record PipelineStep(String type, Map<String, String> parameters) {

    /** Splits before each {@code name=}, so list values may contain commas: {@code epochs=2,3; rate=0.1}. */
    private static final Pattern SPLIT = Pattern.compile("[;,]\\s*(?=[A-Za-z][A-Za-z0-9]*\\s*=)");
    private static final Pattern INT = Pattern.compile("-?\\d+");
    private static final Pattern INT_LIST = Pattern.compile("\\[?\\s*-?\\d+(\\s*[,\\s]\\s*-?\\d+)*\\s*]?");

    public PipelineStep {
        parameters = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
    }

    /** Parses {@code "sparsity=0.5; fineTuneEpochs=1"} or {@code "epochs=2,3; resolutions=14,28"}. */
    public static PipelineStep parse(String type, String parameterText) {
        if (type == null || type.isBlank()) {
            throw new IllegalArgumentException("choose a type");
        }
        Map<String, String> params = new LinkedHashMap<>();
        if (parameterText != null && !parameterText.isBlank()) {
            for (String part : SPLIT.split(parameterText.trim())) {
                int eq = part.indexOf('=');
                if (eq <= 0) {
                    throw new IllegalArgumentException("'" + part.trim() + "' is not name=value");
                }
                params.put(part.substring(0, eq).trim(), part.substring(eq + 1).trim().replaceAll("[;,]\\s*$", ""));
            }
        }
        return new PipelineStep(type.trim(), params);
    }

    /** The parameters as the editor shows them. */
    public String parameterText() {
        return parameters.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining("; "));
    }

    /** The step as the spec's JSON: whole numbers, numbers and lists of whole numbers typed, the rest text. */
    public ObjectNode toJson() {
        JsonNodeFactory n = JsonNodeFactory.instance;
        ObjectNode o = n.objectNode();
        o.put("type", type);
        parameters.forEach((k, v) -> {
            // "student.arch" and the like are the fields of the distill step's student model section
            int dot = k.indexOf('.');
            ObjectNode target = dot > 0 ? o.with(k.substring(0, dot)) : o;
            put(target, dot > 0 ? k.substring(dot + 1) : k, v);
        });
        return o;
    }

    private static void put(ObjectNode o, String k, String v) {
        if (INT.matcher(v).matches()) {
            o.put(k, Long.parseLong(v));
        } else if (INT_LIST.matcher(v).matches()) {
            ArrayNode a = o.putArray(k);
            for (String part : v.replaceAll("[\\[\\]]", "").trim().split("[,\\s]+")) {
                a.add(Long.parseLong(part));
            }
        } else {
            try {
                o.put(k, Double.parseDouble(v));
            } catch (NumberFormatException e) {
                o.put(k, v);
            }
        }
    }

    /** A step read from the spec's JSON; null fields (defaults) are left out. */
    public static PipelineStep fromJson(JsonNode step) {
        Map<String, String> params = new LinkedHashMap<>();
        step.fields().forEachRemaining(e -> {
            JsonNode v = e.getValue();
            if (e.getKey().equals("type") || v.isNull() || (v.isArray() && v.isEmpty())) {
                return;
            }
            if (v.isObject()) { // the distill student: one "student.<field>" setting per field the form edits
                v.fields().forEachRemaining(f -> {
                    JsonNode x = f.getValue();
                    if (!x.isNull() && !(x.isArray() && x.isEmpty())) {
                        StringBuilder b = new StringBuilder();
                        if (x.isArray()) {
                            x.forEach(y -> b.append(b.length() == 0 ? "" : ",").append(y.asText()));
                        } else {
                            b.append(x.asText());
                        }
                        params.put(e.getKey() + "." + f.getKey(), b.toString());
                    }
                });
                return;
            }
            if (v.isArray()) {
                StringBuilder b = new StringBuilder();
                v.forEach(x -> b.append(b.length() == 0 ? "" : ",").append(x.asText()));
                params.put(e.getKey(), b.toString());
            } else {
                params.put(e.getKey(), v.asText());
            }
        });
        return new PipelineStep(step.path("type").asText(""), params);
    }

    @Override
    public String toString() {
        return parameters.isEmpty() ? type : type + " (" + parameterText() + ")";
    }
}
