package dev.verdant.result;

/**
 * Reads an energy method string ({@code measured:rapl}, {@code estimated:cpu-tdp}, ...): the one place that decides
 * whether joules were estimated, so every label that says "estimated" agrees.
 */
public final class EnergyMethod {

    private EnergyMethod() {
    }

    /** Whether joules obtained by {@code method} are an estimate, not a meter's reading; false for null. */
    public static boolean estimated(String method) {
        return method != null && method.startsWith("estimated");
    }

    /** Whether the run's energy figure (in {@code metrics}, may be null) was estimated. */
    public static boolean estimated(FinalMetrics metrics) {
        return metrics != null && estimated(metrics.energyMethod());
    }
}
