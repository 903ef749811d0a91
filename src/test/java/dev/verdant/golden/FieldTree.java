package dev.verdant.golden;

import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The field names a mapper writes for a type, as a tree: the names the serialiser would use (after renames such as
 * {@code final}), recursing into our own records, lists of them and the records of a sealed family (whose names are
 * united, as a list of steps of different kinds carries all of them). Leaves are null. Read from the types rather
 * than from a sample value, so no field is missed because a sample left it null.
 */
public final class FieldTree {

    private FieldTree() {
    }

    /** The field-name tree of {@code type} as {@code mapper} serialises it. */
    public static ObjectNode of(ObjectMapper mapper, Class<?> type) {
        return tree(mapper, mapper.constructType(type), new ArrayList<>());
    }

    private static ObjectNode tree(ObjectMapper mapper, JavaType type, List<Class<?>> seen) {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        List<Class<?>> classes = new ArrayList<>();
        Class<?> raw = type.getRawClass();
        if (raw.isSealed()) {
            classes.addAll(List.of(raw.getPermittedSubclasses()));
        } else {
            classes.add(raw);
        }
        for (Class<?> c : classes) {
            BeanDescription d = mapper.getSerializationConfig().introspect(mapper.constructType(c));
            for (BeanPropertyDefinition p : d.findProperties()) {
                if (!p.couldSerialize()) {
                    continue;
                }
                JavaType t = p.getPrimaryType();
                boolean list = t.isCollectionLikeType() || t.isArrayType();
                JavaType element = list ? t.getContentType() : t;
                JsonNode child = JsonNodeFactory.instance.nullNode();
                if (ours(element.getRawClass()) && !seen.contains(element.getRawClass())) {
                    List<Class<?>> deeper = new ArrayList<>(seen);
                    deeper.add(element.getRawClass());
                    child = tree(mapper, element, deeper);
                }
                if (list) {
                    child = JsonNodeFactory.instance.arrayNode().add(child);
                }
                JsonNode before = out.get(p.getName());
                out.set(p.getName(), before instanceof ObjectNode b && child instanceof ObjectNode n ? merge(b, n)
                        : child);
            }
        }
        return out;
    }

    private static boolean ours(Class<?> c) {
        return c.getName().startsWith("dev.verdant.") && !c.isEnum() && (c.isRecord() || c.isSealed());
    }

    private static ObjectNode merge(ObjectNode a, ObjectNode b) {
        ObjectNode m = a.deepCopy();
        b.properties().forEach(e -> m.set(e.getKey(), e.getValue()));
        return m;
    }

    /** Every path of a tree, e.g. {@code final.accuracy} or {@code spec.compression[].type}, sorted. */
    public static TreeSet<String> paths(JsonNode tree) {
        TreeSet<String> out = new TreeSet<>();
        walk("", tree, out);
        return out;
    }

    private static void walk(String at, JsonNode node, TreeSet<String> out) {
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                String p = at.isEmpty() ? e.getKey() : at + "." + e.getKey();
                out.add(p);
                walk(p, e.getValue(), out);
            }
        } else if (node.isArray()) {
            for (JsonNode item : node) {
                walk(at + "[]", item, out);
            }
        }
    }
}
