package dev.verdant.cluster;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.verdant.result.ResultJson;

import java.util.Optional;

/**
 * The one wire format: every map value and topic message is a JSON string
 * {@code {"kind", "from", "at", "body", "sig"}} whose signature covers kind, sender, time and body. Only strings
 * cross the wire, so Hazelcast never deserialises a type of ours (nor anyone else's).
 */
final class Wire {

    /** The result mapper: tolerant of fields a newer Verdant adds, and it knows every result record. */
    static final ObjectMapper JSON = ResultJson.mapper();
    /** One line per message: the shared mapper indents, which only costs bytes on the wire. */
    private static final com.fasterxml.jackson.databind.ObjectWriter COMPACT =
            JSON.writer().without(com.fasterxml.jackson.databind.SerializationFeature.INDENT_OUTPUT);

    private Wire() {
    }

    /** A signed, opened message. */
    record Message(String kind, String from, long at, JsonNode body, String raw) {
        String text(String field) {
            JsonNode n = body.get(field);
            return n == null || n.isNull() ? null : n.asText();
        }

        int integer(String field) {
            return body.path(field).asInt();
        }

        long number(String field) {
            return body.path(field).asLong();
        }

        <T> T value(String field, Class<T> type) {
            JsonNode n = body.get(field);
            if (n == null || n.isNull()) {
                return null;
            }
            try {
                return JSON.treeToValue(n, type);
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException(kind + "." + field + " is not a " + type.getSimpleName(), e);
            }
        }
    }

    /** A new, empty body. */
    static ObjectNode body() {
        return JSON.createObjectNode();
    }

    /** Puts {@code value} (any result or spec record) into {@code body} as JSON. */
    static ObjectNode put(ObjectNode body, String field, Object value) {
        body.set(field, JSON.valueToTree(value));
        return body;
    }

    /** The signed JSON string of a message. */
    static String seal(ClusterKey key, String kind, String from, JsonNode body) {
        try {
            String bodyText = COMPACT.writeValueAsString(body);
            long at = System.currentTimeMillis();
            ObjectNode env = JSON.createObjectNode();
            env.put("kind", kind);
            env.put("from", from);
            env.put("at", at);
            env.put("body", bodyText);
            env.put("sig", key.sign(signed(kind, from, at, bodyText)));
            return COMPACT.writeValueAsString(env);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("JSON trees always serialise", e);
        }
    }

    /**
     * Opens a message: empty when it is not our format, is unsigned, or its signature does not match this key
     * (forged, or signed with another key). The caller logs the rejection.
     */
    static Optional<Message> open(ClusterKey key, String raw) {
        if (raw == null) {
            return Optional.empty();
        }
        try {
            JsonNode env = JSON.readTree(raw);
            String kind = env.path("kind").asText(null);
            String from = env.path("from").asText(null);
            long at = env.path("at").asLong();
            String bodyText = env.path("body").asText(null);
            String sig = env.path("sig").asText(null);
            if (kind == null || from == null || bodyText == null
                    || !key.verify(signed(kind, from, at, bodyText), sig)) {
                return Optional.empty();
            }
            return Optional.of(new Message(kind, from, at, JSON.readTree(bodyText), raw));
        } catch (JsonProcessingException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Who a raw message claims to come from, for the rejection log (it is not trusted for anything else). */
    static String claimedSender(String raw) {
        try {
            JsonNode env = JSON.readTree(raw);
            return env.path("kind").asText("?") + " from '" + env.path("from").asText("?") + "'";
        } catch (JsonProcessingException | RuntimeException e) {
            return "a message that is not Verdant's JSON";
        }
    }

    private static String signed(String kind, String from, long at, String body) {
        return kind + '\n' + from + '\n' + at + '\n' + body;
    }
}
