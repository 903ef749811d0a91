package dev.verdant.run;

import dev.verdant.energy.CarbonModel;

/**
 * The deployment what-if: what serving a trained (or compressed) model would cost over its service life, and the day
 * on which inference energy overtakes the energy spent on training. Everything here is an estimate built from
 * measured latency (batch 1 and 64) and measured inference joules per 1000 samples, or from an entered TDP:
 * <ul>
 *   <li>latency of a batch of B: linear between the measured batch 1 and batch 64 latencies,
 *   {@code ms(B) = ms1 + (ms64 - ms1) (B - 1) / 63} (extrapolated beyond 64); per request {@code ms(B) / B};</li>
 *   <li>power while serving: measured, {@code (J per 1k / 1000) / (ms64 / 64 / 1000)} watts, or the TDP entered;</li>
 *   <li>joules per request: power x seconds per request, halved for {@code int8} (an assumption: packed int8 kernels
 *   typically run about twice as fast per sample on CPUs; not measured here);</li>
 *   <li>per year: 365 x requests per day x joules per request; kWh x PUE, gCO2e and cost through the run's
 *   {@link CarbonModel} (region, PUE, price);</li>
 *   <li>break-even day: training joules / inference joules per day.</li>
 * </ul>
 */
public final class DeploymentWhatIf {

    /** What the figures are, on every display. */
    public static final String LABEL = "estimated";

    /** The factor applied to per-request energy for int8 (assumed, see the class comment). */
    public static final double INT8_FACTOR = 0.5;

    private DeploymentWhatIf() {
    }

    /** Number format of the deployed model. */
    public enum Precision {
        FP32, INT8;

        /** {@code fp32} or {@code int8}. */
        public static Precision of(String label) {
            return switch (label.toLowerCase(java.util.Locale.ROOT)) {
                case "fp32" -> FP32;
                case "int8" -> INT8;
                default -> throw new IllegalArgumentException("precision '" + label + "' is not fp32 or int8");
            };
        }
    }

    /**
     * The question.
     *
     * @param requestsPerDay requests (samples) served per day
     * @param batch          requests served per forward pass
     * @param precision      fp32 or int8
     * @param tdpWatts       the hardware's power while serving, or null to use the measured inference power
     * @param years          years in service
     * @param msBatch1       measured median latency of one sample
     * @param msBatch64      measured median latency of 64 samples
     * @param joulesPer1k    measured inference joules per 1000 samples at batch 64 (null: a TDP is required)
     * @param trainingJoules energy spent producing the model (training, evaluation, compression)
     */
    public record Inputs(long requestsPerDay, int batch, Precision precision, Double tdpWatts, double years,
                         double msBatch1, double msBatch64, Double joulesPer1k, double trainingJoules) {
    }

    /**
     * The answer (all estimated).
     *
     * @param msPerBatch       latency of one batch of {@code batch}
     * @param watts            power while serving
     * @param joulesPerRequest energy per request
     * @param joulesPerDay     inference energy per day
     * @param kwhPerYear       facility kWh per year (PUE included)
     * @param gco2ePerYear     grams CO2e per year
     * @param costPerYear      cost per year, or null without a price
     * @param kwhTotal         facility kWh over the service life
     * @param gco2eTotal       grams CO2e over the service life
     * @param costTotal        cost over the service life, or null
     * @param breakEvenDay     days until cumulative inference energy equals the training energy
     * @param busyShare        fraction of the day the hardware is busy serving (above 1: one machine cannot keep up)
     */
    public record Estimate(double msPerBatch, double watts, double joulesPerRequest, double joulesPerDay,
                           double kwhPerYear, double gco2ePerYear, Double costPerYear, double kwhTotal,
                           double gco2eTotal, Double costTotal, double breakEvenDay, double busyShare) {

        /** True when the break-even day falls inside {@code years} of service. */
        public boolean breaksEvenWithin(double years) {
            return breakEvenDay <= years * 365;
        }
    }

    /**
     * The estimate for {@code in} under {@code carbon}.
     *
     * @throws IllegalArgumentException with a sentence saying what is missing or out of range
     */
    public static Estimate estimate(Inputs in, CarbonModel carbon) {
        if (in.requestsPerDay() <= 0 || in.batch() <= 0 || in.years() <= 0) {
            throw new IllegalArgumentException("requests per day, batch and years must be above 0");
        }
        if (in.tdpWatts() == null && (in.joulesPer1k() == null || in.msBatch64() <= 0)) {
            throw new IllegalArgumentException("this run has no measured inference energy; enter the hardware's "
                    + "power with --tdp WATTS");
        }
        if (in.tdpWatts() != null && in.tdpWatts() <= 0) {
            throw new IllegalArgumentException("the TDP must be above 0 watts");
        }
        double msBatch = in.msBatch1() + (in.msBatch64() - in.msBatch1()) * (in.batch() - 1) / 63.0;
        double secondsPerRequest = msBatch / in.batch() / 1000.0;
        double watts = in.tdpWatts() != null ? in.tdpWatts()
                : (in.joulesPer1k() / 1000.0) / (in.msBatch64() / 64.0 / 1000.0);
        double perRequest = watts * secondsPerRequest * (in.precision() == Precision.INT8 ? INT8_FACTOR : 1.0);
        double perDay = perRequest * in.requestsPerDay();
        double perYear = perDay * 365;
        double total = perYear * in.years();
        Double costYear = carbon.costUsd(perYear);
        Double costTotal = carbon.costUsd(total);
        double busy = secondsPerRequest * in.requestsPerDay() / 86_400.0
                * (in.precision() == Precision.INT8 ? INT8_FACTOR : 1.0);
        return new Estimate(msBatch, watts, perRequest, perDay, CarbonModel.kwh(perYear) * carbon.pue(),
                carbon.co2eGrams(perYear), costYear, CarbonModel.kwh(total) * carbon.pue(), carbon.co2eGrams(total),
                costTotal, in.trainingJoules() / perDay, busy);
    }
}
