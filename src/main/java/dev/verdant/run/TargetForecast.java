package dev.verdant.run;

import dev.verdant.result.EpochForecast;
import dev.verdant.result.EpochRecord;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * The energy-to-target forecast: fits the saturating curve {@code acc(e) = a - b * exp(-c * e)} (a at most 1) to a
 * run's validation accuracies, finds the first whole epoch where it reaches the target, and prices the remaining
 * epochs at the run's median energy per epoch. The band comes from a residual bootstrap: the fit's residuals are
 * resampled onto the fitted curve and refitted 200 times (seeded, so the same epochs give the same band). The fit
 * scans c on a log grid and solves a and b by least squares for each c, so it is deterministic and never diverges.
 */
public final class TargetForecast {

    /** Epochs needed before a curve is fitted (three parameters). */
    public static final int MIN_EPOCHS = 3;
    private static final int BOOTSTRAP = 200;
    private static final double[] C_GRID = new double[80];

    static {
        for (int i = 0; i < C_GRID.length; i++) {
            C_GRID[i] = 0.01 * Math.pow(10, 3.0 * i / (C_GRID.length - 1)); // 0.01 .. 10 per epoch
        }
    }

    /** The fitted curve's parameters. */
    record Fit(double a, double b, double c) {
        double at(double epoch) {
            return a - b * Math.exp(-c * epoch);
        }

        /** The first whole epoch at which the curve reaches {@code target}, or -1 when it never does. */
        int epochReaching(double target) {
            if (a <= target || b <= 0) {
                return -1;
            }
            double e = -Math.log((a - target) / b) / c;
            return (int) Math.max(1, Math.ceil(e - 1e-9));
        }
    }

    private TargetForecast() {
    }

    /**
     * The forecast after the last of {@code epochs} (in order, from epoch 1), or null when there are fewer than
     * {@link #MIN_EPOCHS}, or the fit does not reach {@code target} by {@code horizonEpochs}.
     */
    public static EpochForecast forecast(List<EpochRecord> epochs, double target, int horizonEpochs, long seed) {
        int n = epochs.size();
        if (n < MIN_EPOCHS) {
            return null;
        }
        double[] x = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = epochs.get(i).epoch();
            y[i] = epochs.get(i).valAccuracy();
        }
        EpochRecord last = epochs.get(n - 1);
        Double perEpoch = medianJoules(epochs);
        Fit fit = fit(x, y);
        int reach = reachAfter(fit, target, last, y, horizonEpochs);
        if (reach < 0) {
            return null;
        }
        double[] residuals = new double[n];
        for (int i = 0; i < n; i++) {
            residuals[i] = y[i] - fit.at(x[i]);
        }
        Random random = new Random(seed * 31 + n);
        List<Double> samples = new ArrayList<>();
        double[] yb = new double[n];
        for (int b = 0; b < BOOTSTRAP; b++) {
            for (int i = 0; i < n; i++) {
                yb[i] = fit.at(x[i]) + residuals[random.nextInt(n)];
            }
            int r = reachAfter(fit(x, yb), target, last, y, horizonEpochs);
            if (r >= 0 && perEpoch != null) {
                samples.add(joulesAt(epochs, r, perEpoch));
            }
        }
        Double joules = perEpoch == null ? null : joulesAt(epochs, reach, perEpoch);
        Double low = null;
        Double high = null;
        if (perEpoch != null) {
            // unreachable refits are the most expensive outcomes: +infinity at the top of the sorted list
            double[] all = new double[BOOTSTRAP];
            Arrays.fill(all, Double.POSITIVE_INFINITY);
            for (int i = 0; i < samples.size(); i++) {
                all[i] = samples.get(i);
            }
            Arrays.sort(all);
            double p10 = all[(int) Math.floor(0.1 * (BOOTSTRAP - 1))];
            double p90 = all[(int) Math.ceil(0.9 * (BOOTSTRAP - 1))];
            low = Double.isInfinite(p10) ? null : Math.min(p10, joules);
            high = Double.isInfinite(p90) ? null : Math.max(p90, joules);
        }
        return new EpochForecast(reach, joules, low, high);
    }

    /** The epoch at which the target is reached: already reached, or the fit's projection within the horizon. */
    private static int reachAfter(Fit fit, double target, EpochRecord last, double[] observed, int horizon) {
        for (int i = 0; i < observed.length; i++) {
            if (observed[i] >= target) {
                return i + 1;
            }
        }
        int e = fit.epochReaching(target);
        if (e < 0 || e > horizon) {
            return -1;
        }
        return Math.max(e, last.epoch() + 1);
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

    /** Least squares of {@code y = a - b * exp(-c x)} over the c grid, with a at most 1 and b at least 0. */
    static Fit fit(double[] x, double[] y) {
        int bestIndex = 0;
        double bestSse = Double.POSITIVE_INFINITY;
        for (int k = 0; k < C_GRID.length; k++) {
            double sse = fitAt(x, y, C_GRID[k]).sse;
            if (sse < bestSse - 1e-15) {
                bestSse = sse;
                bestIndex = k;
            }
        }
        // refine c between the grid neighbours of the best (golden-section search on the log of c)
        double lo = Math.log(C_GRID[Math.max(0, bestIndex - 1)]);
        double hi = Math.log(C_GRID[Math.min(C_GRID.length - 1, bestIndex + 1)]);
        double g = (Math.sqrt(5) - 1) / 2;
        for (int i = 0; i < 40; i++) {
            double m1 = hi - g * (hi - lo);
            double m2 = lo + g * (hi - lo);
            if (fitAt(x, y, Math.exp(m1)).sse <= fitAt(x, y, Math.exp(m2)).sse) {
                hi = m2;
            } else {
                lo = m1;
            }
        }
        Scored refined = fitAt(x, y, Math.exp((lo + hi) / 2));
        Scored grid = fitAt(x, y, C_GRID[bestIndex]);
        return refined.sse <= grid.sse ? refined.fit : grid.fit;
    }

    private record Scored(Fit fit, double sse) {
    }

    /** The least-squares a and b for one c. */
    private static Scored fitAt(double[] x, double[] y, double c) {
        double[] z = Arrays.stream(x).map(v -> Math.exp(-c * v)).toArray();
        // y = a - b z: ordinary least squares in (a, b)
        int n = x.length;
        double mz = Arrays.stream(z).average().orElse(0);
        double my = Arrays.stream(y).average().orElse(0);
        double szz = 0;
        double szy = 0;
        for (int i = 0; i < n; i++) {
            szz += (z[i] - mz) * (z[i] - mz);
            szy += (z[i] - mz) * (y[i] - my);
        }
        double b = szz > 0 ? -szy / szz : 0;
        b = Math.max(0, b);
        double a = my + b * mz;
        if (a > 1) { // accuracy saturates at most at 1: refit b with a = 1
            a = 1;
            double num = 0;
            for (int i = 0; i < n; i++) {
                num += z[i] * (1 - y[i]);
            }
            double den = Arrays.stream(z).map(v -> v * v).sum();
            b = den > 0 ? Math.max(0, num / den) : 0;
        }
        double sse = 0;
        for (int i = 0; i < n; i++) {
            double r = y[i] - (a - b * z[i]);
            sse += r * r;
        }
        return new Scored(new Fit(a, b, c), sse);
    }
}
