package dev.verdant.data;

/**
 * Per-feature z-scores, {@code (x - mean) / std}, with statistics fitted on one split (the training split) and
 * applied unchanged to others. A constant feature (std 0) is only centred: dividing would make it NaN.
 */
final class Standardizer {

    private final double[] mean;
    private final double[] std;

    private Standardizer(double[] mean, double[] std) {
        this.mean = mean;
        this.std = std;
    }

    /** Mean and population standard deviation of each feature of {@code s}, accumulated in double. */
    static Standardizer fit(Split s) {
        int f = s.sampleSize();
        int n = s.size();
        double[] mean = new double[f];
        double[] std = new double[f];
        float[] x = s.features();
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < f; j++) {
                mean[j] += x[i * f + j];
            }
        }
        for (int j = 0; j < f; j++) {
            mean[j] /= Math.max(1, n);
        }
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < f; j++) {
                double d = x[i * f + j] - mean[j];
                std[j] += d * d;
            }
        }
        for (int j = 0; j < f; j++) {
            std[j] = Math.sqrt(std[j] / Math.max(1, n));
        }
        return new Standardizer(mean, std);
    }

    Split apply(Split s) {
        int f = s.sampleSize();
        float[] x = s.features();
        float[] out = new float[x.length];
        for (int i = 0; i < out.length; i++) {
            int j = i % f;
            double centred = x[i] - mean[j];
            out[i] = (float) (isConstant(j) ? centred : centred / std[j]);
        }
        return new Split(out, s.labels(), f);
    }

    /** Zero up to the rounding of summing identical values, which can leave a spread of ~1e-16 of the mean. */
    private boolean isConstant(int j) {
        return std[j] <= 1e-9 * Math.max(1, Math.abs(mean[j]));
    }
}
