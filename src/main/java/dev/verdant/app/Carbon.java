package dev.verdant.app;

import dev.verdant.spec.ExperimentSpec;

/**
 * Converts joules to gCO2e for figures the run layer does not convert itself (per-epoch tooltips). The one place
 * the window reaches into the energy package's carbon model.
 */
public final class Carbon {

    private Carbon() {
    }

    /** Emissions of {@code joules} under the spec's region and PUE; null when joules is null. */
    public static Double co2eGrams(ExperimentSpec spec, Double joules) {
        if (joules == null || spec == null) {
            return null;
        }
        return null; // until the energy package lands: no intensity table here, so no made-up figure
    }

    /** Teaching equivalents ("n smartphone charges", ...) of an amount of energy and emissions; may be empty. */
    public static java.util.List<String> equivalents(double joules, double co2eGrams) {
        return java.util.List.of();
    }

    /** The grid intensity the spec's region uses, as a sentence with its source; null when unknown. */
    public static String intensity(ExperimentSpec spec) {
        return null;
    }
}
