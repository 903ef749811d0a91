package dev.verdant.spec;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;

/**
 * The values one spec field takes in a sweep: a list of {@code values}, or a {@code range} [low, high] drawn on a
 * {@code scale} ({@code linear} or {@code log}; random, halving and Hyperband only, as a grid cannot enumerate a
 * range). Values are kept as YAML nodes, since a field may be a number, a text or a list (e.g. {@code model.hidden:
 * [[32], [64]]}); each is checked by applying it to the base spec.
 *
 * @param values the values to try, in order; null when a range is given
 * @param range  {@code [low, high]}; null when values are given
 * @param scale  {@code linear} (default) or {@code log}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SweepParameter(List<JsonNode> values, List<Double> range, String scale) {

    /** Scales a range may be drawn on. */
    public static final List<String> SCALES = List.of("linear", "log");

    public SweepParameter {
        values = values == null ? null : List.copyOf(values);
        range = range == null ? null : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(range));
    }

    /** A parameter taking {@code values} in order. */
    public static SweepParameter ofValues(List<JsonNode> values) {
        return new SweepParameter(values, null, null);
    }

    /** A parameter drawn from [low, high] on {@code scale}. */
    public static SweepParameter ofRange(double low, double high, String scale) {
        return new SweepParameter(null, List.of(low, high), scale);
    }

    /** The scale, {@code linear} when none was given. */
    public String scaleOrDefault() {
        return scale == null ? "linear" : scale;
    }

    /** True when this parameter is a range (it cannot be enumerated by a grid). */
    @com.fasterxml.jackson.annotation.JsonIgnore
    public boolean isRange() {
        return values == null && range != null;
    }
}
