package dev.verdant.spec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
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

    private static final ObjectMapper YAML = configure(new ObjectMapper(YAMLFactory.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR)
            .build()))
            .addHandler(new ReadProblems());
    private static final ObjectMapper JSON = configure(new ObjectMapper())
            .enable(SerializationFeature.INDENT_OUTPUT);

    private SpecCodec() {
    }

    private static ObjectMapper configure(ObjectMapper mapper) {
        return mapper.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    }

    /** Parses YAML or JSON text into a validated spec. */
    public static ExperimentSpec parse(String text) {
        if (text == null || text.isBlank()) {
            throw new SpecException("spec", "is empty: write at least 'name: my-experiment' (see 'verdant spec defaults')");
        }
        ExperimentSpec spec;
        List<SpecProblem> readProblems = new ArrayList<>();
        try {
            spec = YAML.readerFor(ExperimentSpec.class).withAttribute(ReadProblems.PROBLEMS, readProblems)
                    .readValue(text);
        } catch (StepDeserializer.StepProblems e) {
            String step = path(e);
            throw new SpecException(e.problems().stream()
                    .map(q -> new SpecProblem(q.field().isEmpty() ? step : step + "." + q.field(), q.message()))
                    .toList());
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
            String where = e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr()
                    + ", column " + e.getLocation().getColumnNr() + ")";
            throw new SpecException("spec", "is not valid YAML or JSON" + where + ": " + e.getOriginalMessage());
        }
        if (spec == null) {
            throw new SpecException("spec", "is empty");
        }
        if (!readProblems.isEmpty()) {
            List<SpecProblem> all = new ArrayList<>(readProblems);
            all.addAll(SpecValidator.problems(spec));
            throw new SpecException(all);
        }
        return SpecValidator.requireValid(spec);
    }

    /** Reads and validates a spec file; the error names the file when it cannot be read. */
    public static ExperimentSpec read(Path file) {
        try {
            return parse(Files.readString(file));
        } catch (NoSuchFileException e) {
            throw new SpecException("spec", "file not found: " + file.toAbsolutePath());
        } catch (IOException e) {
            throw new SpecException("spec", "cannot read " + file.toAbsolutePath() + ": " + e.getMessage());
        }
    }

    /** The spec as YAML; {@code parse(toYaml(s))} equals {@code s}. */
    public static String toYaml(ExperimentSpec spec) {
        try {
            return YAML.writeValueAsString(spec);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a spec record always serialises", e);
        }
    }

    /** The spec as indented JSON. */
    public static String toJson(ExperimentSpec spec) {
        try {
            return JSON.writeValueAsString(spec);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a spec record always serialises", e);
        }
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
