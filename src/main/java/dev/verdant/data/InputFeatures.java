package dev.verdant.data;

import java.util.Random;

/**
 * Extra inputs computed from a synthetic set's two coordinates ({@code dataset.features}): {@code xy} keeps them as
 * they are; {@code playground} adds x², y², xy, sin x and sin y (the TensorFlow Playground's feature boxes);
 * {@code fourier} adds 32 random Fourier features cos(w·p + b) with seeded weights w ~ N(0, 4²) (Tancik et al.,
 * 2020), which let a small network draw the tight turns of the spirals. The same expansion is applied to training,
 * validation and the playground's prediction grid, so it lives here, once.
 */
public final class InputFeatures {

    private static final int FOURIER = 32;
    private static final double FOURIER_SCALE = 4.0;
    private static final float[][] W = new float[2][FOURIER];
    private static final float[] B = new float[FOURIER];

    static {
        // a fixed seed: the features are part of the data's definition, not of a run's randomness
        Random r = new Random(20201);
        for (int j = 0; j < FOURIER; j++) {
            W[0][j] = (float) (r.nextGaussian() * FOURIER_SCALE);
            W[1][j] = (float) (r.nextGaussian() * FOURIER_SCALE);
            B[j] = (float) (r.nextDouble() * 2 * Math.PI);
        }
    }

    private InputFeatures() {
    }

    /** Inputs per point for {@code features} (null means {@code xy}). */
    public static int size(String features) {
        return switch (features == null ? "xy" : features) {
            case "xy" -> 2;
            case "playground" -> 7;
            case "fourier" -> 2 + FOURIER;
            default -> throw new DatasetException("unknown dataset.features '" + features
                    + "': choose xy, playground or fourier");
        };
    }

    /** Expands row-major (x, y) pairs into {@link #size} inputs per point. */
    public static float[] expand(float[] xy, String features) {
        int k = size(features);
        if (k == 2) {
            return xy;
        }
        int n = xy.length / 2;
        float[] out = new float[n * k];
        for (int i = 0; i < n; i++) {
            float x = xy[2 * i];
            float y = xy[2 * i + 1];
            int o = i * k;
            out[o] = x;
            out[o + 1] = y;
            if ("playground".equals(features)) {
                out[o + 2] = x * x;
                out[o + 3] = y * y;
                out[o + 4] = x * y;
                out[o + 5] = (float) Math.sin(x);
                out[o + 6] = (float) Math.sin(y);
            } else {
                for (int j = 0; j < FOURIER; j++) {
                    out[o + 2 + j] = (float) Math.cos(W[0][j] * x + W[1][j] * y + B[j]);
                }
            }
        }
        return out;
    }

    /** {@code data} with its points expanded (a no-op for {@code xy}). */
    static LoadedData apply(LoadedData data, String features) {
        int k = size(features);
        if (k == 2) {
            return data;
        }
        Split train = new Split(expand(data.train().features(), features), data.train().labels(), k);
        Split val = new Split(expand(data.validation().features(), features), data.validation().labels(), k);
        return new LoadedData(data.name(), train, val, new long[] {k}, data.classNames(), ContentHash.of(train, val));
    }
}
