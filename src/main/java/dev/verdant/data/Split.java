package dev.verdant.data;

import java.util.Arrays;

/**
 * Samples of one split, row-major: sample {@code i} occupies values {@code [i*sampleSize, (i+1)*sampleSize)}.
 *
 * <p>Two storages behind one API: {@code float} values already scaled for training (CSV, synthetic, resampled), or the
 * 8-bit values of image files kept as they were read ({@link #ofBytes}), each meaning {@code (b & 0xff) / 255f}.
 * Bytes take a quarter of the memory (CIFAR-10's training split: 153 MB instead of 614 MB) and are converted to
 * floats per batch, on the native side when training ({@code model.Batches}). {@link #features()} gives floats for
 * either; for an 8-bit split it is a fresh full-size copy, so per-sample readers use {@link #copySample} instead.
 */
public final class Split {

    private final float[] features;
    private final byte[] bytes;
    private final int[] labels;
    private final int sampleSize;

    /**
     * A split of float features.
     *
     * @param features   all samples' features, already scaled for training (e.g. pixels to [0, 1])
     * @param labels     class index of each sample
     * @param sampleSize number of features per sample
     */
    public Split(float[] features, int[] labels, int sampleSize) {
        this(features, null, labels, sampleSize, features.length);
    }

    private Split(float[] features, byte[] bytes, int[] labels, int sampleSize, long values) {
        if (values != (long) labels.length * sampleSize) {
            throw new IllegalArgumentException("features hold " + values + " values, expected "
                    + labels.length + " samples x " + sampleSize);
        }
        this.features = features;
        this.bytes = bytes;
        this.labels = labels;
        this.sampleSize = sampleSize;
    }

    /**
     * A split of 8-bit values (pixels as read from an image file); value {@code b} means {@code (b & 0xff) / 255f}.
     * The arrays are kept, not copied.
     */
    public static Split ofBytes(byte[] values, int[] labels, int sampleSize) {
        return new Split(null, values, labels, sampleSize, values.length);
    }

    /** The training value of the 8-bit value {@code b}: {@code (b & 0xff) / 255f}, exactly as the loaders always scaled. */
    public static float byteValue(byte b) {
        return (b & 0xff) / 255f;
    }

    /** All samples' features as floats: the array itself for a float split, a fresh converted copy for an 8-bit one. */
    public float[] features() {
        if (features != null) {
            return features;
        }
        float[] f = new float[bytes.length];
        for (int i = 0; i < f.length; i++) {
            f[i] = byteValue(bytes[i]);
        }
        return f;
    }

    /** True when the values are kept as 8-bit bytes ({@link #bytes()}), false for floats. */
    public boolean isBytes() {
        return bytes != null;
    }

    /** The 8-bit values of a split made by {@link #ofBytes}, itself (not a copy); null for a float split. */
    public byte[] bytes() {
        return bytes;
    }

    /** The float values of a float split, itself (not a copy); null for an 8-bit split. */
    public float[] floats() {
        return features;
    }

    /** Copies sample {@code sample}'s features, as floats, into {@code dst} from {@code offset}. */
    public void copySample(int sample, float[] dst, int offset) {
        int from = sample * sampleSize;
        if (features != null) {
            System.arraycopy(features, from, dst, offset, sampleSize);
        } else {
            for (int i = 0; i < sampleSize; i++) {
                dst[offset + i] = byteValue(bytes[from + i]);
            }
        }
    }

    /** Feature {@code index} of the flat value array (sample {@code index / sampleSize}), as a float. */
    public float value(long index) {
        return features != null ? features[(int) index] : byteValue(bytes[(int) index]);
    }

    /** Class index of each sample. */
    public int[] labels() {
        return labels;
    }

    /** Number of features per sample. */
    public int sampleSize() {
        return sampleSize;
    }

    /** Number of samples. */
    public int size() {
        return labels.length;
    }

    /** Bytes the feature values take in memory (1 per value for an 8-bit split, 4 for floats). */
    public long featureBytes() {
        return features != null ? 4L * features.length : bytes.length;
    }

    /** The first {@code n} samples (all of them when {@code n} is at least the size), in the same storage. */
    public Split first(int n) {
        if (n >= size()) {
            return this;
        }
        int[] l = Arrays.copyOf(labels, n);
        return features != null ? new Split(Arrays.copyOf(features, n * sampleSize), l, sampleSize)
                : ofBytes(Arrays.copyOf(bytes, n * sampleSize), l, sampleSize);
    }

    /** The samples at the given indices, in that order, in the same storage. */
    public Split select(int[] indices) {
        int[] l = new int[indices.length];
        Object dst = features != null ? new float[indices.length * sampleSize] : new byte[indices.length * sampleSize];
        Object src = features != null ? features : bytes;
        for (int i = 0; i < indices.length; i++) {
            System.arraycopy(src, indices[i] * sampleSize, dst, i * sampleSize, sampleSize);
            l[i] = labels[indices[i]];
        }
        return features != null ? new Split((float[]) dst, l, sampleSize) : ofBytes((byte[]) dst, l, sampleSize);
    }

    @Override
    public String toString() {
        return "Split[" + size() + " samples x " + sampleSize + (isBytes() ? " bytes]" : " floats]");
    }
}
