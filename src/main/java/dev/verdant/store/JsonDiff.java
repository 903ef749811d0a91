package dev.verdant.store;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Differences between JSON trees as dotted paths to leaves. A list of plain values (e.g. hidden layer sizes)
 * is one leaf, {@code [128, 64]}, because "hidden[1]: 64 vs 32" reads worse than the two lists side by side.
 */
final class JsonDiff {

    private JsonDiff() {
    }

    /** Every leaf of the tree: path to value as text ({@code null} for JSON null). */
    static Map<String, String> flatten(JsonNode node) {
        Map<String, String> out = new LinkedHashMap<>();
        flatten("", node, out);
        return out;
    }

    /** Paths whose values are not all equal across the trees, in first-seen order, with each tree's value. */
    static Map<String, List<String>> differences(List<JsonNode> trees) {
        List<Map<String, String>> flat = trees.stream().map(JsonDiff::flatten).toList();
        Set<String> paths = new LinkedHashSet<>();
        flat.forEach(f -> paths.addAll(f.keySet()));
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (String path : paths) {
            List<String> values = new ArrayList<>();
            flat.forEach(f -> values.add(f.get(path)));
            if (values.stream().distinct().count() > 1) {
                out.put(path, values);
            }
        }
        return out;
    }

    /** Two trees' differences as before/after pairs. */
    static List<FieldDifference> pairs(JsonNode before, JsonNode after) {
        List<FieldDifference> out = new ArrayList<>();
        differences(List.of(before, after)).forEach((path, v) -> out.add(new FieldDifference(path, v.get(0), v.get(1))));
        return out;
    }

    private static void flatten(String path, JsonNode node, Map<String, String> out) {
        if (node == null || node.isMissingNode()) {
            return;
        }
        if (node.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                flatten(path.isEmpty() ? field.getKey() : path + "." + field.getKey(), field.getValue(), out);
            }
        } else if (node.isArray() && containsContainers(node)) {
            for (int i = 0; i < node.size(); i++) {
                flatten(path + "[" + i + "]", node.get(i), out);
            }
        } else if (node.isArray()) {
            out.put(path, node.toString().replace(",", ", "));
        } else {
            out.put(path, node.isNull() ? "null" : node.asText());
        }
    }

    private static boolean containsContainers(JsonNode array) {
        for (JsonNode element : array) {
            if (element.isContainerNode()) {
                return true;
            }
        }
        return false;
    }
}
