package dev.verdant.spec;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Reads one compression step: picks the record of the step's {@link StepKind} from {@code type} and {@code method},
 * checks that every field belongs to that kind, and lets Jackson read the rest into the record (so wrong types and
 * bad enum values name their field as everywhere else in the spec).
 *
 * <p>Strict readers (specs: unknown fields fail) report a missing or unknown type, an unknown method, an unknown
 * field and each field of another kind, naming the field. Lenient readers (stored results: newer files still load)
 * drop unknown and foreign fields instead.
 */
final class StepDeserializer extends StdDeserializer<CompressionStepSpec> {

    StepDeserializer() {
        super(CompressionStepSpec.class);
    }

    @Override
    public CompressionStepSpec deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
        String at = ReadProblems.path(p.getParsingContext());
        JsonNode tree = ctxt.readTree(p);
        if (!(tree instanceof ObjectNode given)) {
            throw new StepProblems(p, List.of(new SpecProblem("", tree.isNull() ? emptyMessage()
                    : "expected a section of fields (a step with a type) here")));
        }
        ObjectNode node = given.deepCopy();
        node.properties().removeIf(e -> e.getValue().isNull());
        JsonNode type = node.remove("type");
        if (type == null) {
            throw new StepProblems(p, List.of(new SpecProblem("type", "is missing; one of "
                    + String.join(", ", StepKind.TYPES))));
        }
        if (!StepKind.TYPES.contains(type.asText())) {
            throw new StepProblems(p, List.of(new SpecProblem("type", "'" + type.asText() + "' is not one of "
                    + String.join(", ", StepKind.TYPES))));
        }
        JsonNode method = node.get("method");
        if ("prune".equals(type.asText()) && method != null && !StepKind.PRUNE_METHODS.contains(method.asText())) {
            throw new StepProblems(p, List.of(new SpecProblem("method", "'" + method.asText() + "' is not one of "
                    + String.join(", ", StepKind.PRUNE_METHODS))));
        }
        StepKind kind = StepKind.of(type.asText(), "prune".equals(type.asText()) && method != null
                ? method.asText() : null);
        checkFields(p, ctxt, node, kind);
        node.remove("method");
        Class<? extends CompressionStepSpec> target = switch (kind) {
            case MAGNITUDE_PRUNE -> CompressionStepSpec.MagnitudePrune.class;
            case STRUCTURED_PRUNE -> CompressionStepSpec.StructuredPrune.class;
            case LOW_RANK -> CompressionStepSpec.LowRank.class;
            case QUANTIZE -> CompressionStepSpec.Quantize.class;
            case DISTILL -> CompressionStepSpec.Distill.class;
        };
        if (ctxt.getAttribute(ReadProblems.PROBLEMS) instanceof List<?> found) {
            @SuppressWarnings("unchecked")
            List<SpecProblem> problems = (List<SpecProblem>) found;
            checkEnums(node, target, at, problems);
        }
        return ctxt.readTreeAsValue(node, target);
    }

    /** Unknown fields fail as anywhere in a spec; fields of another kind each get a problem naming the kind. */
    private static void checkFields(JsonParser p, DeserializationContext ctxt, ObjectNode node, StepKind kind)
            throws JsonMappingException {
        boolean strict = ctxt.isEnabled(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        List<String> known = StepKind.allFields();
        List<SpecProblem> foreign = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.properties().iterator(); it.hasNext(); ) {
            String field = it.next().getKey();
            if (kind.fields().contains(field)) {
                continue;
            }
            if (!strict) {
                it.remove();
            } else if (!known.contains(field)) {
                UnrecognizedPropertyException e = UnrecognizedPropertyException.from(p, CompressionStepSpec.class,
                        field, List.copyOf(known));
                throw e;
            } else {
                foreign.add(new SpecProblem(field, "does not belong to a '" + kind.title() + "' step; its fields are "
                        + String.join(", ", kind.fields())));
            }
        }
        if (!foreign.isEmpty()) {
            // in the order the fields are documented, not as the user happened to write them
            foreign.sort(java.util.Comparator.comparingInt(q -> StepKind.DECLARED.indexOf(q.field())));
            throw new StepProblems(p, foreign);
        }
    }

    /**
     * Collects the enumeration values of {@code node} (read as {@code type}, a record, and the records inside it)
     * that name no constant, replacing each by the first constant, as {@link ReadProblems} does outside steps (it
     * cannot here: a read from a tree does not know where in the spec it is).
     */
    private static void checkEnums(ObjectNode node, Class<?> type, String at, List<SpecProblem> found) {
        for (java.lang.reflect.RecordComponent c : type.getRecordComponents()) {
            JsonNode value = node.get(c.getName());
            Class<?> t = c.getType();
            if (value == null || value.isNull()) {
                continue;
            }
            if (t.isEnum() && value.isValueNode()) {
                Object[] constants = t.getEnumConstants();
                List<String> labels = java.util.Arrays.stream(constants).map(Object::toString).toList();
                if (!labels.contains(value.asText())) {
                    found.add(new SpecProblem(at + "." + c.getName(), "'" + value.asText() + "' is not one of "
                            + String.join(", ", labels)));
                    node.put(c.getName(), labels.get(0));
                }
            } else if (t.isRecord() && value instanceof ObjectNode inner) {
                checkEnums(inner, t, at + "." + c.getName(), found);
            }
        }
    }

    @Override
    public CompressionStepSpec getNullValue(DeserializationContext ctxt) throws JsonMappingException {
        throw new StepProblems(ctxt.getParser(), List.of(new SpecProblem("", emptyMessage())));
    }

    private static String emptyMessage() {
        return "is empty; a step needs a type: one of " + String.join(", ", StepKind.TYPES);
    }

    /**
     * Problems with one step, each naming a field relative to the step ("" for the step itself); Jackson adds the
     * step's place in the spec to the path as the exception travels up, and {@link SpecCodec} joins the two.
     */
    static final class StepProblems extends JsonMappingException {

        private final transient List<SpecProblem> problems;

        StepProblems(JsonParser p, List<SpecProblem> problems) {
            super(p, problems.get(0).field() + ": " + problems.get(0).message());
            this.problems = List.copyOf(problems);
        }

        List<SpecProblem> problems() {
            return problems;
        }
    }
}
