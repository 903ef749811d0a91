package dev.verdant.spec;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * The spec a sweep varies: a spec file's path (relative to the sweep file) or a spec written inline. A sweep is
 * stored with its base inlined, so it can be resumed after the file changed or moved.
 *
 * @param file   the spec file as written; null when inline
 * @param inline the spec written in the sweep (or read from {@code file} once resolved); null until then
 */
public record SweepBase(String file, ExperimentSpec inline) {

    /** A base read from {@code file}. */
    public static SweepBase file(String file) {
        return new SweepBase(file, null);
    }

    /** A base given as a spec. */
    public static SweepBase inline(ExperimentSpec spec) {
        return new SweepBase(null, spec);
    }

    /** Reads {@code base:} as written: a text is a file path, a section is a spec. */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    static SweepBase fromNode(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isTextual()) {
            return file(node.asText());
        }
        if (node.isObject()) {
            return inline(SweepCodec.baseFromTree(node));
        }
        throw new SpecException("sweep.base", "expected a spec file's path or an inline spec section here");
    }

    /** Writes the inline spec when there is one, else the path. */
    @JsonValue
    Object toValue() {
        return inline != null ? inline : file;
    }
}
