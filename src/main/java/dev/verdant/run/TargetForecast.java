package dev.verdant.run;

import dev.verdant.result.EpochForecast;
import dev.verdant.result.EpochRecord;

import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * The energy-to-target forecast. Validation error {@code 1 - accuracy} is modelled in log space as a straight line
 * in a Box-Cox transform of the epoch, {@code ln(err) = alpha - beta * g(epoch)} with
 * {@code g = (epoch^lambda - 1) / lambda}, for lambda in {0, 0.25, 0.5, 0.75, 1}: lambda 0 is a power law in the
 * epoch, lambda 1 an exponential decay, the others lie between (Domhan et al. 2015 average a family of curves the
 * same way). Each family has two parameters, so three epochs already leave one degree of freedom, where the earlier
 * {@code a - b * exp(-c * e)} fit three parameters through three points and its asymptote swung wildly.
 *
 * <p>The families are weighted by their marginal likelihood (Gaussian noise of {@link #SIGMA} in ln(err), flat
 * priors on alpha and beta, equal prior weights): the Bayesian model average. {@link #DRAWS} seeded draws from the
 * posterior (a family, then alpha and beta) each simulate the coming epochs with observation noise
 * {@link #OBSERVATION_NOISE} and record the first epoch whose simulated accuracy reaches the target, as a run would
 * see it. The forecast is the median of those epochs, the band their 10th and 90th percentiles, each priced at the
 * run's median joules per epoch. "Not reachable" (null) is said only when fewer than {@link #MIN_REACH_SHARE} of the
 * draws reach the target within the horizon. The constants were chosen on the development runs of
 * {@code bench/forecast.sh} (seeds 1 and 2) and checked on its held-out runs.
 */
public final class TargetForecast {

    /** Epochs needed before a curve is fitted (two parameters and one degree of freedom). */
    public static final int MIN_EPOCHS = 3;
    /** Posterior draws: enough for stable 10th/90th percentiles, cheap enough to run after every epoch. */
    static final int DRAWS = 400;
    /** Noise of ln(validation error) assumed for the likelihood and the parameter posterior. */
    static final double SIGMA = 0.2;
    /** Epoch-to-epoch noise of ln(validation error) when simulating the coming epochs. */
    static final double OBSERVATION_NOISE = 0.1;
    /** Below this share of draws reaching the target within the horizon, the forecast says "not reachable". */
    static final double MIN_REACH_SHARE = 0.3;
    /** Box-Cox exponents of the epoch: 0 = power law, 1 = exponential. */
    private static final double[] LAMBDAS = {0, 0.25, 0.5, 0.75, 1};
    /** Validation error is floored here before its logarithm (a perfect epoch would give minus infinity). */
    private static final double MIN_ERROR = 1e-3;
    /** Noise deviations above the target beyond which an epoch is taken not to reach it (see firstReach). */
    private static final double NOISE_REACH = 4;
    /** Simulated epochs beyond this many are not simulated: the horizon of a very long run is cut here. */
    private static final int MAX_SIMULATED = 100_000;

    /** One family's least-squares line in (g(epoch), ln err) and what the posterior needs of it. */
    record Line(double lambda, double alpha, double beta, double c11, double c12, double c22, double logWeight) {
        /** ln(err) of the line at an epoch. */
        double at(double alphaDraw, double betaDraw, double epoch) {
            return alphaDraw - betaDraw * g(lambda, epoch);
        }
    }

    private TargetForecast() {
    }

    /** The Box-Cox transform of the epoch. */
    static double g(double lambda, double epoch) {
        return lambda == 0 ? Math.log(epoch) : (Math.pow(epoch, lambda) - 1) / lambda;
    }

    /**
     * The forecast after the last of {@code epochs} (in order, from epoch 1), or null when there are fewer than
     * {@link #MIN_EPOCHS}, or too few posterior draws reach {@code target} by {@code horizonEpochs}.
     */
    public static EpochForecast forecast(List<EpochRecord> epochs, double target, int horizonEpochs, long seed) {
        int n = epochs.size();
        if (n < MIN_EPOCHS) {
            return null;
        }
        Double perEpoch = medianJoules(epochs);
        for (int i = 0; i < n; i++) { // already reached: what it took
            if (epochs.get(i).valAccuracy() >= target) {
                Double joules = perEpoch == null ? null : joulesAt(epochs, i + 1, perEpoch);
                return new EpochForecast(i + 1, joules, joules, joules);
            }
        }
        int last = epochs.get(n - 1).epoch();
        if (horizonEpochs <= last) {
            return null;
        }
        double[] x = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = epochs.get(i).epoch();
            y[i] = Math.log(Math.max(MIN_ERROR, 1 - epochs.get(i).valAccuracy()));
        }
        double yTarget = Math.log(Math.max(MIN_ERROR, 1 - target));
        Line[] lines = new Line[LAMBDAS.length];
        double maxLog = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < LAMBDAS.length; k++) {
            lines[k] = fit(LAMBDAS[k], x, y);
            maxLog = Math.max(maxLog, lines[k].logWeight());
        }
        double[] cumulative = new double[lines.length];
        double total = 0;
        for (int k = 0; k < lines.length; k++) {
            total += Math.exp(lines[k].logWeight() - maxLog);
            cumulative[k] = total;
        }
        int end = (int) Math.min((long) horizonEpochs, (long) last + MAX_SIMULATED);
        Random random = new Random(seed * 31 + n);
        int[] reached = new int[DRAWS]; // first epoch at or over the target; Integer.MAX_VALUE: not within the horizon
        for (int d = 0; d < DRAWS; d++) {
            double u = random.nextDouble() * total;
            int k = 0;
            while (k < lines.length - 1 && u > cumulative[k]) {
                k++;
            }
            Line line = lines[k];
            // (alpha, beta) ~ N(fit, SIGMA^2 (X'X)^-1), by the Cholesky factor of the 2x2 covariance
            double z1 = random.nextGaussian();
            double z2 = random.nextGaussian();
            double l11 = Math.sqrt(line.c11());
            double l21 = line.c12() / l11;
            double l22 = Math.sqrt(Math.max(0, line.c22() - l21 * l21));
            double alpha = line.alpha() + SIGMA * l11 * z1;
            double beta = line.beta() + SIGMA * (l21 * z1 + l22 * z2);
            reached[d] = firstReach(line, alpha, beta, yTarget, last + 1, end, random);
        }
        Arrays.sort(reached);
        int within = 0;
        while (within < DRAWS && reached[within] != Integer.MAX_VALUE) {
            within++;
        }
        if (within < MIN_REACH_SHARE * DRAWS) {
            return null;
        }
        int median = Math.min(reached[DRAWS / 2], horizonEpochs);
        int p10 = reached[(int) Math.floor(0.1 * (DRAWS - 1))];
        int p90 = reached[(int) Math.ceil(0.9 * (DRAWS - 1))];
        if (perEpoch == null) {
            return new EpochForecast(median, null, null, null);
        }
        double joules = joulesAt(epochs, median, perEpoch);
        double low = Math.min(joules, joulesAt(epochs, Math.min(p10, horizonEpochs), perEpoch));
        Double high = p90 == Integer.MAX_VALUE ? null : Math.max(joules, joulesAt(epochs, p90, perEpoch));
        return new EpochForecast(median, joules, low, high);
    }

    /**
     * The first epoch in {@code [from, end]} whose simulated ln(err) (the drawn line plus observation noise) is at or
     * below {@code yTarget}, or {@link Integer#MAX_VALUE}. Epochs where the line lies more than
     * {@link #NOISE_REACH} noise deviations above the target are skipped (their chance of a dip is under 1 in 30,000):
     * the line is monotone, so where that stretch ends is solved for, which keeps a forecast over a horizon of
     * thousands of epochs to a handful of simulated epochs per draw.
     */
    private static int firstReach(Line line, double alpha, double beta, double yTarget, int from, int end,
                                  Random random) {
        double reachable = yTarget + NOISE_REACH * OBSERVATION_NOISE;
        int start = from;
        if (line.at(alpha, beta, from) > reachable) {
            if (beta <= 0) { // error flat or rising: it never comes within reach
                return Integer.MAX_VALUE;
            }
            double v = (alpha - reachable) / beta; // g(epoch) at which the line comes within reach
            double e = line.lambda() == 0 ? Math.exp(v) : Math.pow(Math.max(0, line.lambda() * v + 1),
                    1 / line.lambda());
            if (!(e <= end)) {
                return Integer.MAX_VALUE;
            }
            start = Math.max(from, (int) Math.floor(e));
        }
        for (int e = start; e <= end; e++) {
            double at = line.at(alpha, beta, e);
            if (at + OBSERVATION_NOISE * random.nextGaussian() <= yTarget) {
                return e;
            }
            if (beta <= 0 && at > reachable) {
                return Integer.MAX_VALUE;
            }
        }
        return Integer.MAX_VALUE;
    }

    /**
     * The least-squares line of {@code y} on {@code g(lambda, x)}, its scaled covariance {@code (X'X)^-1} and its log
     * marginal likelihood up to a shared constant: {@code -SSE / (2 SIGMA^2) - ln det(X'X) / 2}.
     */
    static Line fit(double lambda, double[] x, double[] y) {
        int n = x.length;
        double sg = 0;
        double sgg = 0;
        double sy = 0;
        double sgy = 0;
        for (int i = 0; i < n; i++) {
            double gi = g(lambda, x[i]);
            sg += gi;
            sgg += gi * gi;
            sy += y[i];
            sgy += gi * y[i];
        }
        double det = n * sgg - sg * sg;
        // y = alpha + slope * g, beta = -slope (error falls as the epoch grows)
        double slope = (n * sgy - sg * sy) / det;
        double alpha = (sy - slope * sg) / n;
        double sse = 0;
        for (int i = 0; i < n; i++) {
            double r = y[i] - alpha - slope * g(lambda, x[i]);
            sse += r * r;
        }
        // (X'X)^-1 for the columns (1, g), in (alpha, slope); beta = -slope flips the sign of the covariance
        double c11 = sgg / det;
        double c12 = sg / det;
        double c22 = n / det;
        double logWeight = -sse / (2 * SIGMA * SIGMA) - 0.5 * Math.log(det);
        return new Line(lambda, alpha, -slope, c11, c12, c22, logWeight);
    }

    private static double joulesAt(List<EpochRecord> epochs, int epoch, double perEpoch) {
        EpochRecord last = epochs.get(epochs.size() - 1);
        if (epoch <= last.epoch()) { // already reached: what it took
            Double at = epochs.get(epoch - 1).cumulativeEnergyJoules();
            return at == null ? 0 : at;
        }
        double now = last.cumulativeEnergyJoules() == null ? 0 : last.cumulativeEnergyJoules();
        return now + Math.max(0, epoch - last.epoch()) * perEpoch;
    }

    /** The median energy of the epochs after the first (the first carries warm-up), or null without a meter. */
    static Double medianJoules(List<EpochRecord> epochs) {
        double[] j = epochs.stream().skip(epochs.size() > 1 ? 1 : 0).map(EpochRecord::energyJoules)
                .filter(v -> v != null).mapToDouble(Double::doubleValue).sorted().toArray();
        if (j.length == 0) {
            return null;
        }
        return j.length % 2 == 1 ? j[j.length / 2] : (j[j.length / 2 - 1] + j[j.length / 2]) / 2;
    }
}
