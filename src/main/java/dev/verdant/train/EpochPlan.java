package dev.verdant.train;

import dev.verdant.data.Split;

/**
 * What the next epoch trains with. The session fills in the defaults (the full data, nothing frozen or dropped);
 * strategies change it in {@link TrainingStrategy#beforeEpoch}, and the epoch's record reports it.
 */
final class EpochPlan {
    /** Training samples, possibly resampled to a lower resolution. */
    Split train;
    /** Shape of one training sample: {@code [C, H, W]} or {@code [F]}. */
    long[] sampleShape;
    /** Image side the epoch trains at; null for feature vectors. */
    Integer resolution;
    /** Leading layers frozen. */
    int frozenLayers;
    /** Drop rate of the deepest residual block. */
    double dropRate;

    EpochPlan(Split train, long[] sampleShape) {
        this.train = train;
        this.sampleShape = sampleShape.clone();
        this.resolution = sampleShape.length == 3 ? (int) sampleShape[1] : null;
    }
}
