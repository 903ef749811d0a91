package dev.verdant.spec;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Reads and writes sweep files: YAML (or JSON) with one top-level key {@code sweep}. Reading is strict and
 * validates everything before a trial runs: the base spec (read from its file, relative to the sweep file, or
 * inline), every parameter path and value (see {@link SweepValidator}). The spec read has its base inlined.
 */
public final class SweepCodec {

    private SweepCodec() {
    }

    /** Reads and validates a sweep file. */
    public static SweepSpec read(Path file) {
        Path abs = file.toAbsolutePath();
        return parse(SpecText.read(abs), abs.getParent());
    }

    /**
     * Parses and validates sweep text; a base given as a file is read relative to {@code dir} (null: the working
     * folder).
     */
    public static SweepSpec parse(String text, Path dir) {
        if (text == null || text.isBlank()) {
            throw new SpecException("sweep", "is empty: write at least 'sweep:' with a base and parameters "
                    + "(see docs/sweeps.md)");
        }
        SpecText.checkLength(text);
        JsonNode root;
        try {
            root = Mappers.yaml().reader().with(JsonParser.Feature.STRICT_DUPLICATE_DETECTION).readTree(text);
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + ")";
            throw new SpecException("sweep", "is not valid YAML or JSON" + where + ": " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject() || !root.has("sweep") || root.size() != 1) {
            throw new SpecException("sweep", "a sweep file has one top-level key, 'sweep:', holding name, base, "
                    + "parameters, method, ... (see docs/sweeps.md)");
        }
        JsonNode node = root.get("sweep");
        if (!node.isObject()) {
            throw new SpecException("sweep", "expected a section of fields (name, base, parameters, ...) here");
        }
        ObjectNode body = ((ObjectNode) node).deepCopy();
        JsonNode baseNode = body.remove("base");
        SweepSpec spec = readBody(body);
        return SweepValidator.requireValid(spec.withBase(readBase(baseNode, dir)));
    }

    /** A stored sweep (its base inlined, as {@link #toJson} wrote it), validated again. */
    public static SweepSpec fromStored(String json) {
        return parse(json, null);
    }

    /** The sweep file's text (base inlined when it has been read). */
    public static String toYaml(SweepSpec spec) {
        try {
            return Mappers.yaml().writeValueAsString(Map.of("sweep", spec));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a sweep record always serialises", e);
        }
    }

    /** The sweep as indented JSON, as the store keeps it. */
    public static String toJson(SweepSpec spec) {
        try {
            return Mappers.json().writeValueAsString(Map.of("sweep", spec));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a sweep record always serialises", e);
        }
    }

    /** An inline base written in a stored sweep, read strictly (validated with the sweep). */
    static ExperimentSpec baseFromTree(JsonNode node) {
        return SpecCodec.fromTree(node);
    }

    private static SweepBase readBase(JsonNode baseNode, Path dir) {
        if (baseNode == null || baseNode.isNull()) {
            throw new SpecException("sweep.base", "is missing: give a spec file (base: assets/presets/quickstart.yaml)"
                    + " or a spec inline (base: { dataset: ..., model: ... })");
        }
        if (baseNode.isTextual()) {
            String file = baseNode.asText();
            Path path = dir == null ? Path.of(file) : dir.resolve(file);
            try {
                return new SweepBase(file, SpecCodec.read(path));
            } catch (SpecException e) {
                throw prefixed("sweep.base", e, " (in " + path.toAbsolutePath().normalize() + ")");
            }
        }
        if (baseNode.isObject()) {
            try {
                return SweepBase.inline(SpecCodec.parse(Mappers.json().writeValueAsString(baseNode)));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("a tree always serialises", e);
            } catch (SpecException e) {
                throw prefixed("sweep.base", e, "");
            }
        }
        throw new SpecException("sweep.base", "expected a spec file's path or an inline spec section here");
    }

    private static SpecException prefixed(String prefix, SpecException e, String suffix) {
        List<SpecProblem> out = new ArrayList<>();
        for (SpecProblem p : e.problems()) {
            String field = "spec".equals(p.field()) ? prefix : prefix + "." + p.field();
            out.add(new SpecProblem(field, p.message() + suffix));
        }
        return new SpecException(out);
    }

    private static SweepSpec readBody(ObjectNode body) {
        List<SpecProblem> readProblems = new ArrayList<>();
        try {
            SweepSpec spec = Mappers.json().readerFor(SweepSpec.class)
                    .withAttribute(ReadProblems.PROBLEMS, readProblems).readValue(body);
            if (!readProblems.isEmpty()) {
                throw new SpecException(readProblems.stream()
                        .map(p -> new SpecProblem("sweep." + p.field(), p.message())).toList());
            }
            return spec;
        } catch (UnrecognizedPropertyException e) {
            String known = e.getKnownPropertyIds().stream().map(Object::toString).sorted()
                    .collect(Collectors.joining(", "));
            throw new SpecException(path(e), "unknown field '" + e.getPropertyName() + "'; known fields here: "
                    + known);
        } catch (InvalidFormatException e) {
            if (e.getTargetType() != null && e.getTargetType().isEnum()) {
                throw new SpecException(path(e), "'" + e.getValue() + "' is not one of "
                        + java.util.Arrays.stream(e.getTargetType().getEnumConstants()).map(Object::toString)
                        .collect(Collectors.joining(", ")));
            }
            throw new SpecException(path(e), "'" + e.getValue() + "' is not a valid value here");
        } catch (MismatchedInputException e) {
            throw new SpecException(path(e), "expected " + expected(e.getTargetType()) + " here");
        } catch (IOException e) {
            throw new SpecException("sweep", "cannot be read: " + e.getMessage());
        }
    }

    private static String expected(Class<?> type) {
        if (type == null) {
            return "a value";
        }
        if (type == Integer.class || type == Long.class || type == int.class || type == long.class) {
            return "a whole number";
        }
        if (Number.class.isAssignableFrom(type) || type == double.class) {
            return "a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == String.class) {
            return "a text";
        }
        if (List.class.isAssignableFrom(type)) {
            return "a list";
        }
        return "a section of fields";
    }

    private static String path(JsonMappingException e) {
        String p = e.getPath().stream()
                .map(r -> r.getFieldName() != null ? "." + r.getFieldName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining());
        return "sweep" + p;
    }
}
