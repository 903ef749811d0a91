package dev.verdant.app;

import dev.verdant.energy.CarbonModel;
import dev.verdant.energy.TeachingEquivalents;
import dev.verdant.spec.ExperimentSpec;

import java.util.List;
import java.util.Locale;

/**
 * The window's read-only use of the energy package's carbon model: gCO2e for per-epoch tooltips (the run layer
 * converts totals itself), the grid intensity sentence and teaching equivalents for the energy panel.
 */
public final class Carbon {

    private Carbon() {
    }

    /** Emissions of {@code joules} under the spec's region and PUE; null when joules is null or the region unknown. */
    public static Double co2eGrams(ExperimentSpec spec, Double joules) {
        CarbonModel model = model(spec);
        return joules == null || model == null ? null : model.co2eGrams(joules);
    }

    /** Teaching equivalents ("n smartphone charges", ...) of an amount of energy and emissions. */
    public static List<String> equivalents(double joules, double co2eGrams) {
        return TeachingEquivalents.describe(joules, co2eGrams);
    }

    /** The grid intensity the spec's region uses, with PUE and source; null when the region is unknown. */
    public static String intensity(ExperimentSpec spec) {
        CarbonModel m = model(spec);
        if (m == null) {
            return null;
        }
        return String.format(Locale.ROOT, "Grid %s (%s): %.0f gCO2e/kWh × PUE %.2f — %s", m.region(), m.country(),
                m.gramsPerKwh(), m.pue(), m.source());
    }

    private static CarbonModel model(ExperimentSpec spec) {
        if (spec == null) {
            return null;
        }
        try {
            return CarbonModel.of(spec.energy());
        } catch (IllegalArgumentException unknownRegion) {
            return null; // the run layer reports the unknown region; a tooltip just shows n/a
        }
    }
}
