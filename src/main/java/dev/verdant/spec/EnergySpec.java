package dev.verdant.spec;

import java.util.Objects;

/**
 * How energy is sampled and converted to carbon and cost.
 *
 * @param region       ISO country code (or {@code WORLD}) whose grid carbon intensity applies
 * @param pue          power usage effectiveness of the data centre (1.0 for a desktop)
 * @param pricePerKwh  electricity price in USD per kWh; null leaves cost unknown
 * @param sampleHz     how often the energy meter samples its probes
 * @param subtractIdle measure an idle baseline before the run and subtract it
 */
public record EnergySpec(String region, Double pue, Double pricePerKwh, Double sampleHz, Boolean subtractIdle) {

    public EnergySpec {
        region = Objects.requireNonNullElse(region, "WORLD");
        pue = Objects.requireNonNullElse(pue, 1.0);
        sampleHz = Objects.requireNonNullElse(sampleHz, 10.0);
        subtractIdle = Objects.requireNonNullElse(subtractIdle, false);
    }

    /** World-average grid, PUE 1.0, no price, 10 Hz, no idle subtraction. */
    public static EnergySpec defaults() {
        return new EnergySpec(null, null, null, null, null);
    }
}
