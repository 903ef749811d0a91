package dev.verdant.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import dev.verdant.spec.ExperimentSpec;
import dev.verdant.spec.Mappers;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One point of a sweep's search space: the parameters' values and the base spec with them applied (the epochs and
 * seed are set per trial, see {@link SweepPlan#attemptSpec}).
 *
 * @param number  1-based, unique in the sweep (Hyperband numbers across its brackets)
 * @param bracket Hyperband's bracket (0 otherwise)
 * @param values  spec path -> value, in the sweep's parameter order
 * @param spec    the base spec with the values applied, validated
 */
public record Configuration(int number, int bracket, Map<String, JsonNode> values, ExperimentSpec spec) {

    public Configuration {
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /** The values as a JSON object, as stored with each trial. */
    public String valuesJson() {
        return Mappers.json().valueToTree(values).toString();
    }

    /** A value as people write it: {@code 0.0003}, not {@code 3.0E-4}. */
    static String text(JsonNode v) {
        if (v.isTextual()) {
            return v.asText();
        }
        if (v.isFloatingPointNumber()) {
            String plain = v.decimalValue().stripTrailingZeros().toPlainString();
            return plain.contains(".") ? plain : plain + ".0";
        }
        return v.toString();
    }

    /** {@code training.learningRate=0.001, model.hidden=[64]}: the values for tables and messages. */
    public String label() {
        StringBuilder b = new StringBuilder();
        values.forEach((k, v) -> {
            if (b.length() > 0) {
                b.append(", ");
            }
            b.append(k).append('=').append(text(v));
        });
        return b.toString();
    }
}
