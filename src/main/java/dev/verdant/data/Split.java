package dev.verdant.data;

/**
 * Samples of one split, row-major: sample {@code i} occupies {@code features[i*sampleSize .. (i+1)*sampleSize)}.
 *
 * @param features   all samples' features, already scaled for training (e.g. pixels to [0, 1])
 * @param labels     class index of each sample
 * @param sampleSize number of features per sample
 */
public record Split(float[] features, int[] labels, int sampleSize) {

    public Split {
        if (features.length != (long) labels.length * sampleSize) {
            throw new IllegalArgumentException("features hold " + features.length + " values, expected "
                    + labels.length + " samples x " + sampleSize);
        }
    }

    /** Number of samples. */
    public int size() {
        return labels.length;
    }

    /** The first {@code n} samples (all of them when {@code n} is at least the size). */
    public Split first(int n) {
        if (n >= size()) {
            return this;
        }
        return new Split(java.util.Arrays.copyOf(features, n * sampleSize), java.util.Arrays.copyOf(labels, n),
                sampleSize);
    }

    /** The samples at the given indices, in that order. */
    public Split select(int[] indices) {
        float[] f = new float[indices.length * sampleSize];
        int[] l = new int[indices.length];
        for (int i = 0; i < indices.length; i++) {
            System.arraycopy(features, indices[i] * sampleSize, f, i * sampleSize, sampleSize);
            l[i] = labels[indices[i]];
        }
        return new Split(f, l, sampleSize);
    }
}
