package dev.verdant.result;

/**
 * The headline figures of a run. Energy fields are null when no energy meter ran.
 *
 * @param accuracy          final validation accuracy
 * @param loss              final validation loss
 * @param params            trainable parameters of the final model
 * @param flopsPerSample    forward FLOPs per sample (2 per multiply-add, weighted layers only)
 * @param modelBytes        size of the parameters as stored (float32: 4 bytes each)
 * @param trainSeconds      wall time spent training and validating
 * @param samplesPerSecond  training throughput over the whole run
 * @param epochsCompleted   how many epochs finished
 * @param stopReason        why training stopped: {@code epochs}, {@code target}, {@code early-stopping},
 *                          {@code cancelled}, {@code diverged}, {@code failed}
 * @param energyJoules      total energy of all phases
 * @param trainEnergyJoules energy of the training phase
 * @param evalEnergyJoules  energy of the validation phase
 * @param avgPowerWatts     mean power over the run
 * @param co2eGrams         emissions: kWh x PUE x grid intensity of the spec's region
 * @param costUsd           cost at the spec's price per kWh; null without a price
 * @param energyMethod      how the energy was obtained, e.g. {@code measured:rapl} or {@code estimated:cpu-tdp}
 * @param joulesToTarget    energy spent until the target accuracy was first reached; null if never or no target
 */
public record FinalMetrics(double accuracy, double loss, long params, long flopsPerSample, long modelBytes,
                           double trainSeconds, double samplesPerSecond, int epochsCompleted, String stopReason,
                           Double energyJoules, Double trainEnergyJoules, Double evalEnergyJoules,
                           Double avgPowerWatts, Double co2eGrams, Double costUsd, String energyMethod,
                           Double joulesToTarget) {

    /** The same metrics with the energy figures filled in. */
    public FinalMetrics withEnergy(double total, double train, double eval, double avgWatts, double co2e,
                                   Double cost, String method, Double toTarget) {
        return new FinalMetrics(accuracy, loss, params, flopsPerSample, modelBytes, trainSeconds, samplesPerSecond,
                epochsCompleted, stopReason, total, train, eval, avgWatts, co2e, cost, method, toTarget);
    }
}
