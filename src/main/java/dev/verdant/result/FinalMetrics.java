package dev.verdant.result;

/**
 * The headline figures of a run. Energy fields are null when no energy meter ran. Build one with
 * {@link #builder()} (or change one with {@link #toBuilder()}): seventeen positional arguments, half of them
 * nullable, were too easy to get in the wrong order. The record's components are the result JSON's
 * {@code finalMetrics} fields, in this order.
 *
 * @param accuracy          final validation accuracy
 * @param loss              final validation loss
 * @param params            trainable parameters of the final model
 * @param flopsPerSample    forward FLOPs per sample (2 per multiply-add, weighted layers only)
 * @param modelBytes        size of the parameters as stored (float32: 4 bytes each)
 * @param trainSeconds      wall time spent training and validating
 * @param samplesPerSecond  training throughput over the whole run
 * @param epochsCompleted   how many epochs finished
 * @param stopReason        why training stopped
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
 *
 * Left unset, the four delivered figures are filled in by {@link RunResult} from its compression reports (see
 * {@link DeliveredFigures}).
 */
public record FinalMetrics(double accuracy, double loss, long params, long flopsPerSample, long modelBytes,
                           double trainSeconds, double samplesPerSecond, int epochsCompleted, StopReason stopReason,
                           Double energyJoules, Double trainEnergyJoules, Double evalEnergyJoules,
                           Double avgPowerWatts, Double co2eGrams, Double costUsd, String energyMethod,
                           Double joulesToTarget, Double deliveredAccuracy, Long deliveredParams,
                           Long deliveredModelBytes, Double totalEnergyJoules) {

    /** An empty builder: numbers start at 0, energy figures and the stop reason at null. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding these metrics, to change some of them. */
    public Builder toBuilder() {
        return new Builder().accuracy(accuracy).loss(loss).params(params).flopsPerSample(flopsPerSample)
                .modelBytes(modelBytes).trainSeconds(trainSeconds).samplesPerSecond(samplesPerSecond)
                .epochsCompleted(epochsCompleted).stopReason(stopReason)
                .energy(energyJoules, trainEnergyJoules, evalEnergyJoules, avgPowerWatts, energyMethod)
                .co2eGrams(co2eGrams).costUsd(costUsd).joulesToTarget(joulesToTarget)
                .delivered(deliveredAccuracy, deliveredParams, deliveredModelBytes, totalEnergyJoules);
    }

    /** The same metrics with the delivered figures set. */
    public FinalMetrics withDelivered(double accuracyDelivered, long paramsDelivered, long bytesDelivered,
                                      Double totalJoules) {
        return toBuilder().delivered(accuracyDelivered, paramsDelivered, bytesDelivered, totalJoules).build();
    }

    /** The same metrics without delivered figures (to derive them anew from other compression reports). */
    public FinalMetrics withoutDelivered() {
        return toBuilder().delivered(null, null, null, null).build();
    }

    /** True when the delivered figures are present (results written before they existed lack them). */
    public boolean hasDelivered() {
        return deliveredAccuracy != null && deliveredParams != null && deliveredModelBytes != null;
    }

    /** Names each figure of a {@link FinalMetrics} as it is set; see the record's components for their meaning. */
    public static final class Builder {
        private double accuracy;
        private double loss;
        private long params;
        private long flopsPerSample;
        private long modelBytes;
        private double trainSeconds;
        private double samplesPerSecond;
        private int epochsCompleted;
        private StopReason stopReason;
        private Double energyJoules;
        private Double trainEnergyJoules;
        private Double evalEnergyJoules;
        private Double avgPowerWatts;
        private Double co2eGrams;
        private Double costUsd;
        private String energyMethod;
        private Double joulesToTarget;
        private Double deliveredAccuracy;
        private Long deliveredParams;
        private Long deliveredModelBytes;
        private Double totalEnergyJoules;

        private Builder() {
        }

        public Builder accuracy(double v) {
            accuracy = v;
            return this;
        }

        public Builder loss(double v) {
            loss = v;
            return this;
        }

        public Builder params(long v) {
            params = v;
            return this;
        }

        public Builder flopsPerSample(long v) {
            flopsPerSample = v;
            return this;
        }

        public Builder modelBytes(long v) {
            modelBytes = v;
            return this;
        }

        public Builder trainSeconds(double v) {
            trainSeconds = v;
            return this;
        }

        public Builder samplesPerSecond(double v) {
            samplesPerSecond = v;
            return this;
        }

        public Builder epochsCompleted(int v) {
            epochsCompleted = v;
            return this;
        }

        public Builder stopReason(StopReason v) {
            stopReason = v;
            return this;
        }

        /** The metered figures together: they come from one meter and are null together when none ran. */
        public Builder energy(Double total, Double train, Double eval, Double avgWatts, String method) {
            energyJoules = total;
            trainEnergyJoules = train;
            evalEnergyJoules = eval;
            avgPowerWatts = avgWatts;
            energyMethod = method;
            return this;
        }

        public Builder co2eGrams(Double v) {
            co2eGrams = v;
            return this;
        }

        public Builder costUsd(Double v) {
            costUsd = v;
            return this;
        }

        public Builder joulesToTarget(Double v) {
            joulesToTarget = v;
            return this;
        }

        /**
         * The delivered model's figures and the total energy; usually left unset, for {@link RunResult} to derive
         * from the compression reports (see {@link DeliveredFigures}).
         */
        public Builder delivered(Double accuracyOfDelivered, Long paramsOfDelivered, Long bytesOfDelivered,
                                 Double totalJoules) {
            deliveredAccuracy = accuracyOfDelivered;
            deliveredParams = paramsOfDelivered;
            deliveredModelBytes = bytesOfDelivered;
            totalEnergyJoules = totalJoules;
            return this;
        }

        public FinalMetrics build() {
            return new FinalMetrics(accuracy, loss, params, flopsPerSample, modelBytes, trainSeconds,
                    samplesPerSecond, epochsCompleted, stopReason, energyJoules, trainEnergyJoules, evalEnergyJoules,
                    avgPowerWatts, co2eGrams, costUsd, energyMethod, joulesToTarget, deliveredAccuracy,
                    deliveredParams, deliveredModelBytes, totalEnergyJoules);
        }
    }
}
