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
 */
public record EpochRecord(int epoch, double trainLoss, double trainAccuracy, double valLoss, double valAccuracy,
                          double seconds, double samplesPerSecond, double learningRate, long flopsPerSample,
                          Double energyJoules, Double cumulativeEnergyJoules) {

    /** The same record with its energy figures filled in. */
    public EpochRecord withEnergy(double joules, double cumulativeJoules) {
        return new EpochRecord(epoch, trainLoss, trainAccuracy, valLoss, valAccuracy, seconds, samplesPerSecond,
                learningRate, flopsPerSample, joules, cumulativeJoules);
    }
}
