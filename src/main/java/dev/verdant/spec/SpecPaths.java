package dev.verdant.spec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Sets a spec's fields by their dotted paths ({@code training.learningRate}, {@code model.hidden},
 * {@code compression[0].sparsity}), as sweeps do. The spec is written to a JSON tree, the value put at the path,
 * and the tree read back strictly, so an unknown path or a value of the wrong type is an error naming the path,
 * exactly as in a spec file. The result is not validated: callers run {@link SpecValidator} on it.
 */
public final class SpecPaths {

    private SpecPaths() {
    }

    /** The spec with each path set to its value, in order. */
    public static ExperimentSpec apply(ExperimentSpec spec, Map<String, JsonNode> values) {
        ObjectNode tree = Mappers.json().valueToTree(spec);
        if (!tree.has("repeats")) {
            tree.put("repeats", spec.repeats()); // left out of JSON when 1, but a sweep may set it
        }
        for (Map.Entry<String, JsonNode> e : values.entrySet()) {
            put(tree, e.getKey(), e.getValue());
        }
        return SpecCodec.fromTree(tree);
    }

    /** The spec with one path set. */
    public static ExperimentSpec apply(ExperimentSpec spec, String path, JsonNode value) {
        return apply(spec, Map.of(path, value));
    }

    /** The value at {@code path} in the spec, or null when the path names nothing set. */
    public static JsonNode get(ExperimentSpec spec, String path) {
        JsonNode node = Mappers.json().valueToTree(spec);
        for (String segment : segments(path)) {
            if (node == null) {
                return null;
            }
            node = segment.startsWith("[") ? node.get(Integer.parseInt(segment.substring(1, segment.length() - 1)))
                    : node.get(segment);
        }
        return node;
    }

    /** Every leaf path of a spec's tree, for messages and the sweep builder's field list. */
    public static List<String> leafPaths(ExperimentSpec spec) {
        List<String> out = new ArrayList<>();
        collect(Mappers.json().valueToTree(spec), "", out);
        if (!out.contains("repeats")) {
            out.add("repeats");
        }
        return out;
    }

    private static void collect(JsonNode node, String prefix, List<String> out) {
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                String p = prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey();
                if (e.getValue().isObject()) {
                    collect(e.getValue(), p, out);
                } else {
                    out.add(p);
                }
            }
        }
    }

    private static void put(ObjectNode root, String path, JsonNode value) {
        List<String> segments = segments(path);
        JsonNode node = root;
        for (int i = 0; i < segments.size() - 1; i++) {
            String s = segments.get(i);
            JsonNode next;
            if (s.startsWith("[")) {
                int index = index(path, s);
                if (!(node instanceof ArrayNode a) || index >= a.size()) {
                    throw new SpecException(path, "names list entry " + s + ", which the base spec does not have");
                }
                next = a.get(index);
            } else {
                if (!(node instanceof ObjectNode o)) {
                    throw new SpecException(path, "'" + s + "' is not a section of fields in the spec");
                }
                next = o.get(s);
                if (next == null || next.isNull()) {
                    next = o.putObject(s); // e.g. training.earlyStopping.patience with early stopping off
                }
            }
            node = next;
        }
        String last = segments.get(segments.size() - 1);
        if (last.startsWith("[")) {
            int index = index(path, last);
            if (!(node instanceof ArrayNode a) || index >= a.size()) {
                throw new SpecException(path, "names list entry " + last + ", which the base spec does not have");
            }
            a.set(index, value);
        } else if (node instanceof ObjectNode o) {
            o.set(last, value);
        } else {
            throw new SpecException(path, "does not name a field of the spec");
        }
    }

    private static int index(String path, String segment) {
        try {
            return Integer.parseInt(segment.substring(1, segment.length() - 1));
        } catch (NumberFormatException e) {
            throw new SpecException(path, "'" + segment + "' is not a list index such as [0]");
        }
    }

    /** {@code compression[0].sparsity} -> compression, [0], sparsity. */
    static List<String> segments(String path) {
        if (path == null || path.isBlank() || !path.matches("[A-Za-z][A-Za-z0-9]*(\\[[0-9]+]|\\.[A-Za-z][A-Za-z0-9]*)*")) {
            throw new SpecException(String.valueOf(path), "is not a spec path such as training.learningRate or "
                    + "model.hidden");
        }
        List<String> out = new ArrayList<>();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("[A-Za-z][A-Za-z0-9]*|\\[[0-9]+]").matcher(path);
        while (m.find()) {
            out.add(m.group());
        }
        return out;
    }
}
