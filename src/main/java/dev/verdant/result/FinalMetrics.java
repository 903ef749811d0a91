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
 * @param deliveredAccuracy   validation accuracy of the model the run hands over: after the last compression
 *                            step when compression ran, else the trained model's {@code accuracy}
 * @param deliveredParams     trainable parameters of the delivered model (zeros included)
 * @param deliveredModelBytes stored size of the delivered model (quantised weights at their packed size)
 * @param totalEnergyJoules   energy of everything the run did to produce the delivered model: training,
 *                            validation, compression and the measurement of each step; the same figure as
 *                            {@code energyJoules} (which already spans every phase), named so that readers of the
 *                            delivered figures need not know that; null without an energy meter
 */
public record FinalMetrics(double accuracy, double loss, long params, long flopsPerSample, long modelBytes,
                           double trainSeconds, double samplesPerSecond, int epochsCompleted, String stopReason,
                           Double energyJoules, Double trainEnergyJoules, Double evalEnergyJoules,
                           Double avgPowerWatts, Double co2eGrams, Double costUsd, String energyMethod,
                           Double joulesToTarget, Double deliveredAccuracy, Long deliveredParams,
                           Long deliveredModelBytes, Double totalEnergyJoules) {

    /**
     * Metrics without the delivered figures; {@link RunResult} fills them in from its compression reports
     * (see {@link DeliveredFigures}).
     */
    public FinalMetrics(double accuracy, double loss, long params, long flopsPerSample, long modelBytes,
                        double trainSeconds, double samplesPerSecond, int epochsCompleted, String stopReason,
                        Double energyJoules, Double trainEnergyJoules, Double evalEnergyJoules,
                        Double avgPowerWatts, Double co2eGrams, Double costUsd, String energyMethod,
                        Double joulesToTarget) {
        this(accuracy, loss, params, flopsPerSample, modelBytes, trainSeconds, samplesPerSecond, epochsCompleted,
                stopReason, energyJoules, trainEnergyJoules, evalEnergyJoules, avgPowerWatts, co2eGrams, costUsd,
                energyMethod, joulesToTarget, null, null, null, null);
    }

    /** The same metrics with the energy figures filled in (delivered figures cleared; the total is derived anew). */
    public FinalMetrics withEnergy(double total, double train, double eval, double avgWatts, double co2e,
                                   Double cost, String method, Double toTarget) {
        return new FinalMetrics(accuracy, loss, params, flopsPerSample, modelBytes, trainSeconds, samplesPerSecond,
                epochsCompleted, stopReason, total, train, eval, avgWatts, co2e, cost, method, toTarget);
    }

    /** The same metrics with the delivered figures set. */
    public FinalMetrics withDelivered(double accuracyDelivered, long paramsDelivered, long bytesDelivered,
                                      Double totalJoules) {
        return new FinalMetrics(accuracy, loss, params, flopsPerSample, modelBytes, trainSeconds, samplesPerSecond,
                epochsCompleted, stopReason, energyJoules, trainEnergyJoules, evalEnergyJoules, avgPowerWatts,
                co2eGrams, costUsd, energyMethod, joulesToTarget, accuracyDelivered, paramsDelivered,
                bytesDelivered, totalJoules);
    }

    /** The same metrics without delivered figures (to derive them anew from other compression reports). */
    public FinalMetrics withoutDelivered() {
        return new FinalMetrics(accuracy, loss, params, flopsPerSample, modelBytes, trainSeconds, samplesPerSecond,
                epochsCompleted, stopReason, energyJoules, trainEnergyJoules, evalEnergyJoules, avgPowerWatts,
                co2eGrams, costUsd, energyMethod, joulesToTarget);
    }

    /** True when the delivered figures are present (results written before they existed lack them). */
    public boolean hasDelivered() {
        return deliveredAccuracy != null && deliveredParams != null && deliveredModelBytes != null;
    }
}
