package dev.verdant.result;

import org.apache.commons.math3.distribution.TDistribution;

/**
 * Whether two groups of repeated runs differ in one figure: Welch's t-test (unequal variances), with the
 * difference of the means {@code a - b}, its 95% confidence interval and the two-sided p-value. The t distribution
 * is commons-math3's. Both groups need two runs or more.
 *
 * @param difference mean of a minus mean of b
 * @param low        lower end of the 95% confidence interval of the difference
 * @param high       upper end
 * @param t          the t statistic
 * @param df         Welch–Satterthwaite degrees of freedom
 * @param p          two-sided p-value
 */
public record WelchTest(double difference, double low, double high, double t, double df, double p) {

    /** Significance level used by {@link #significant()}. */
    public static final double ALPHA = 0.05;

    /** Compares group {@code a} with group {@code b}. */
    public static WelchTest of(double[] a, double[] b) {
        if (a.length < 2 || b.length < 2) {
            throw new IllegalArgumentException("Welch's test needs two runs or more in each group (have "
                    + a.length + " and " + b.length + "); add repeats");
        }
        GroupStatistics sa = GroupStatistics.of(a);
        GroupStatistics sb = GroupStatistics.of(b);
        double va = sa.sd() * sa.sd() / a.length;
        double vb = sb.sd() * sb.sd() / b.length;
        double se = Math.sqrt(va + vb);
        double diff = sa.mean() - sb.mean();
        if (se == 0) {
            // identical values within each group: any difference is exact, none is no difference at all
            double p = diff == 0 ? 1 : 0;
            return new WelchTest(diff, diff, diff, diff == 0 ? 0 : Math.copySign(Double.POSITIVE_INFINITY, diff),
                    a.length + b.length - 2, p);
        }
        double df = (va + vb) * (va + vb)
                / (va * va / (a.length - 1) + vb * vb / (b.length - 1));
        TDistribution dist = new TDistribution(df);
        double t = diff / se;
        double p = 2 * dist.cumulativeProbability(-Math.abs(t));
        double half = dist.inverseCumulativeProbability(0.975) * se;
        return new WelchTest(diff, diff - half, diff + half, t, df, p);
    }

    /** Whether the difference is significant at {@link #ALPHA} (its interval excludes zero). */
    public boolean significant() {
        return p < ALPHA;
    }
}
