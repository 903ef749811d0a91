package dev.verdant.compress;

import ai.djl.Device;
import dev.verdant.data.Split;
import dev.verdant.energy.EnergyMeter;
import dev.verdant.model.Net;

/**
 * What a network costs as deployed, measured the way every compression report is ({@link Measurement}): validation
 * accuracy, median forward latency at batch 1 and 64, and metered inference joules per 1000 samples.
 *
 * @param accuracy    validation accuracy of {@code net}
 * @param msBatch1    median milliseconds of one forward pass of 1 sample
 * @param msBatch64   median milliseconds of one forward pass of 64 samples
 * @param joulesPer1k inference joules per 1000 samples at batch 64 (null without a meter)
 */
public record InferenceCost(double accuracy, double msBatch1, double msBatch64, Double joulesPer1k) {

    /** Measures {@code net} (with values) on {@code validation}; the meter's {@code inference} phase gets the energy. */
    public static InferenceCost measure(Net net, Split validation, Device device, EnergyMeter meter,
                                        CompressionPipeline.Settings settings) {
        try (LiveNet live = new LiveNet(net, device)) {
            Measurement.Figures f = Measurement.measure(live, validation, meter, settings);
            return new InferenceCost(f.accuracy(), f.msBatch1(), f.msBatch64(), f.joulesPer1k());
        }
    }
}
