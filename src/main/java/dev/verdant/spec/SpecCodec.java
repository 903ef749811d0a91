package dev.verdant.spec;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Reads and writes {@link ExperimentSpec}s as YAML (JSON is accepted too, being YAML's subset).
 * Reading is strict: an unknown key, a wrong type or an invalid value is a {@link SpecException}
 * naming the field, so a typo never silently does nothing.
 */
public final class SpecCodec {

    private SpecCodec() {
    }

    /** Parses YAML or JSON text into a validated spec. */
    public static ExperimentSpec parse(String text) {
        if (text == null || text.isBlank()) {
            throw new SpecException("spec", "is empty: write at least 'name: my-experiment' (see 'verdant spec defaults')");
        }
        SpecText.checkLength(text);
        // a key given twice is a mistake (which one was meant?), not "the second one wins"
        return SpecValidator.requireValid(readWith(Mappers.yaml().readerFor(ExperimentSpec.class)
                .with(JsonParser.Feature.STRICT_DUPLICATE_DETECTION), r -> r.readValue(text)));
    }

    /**
     * Reads a spec from a JSON tree as the builder's form makes it, without validating it (the form shows each
     * validator problem on its field). A single value is taken where a list is expected: {@code epochs=2} is a
     * one-stage list.
     *
     * @throws SpecException naming every field that cannot be read
     */
    public static ExperimentSpec fromTree(JsonNode tree) {
        return readWith(Mappers.json().readerFor(ExperimentSpec.class)
                .with(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY), r -> r.readValue(tree));
    }

    /** One way of reading a spec with a configured reader. */
    private interface Reading {
        ExperimentSpec from(ObjectReader reader) throws IOException;
    }

    /**
     * Reads a spec, turning Jackson's errors into problems that name the field. Bad enumeration values are all
     * collected; when there are any, the validator's problems are listed with them, as one message.
     */
    private static ExperimentSpec readWith(ObjectReader reader, Reading reading) {
        ExperimentSpec spec;
        List<SpecProblem> readProblems = new ArrayList<>();
        try {
            spec = reading.from(reader.withAttribute(ReadProblems.PROBLEMS, readProblems));
        } catch (StepDeserializer.StepProblems e) {
            String step = path(e);
            List<SpecProblem> all = new ArrayList<>(readProblems); // bad choices found before this step
            e.problems().forEach(q -> all.add(new SpecProblem(q.field().isEmpty() ? step : step + "." + q.field(),
                    q.message())));
            throw new SpecException(all);
        } catch (UnrecognizedPropertyException e) {
            String known = e.getKnownPropertyIds().stream().map(Object::toString).sorted()
                    .collect(Collectors.joining(", "));
            throw new SpecException(path(e), "unknown field '" + e.getPropertyName() + "'; known fields here: " + known);
        } catch (InvalidFormatException e) {
            if (e.getTargetType() != null && e.getTargetType().isEnum()) {
                // enums print their spec labels, so the message lists exactly what the user may write
                throw new SpecException(path(e), "'" + e.getValue() + "' is not one of "
                        + java.util.Arrays.stream(e.getTargetType().getEnumConstants()).map(Object::toString)
                        .collect(Collectors.joining(", ")));
            }
            throw new SpecException(path(e), "'" + e.getValue() + "' is not a valid "
                    + simpleType(e.getTargetType()));
        } catch (MismatchedInputException e) {
            throw new SpecException(path(e), "expected " + simpleType(e.getTargetType()) + " here");
        } catch (JsonProcessingException e) {
            String original = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
            if (original.startsWith("Duplicate field")) {
                throw new SpecException(parentPath(e), "the key " + original.substring("Duplicate field ".length())
                        + " appears twice" + lineOf(e) + "; give each key once (merge the two sections)");
            }
            String where = e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr()
                    + ", column " + e.getLocation().getColumnNr() + ")";
            throw new SpecException("spec", "is not valid YAML or JSON" + where + ": " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new SpecException("spec", "cannot be read: " + e.getMessage());
        }
        if (spec == null) {
            throw new SpecException("spec", "is empty");
        }
        if (!readProblems.isEmpty()) {
            List<SpecProblem> all = new ArrayList<>(readProblems);
            all.addAll(SpecValidator.problems(spec));
            throw new SpecException(all);
        }
        return spec;
    }

    /**
     * Reads and validates a spec file; the error names the file when it cannot be read, is too large, or is not
     * UTF-8 text (see {@link SpecText}).
     */
    public static ExperimentSpec read(Path file) {
        return parse(SpecText.read(file));
    }

    /** The spec as YAML; {@code parse(toYaml(s))} equals {@code s}. */
    public static String toYaml(ExperimentSpec spec) {
        try {
            return Mappers.yaml().writeValueAsString(spec);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a spec record always serialises", e);
        }
    }

    /** The spec as indented JSON. */
    public static String toJson(ExperimentSpec spec) {
        try {
            return Mappers.json().writeValueAsString(spec);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a spec record always serialises", e);
        }
    }

    private static String lineOf(JsonProcessingException e) {
        return e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")";
    }

    /** The section holding the parser's current key, e.g. {@code training}, or {@code spec} at the top. */
    private static String parentPath(JsonProcessingException e) {
        Object processor = e.getProcessor();
        if (!(processor instanceof JsonParser p)) {
            return "spec";
        }
        java.util.Deque<String> names = new java.util.ArrayDeque<>();
        for (com.fasterxml.jackson.core.JsonStreamContext c = p.getParsingContext().getParent(); c != null
                && !c.inRoot(); c = c.getParent()) {
            if (c.inObject() && c.getCurrentName() != null) {
                names.push(c.getCurrentName());
            } else if (c.inArray()) {
                names.push("[" + c.getCurrentIndex() + "]");
            }
        }
        String joined = String.join(".", names).replace(".[", "[");
        return joined.isEmpty() ? "spec" : joined;
    }

    private static String path(JsonMappingException e) {
        String p = e.getPath().stream()
                .map(r -> r.getFieldName() != null ? "." + r.getFieldName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining());
        return p.startsWith(".") ? p.substring(1) : (p.isEmpty() ? "spec" : p);
    }

    private static String simpleType(Class<?> type) {
        if (type == null) {
            return "value";
        }
        if (Number.class.isAssignableFrom(type) || type.isPrimitive()) {
            return type == Integer.class || type == Long.class || type == int.class || type == long.class
                    ? "whole number" : "number";
        }
        if (type == String.class) {
            return "text";
        }
        if (type == Boolean.class) {
            return "true/false";
        }
        if (java.util.List.class.isAssignableFrom(type)) {
            return "list";
        }
        return "section of fields (" + type.getSimpleName() + ")";
    }
}
