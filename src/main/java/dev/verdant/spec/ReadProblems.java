package dev.verdant.spec;

import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.DeserializationProblemHandler;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Collects the enumeration values of a spec that name no constant while it is read, instead of stopping at the
 * first, so a spec with several bad values gets one message listing all of them (as when the enumerations were
 * checked strings). Compression steps are read from a tree, where the position is unknown, so
 * {@link StepDeserializer} checks their enumerations itself the same way. The bad value is replaced by the enum's
 * first constant, and {@link SpecCodec} refuses the spec whenever anything was collected, so the placeholder never
 * reaches a run.
 */
final class ReadProblems extends DeserializationProblemHandler {

    /** Context attribute: the {@code List<SpecProblem>} a read collects into; reads without it fail as usual. */
    static final Object PROBLEMS = ReadProblems.class.getName() + ".problems";

    @Override
    public Object handleWeirdStringValue(DeserializationContext ctxt, Class<?> targetType, String value,
                                         String failureMsg) {
        return collect(ctxt, targetType, value);
    }

    /** A number where an enumeration is expected (strict mappers do not take it as a constant's index). */
    @Override
    public Object handleWeirdNumberValue(DeserializationContext ctxt, Class<?> targetType, Number value,
                                         String failureMsg) {
        return collect(ctxt, targetType, String.valueOf(value));
    }

    @SuppressWarnings("unchecked")
    private static Object collect(DeserializationContext ctxt, Class<?> targetType, String value) {
        Object found = ctxt.getAttribute(PROBLEMS);
        if (!targetType.isEnum() || !(found instanceof List<?>)) {
            return NOT_HANDLED;
        }
        String at = path(ctxt.getParser().getParsingContext());
        // enums print their spec labels, so the message lists exactly what the user may write
        ((List<SpecProblem>) found).add(new SpecProblem(at.isEmpty() ? "spec" : at, "'" + value
                + "' is not one of " + Arrays.stream(targetType.getEnumConstants()).map(Object::toString)
                .collect(Collectors.joining(", "))));
        return targetType.getEnumConstants()[0];
    }

    /** The spec path of a parser position, e.g. {@code compression[0].student}; empty at the root. */
    static String path(JsonStreamContext context) {
        Deque<String> parts = new ArrayDeque<>();
        for (JsonStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
            if (c.inArray()) {
                parts.addFirst("[" + Math.max(0, c.getCurrentIndex()) + "]");
            } else if (c.getCurrentName() != null) {
                parts.addFirst("." + c.getCurrentName());
            }
        }
        String p = String.join("", parts);
        return p.startsWith(".") ? p.substring(1) : p;
    }
}
