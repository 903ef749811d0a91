package dev.verdant.result;

/**
 * Metrics of one completed epoch.
 *
 * @param epoch                  1-based epoch number
 * @param trainLoss              mean training loss over the epoch's batches
 * @param trainAccuracy          training accuracy over the epoch (measured while the weights changed)
 * @param valLoss                validation loss after the epoch
 * @param valAccuracy            validation accuracy after the epoch
 * @param seconds                wall time of the epoch, training and validation
 * @param samplesPerSecond       training samples processed per second of training time
 * @param learningRate           learning rate at the epoch's last step
 * @param flopsPerSample         forward FLOPs per sample of the network as it was in this epoch
 * @param energyJoules           energy spent in this epoch; null when no meter ran
 * @param cumulativeEnergyJoules energy spent since the run started, up to the end of this epoch; null without a meter
 * @param resolution             image side in pixels the epoch trained at (progressive resizing); null for
 *                               feature vectors and for runs recorded before training strategies existed
 * @param depth                  weighted layers on the network's main path in this epoch (grows with stacking)
 * @param frozenLayers           leading layers frozen in this epoch (their backward pass skipped)
 * @param dropRate               drop rate of the deepest residual block in this epoch (progressive layer dropping)
 * @param trainFlopsPerSample    forward plus backward FLOPs per training sample in this epoch (backward counted as
 *                               twice the forward of each layer that trains; frozen layers have none)
 * @param forecast               the energy-to-target forecast made after this epoch (estimated); null without a
 *                               target, before the third epoch, or when the target looks out of reach
 */
public record EpochRecord(int epoch, double trainLoss, double trainAccuracy, double valLoss, double valAccuracy,
                          double seconds, double samplesPerSecond, double learningRate, long flopsPerSample,
                          Double energyJoules, Double cumulativeEnergyJoules, Integer resolution, Integer depth,
                          Integer frozenLayers, Double dropRate, Long trainFlopsPerSample,
                          EpochForecast forecast) {

    /** A record without a forecast (as runs recorded before forecasts existed). */
    public EpochRecord(int epoch, double trainLoss, double trainAccuracy, double valLoss, double valAccuracy,
                       double seconds, double samplesPerSecond, double learningRate, long flopsPerSample,
                       Double energyJoules, Double cumulativeEnergyJoules, Integer resolution, Integer depth,
                       Integer frozenLayers, Double dropRate, Long trainFlopsPerSample) {
        this(epoch, trainLoss, trainAccuracy, valLoss, valAccuracy, seconds, samplesPerSecond, learningRate,
                flopsPerSample, energyJoules, cumulativeEnergyJoules, resolution, depth, frozenLayers, dropRate,
                trainFlopsPerSample, null);
    }

    /** A record without training-strategy state (as runs recorded before strategies existed). */
    public EpochRecord(int epoch, double trainLoss, double trainAccuracy, double valLoss, double valAccuracy,
                       double seconds, double samplesPerSecond, double learningRate, long flopsPerSample,
                       Double energyJoules, Double cumulativeEnergyJoules) {
        this(epoch, trainLoss, trainAccuracy, valLoss, valAccuracy, seconds, samplesPerSecond, learningRate,
                flopsPerSample, energyJoules, cumulativeEnergyJoules, null, null, null, null, null);
    }

    /** The same record with its energy figures filled in. */
    public EpochRecord withEnergy(double joules, double cumulativeJoules) {
        return new EpochRecord(epoch, trainLoss, trainAccuracy, valLoss, valAccuracy, seconds, samplesPerSecond,
                learningRate, flopsPerSample, joules, cumulativeJoules, resolution, depth, frozenLayers, dropRate,
                trainFlopsPerSample, forecast);
    }

    /** The same record with a forecast (null: none). */
    public EpochRecord withForecast(EpochForecast newForecast) {
        return new EpochRecord(epoch, trainLoss, trainAccuracy, valLoss, valAccuracy, seconds, samplesPerSecond,
                learningRate, flopsPerSample, energyJoules, cumulativeEnergyJoules, resolution, depth, frozenLayers,
                dropRate, trainFlopsPerSample, newForecast);
    }
}
