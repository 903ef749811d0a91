package dev.verdant.spec;

import java.util.List;

/**
 * One thing a sweep optimises: a final metric of a trial's run and whether more or less is better.
 *
 * @param metric one of {@link #METRICS}
 * @param goal   {@code max} or {@code min}
 */
public record SweepObjective(String metric, String goal) {

    /**
     * Metrics a sweep can optimise, as named in the result JSON's {@code final} section: accuracies are validation
     * accuracies (of the trained or the delivered model), energies in joules, times in seconds.
     */
    public static final List<String> METRICS = List.of("deliveredAccuracy", "accuracy", "totalEnergyJoules",
            "energyJoules", "trainSeconds", "params", "deliveredParams", "flopsPerSample", "loss");
    /** Goals. */
    public static final List<String> GOALS = List.of("max", "min");

    /** Maximise {@code metric}. */
    public static SweepObjective max(String metric) {
        return new SweepObjective(metric, "max");
    }

    /** Minimise {@code metric}. */
    public static SweepObjective min(String metric) {
        return new SweepObjective(metric, "min");
    }

    /** True when larger values are better. */
    @com.fasterxml.jackson.annotation.JsonIgnore
    public boolean maximise() {
        return "max".equals(goal);
    }

    /** True for the accuracy metrics (the ones a target is about). */
    @com.fasterxml.jackson.annotation.JsonIgnore
    public boolean isAccuracy() {
        return metric != null && metric.toLowerCase(java.util.Locale.ROOT).endsWith("accuracy");
    }

    /** True for the energy metrics. */
    @com.fasterxml.jackson.annotation.JsonIgnore
    public boolean isEnergy() {
        return metric != null && metric.endsWith("EnergyJoules") || "energyJoules".equals(metric);
    }
}
