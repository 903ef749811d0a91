package dev.verdant.result;

import org.apache.commons.math3.distribution.TDistribution;

import java.util.Arrays;

/**
 * One figure over a group of repeated runs (same spec, seeds {@code seed .. seed+n-1}): its mean, sample standard
 * deviation and the half-width of the 95% confidence interval of the mean (Student t with {@code n - 1} degrees of
 * freedom). A single run has no interval ({@code halfWidth95} is NaN): one number says nothing about noise.
 *
 * @param n           number of runs
 * @param mean        arithmetic mean
 * @param sd          sample standard deviation ({@code n - 1} in the denominator); NaN for one run
 * @param halfWidth95 {@code t(0.975, n - 1) * sd / sqrt(n)}; NaN for one run
 */
public record GroupStatistics(int n, double mean, double sd, double halfWidth95) {

    /** The statistics of {@code values} (at least one). */
    public static GroupStatistics of(double... values) {
        if (values.length == 0) {
            throw new IllegalArgumentException("no values: a group needs at least one run");
        }
        int n = values.length;
        double mean = Arrays.stream(values).sum() / n;
        if (n == 1) {
            return new GroupStatistics(1, mean, Double.NaN, Double.NaN);
        }
        double ss = 0;
        for (double v : values) {
            ss += (v - mean) * (v - mean);
        }
        double sd = Math.sqrt(ss / (n - 1));
        double t = new TDistribution(n - 1).inverseCumulativeProbability(0.975);
        return new GroupStatistics(n, mean, sd, t * sd / Math.sqrt(n));
    }

    /** Lower end of the 95% confidence interval of the mean. */
    public double low() {
        return mean - halfWidth95;
    }

    /** Upper end of the 95% confidence interval of the mean. */
    public double high() {
        return mean + halfWidth95;
    }

    /** Coefficient of variation, {@code sd / |mean|}; NaN for one run or a zero mean. */
    public double cv() {
        return mean == 0 ? Double.NaN : sd / Math.abs(mean);
    }

    /** Whether there is an interval at all (two runs or more). */
    public boolean hasInterval() {
        return n > 1;
    }
}
