package dev.verdant.result;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.verdant.spec.Mappers;

/** Reads and writes {@link RunResult}s as the documented result JSON. */
public final class ResultJson {

    /** Tolerant of fields it does not know, so results written by a newer Verdant still load. */
    private static final ObjectMapper MAPPER = Mappers.tolerantJson();

    private ResultJson() {
    }

    /** The shared mapper, for callers that serialise parts of a result (e.g. one epoch). */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("result records always serialise", e);
        }
    }

    /** Parses a result JSON; fields this version does not know are ignored (newer files still load). */
    public static RunResult read(String json) {
        try {
            return MAPPER.readValue(json, RunResult.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a Verdant result JSON: " + e.getOriginalMessage(), e);
        }
    }
}
