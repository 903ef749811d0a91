package dev.verdant.train;

import dev.verdant.data.Split;

/**
 * Area resampling of image splits (each output pixel averages the input area it covers, with fractional weights at
 * the edges, like PIL's box filter or PyTorch's {@code interpolate(mode='area')}): anti-aliased when shrinking, and an
 * exact 2x2 average when halving. Done once per resolution on the Java side, so batches stay plain copies.
 */
final class Resampling {

    private Resampling() {
    }

    /** {@code split}'s {@code [channels, height, width]} images resampled to {@code size x size}. */
    static Split area(Split split, int channels, int height, int width, int size) {
        float[][] wy = weights(height, size);
        float[][] wx = weights(width, size);
        int in = channels * height * width;
        int out = channels * size * size;
        float[] src = new float[in]; // one sample at a time: an 8-bit split is never converted whole
        float[] dst = new float[split.size() * out];
        float[] rows = new float[size * width];
        for (int n = 0; n < split.size(); n++) {
            split.copySample(n, src, 0);
            for (int c = 0; c < channels; c++) {
                int base = c * height * width;
                // Rows first: rows[oy][x] = sum over y of wy[oy][y] * src[y][x].
                java.util.Arrays.fill(rows, 0f);
                for (int oy = 0; oy < size; oy++) {
                    for (int y = 0; y < height; y++) {
                        float w = wy[oy][y];
                        if (w != 0) {
                            for (int x = 0; x < width; x++) {
                                rows[oy * width + x] += w * src[base + y * width + x];
                            }
                        }
                    }
                }
                int target = n * out + c * size * size;
                for (int oy = 0; oy < size; oy++) {
                    for (int ox = 0; ox < size; ox++) {
                        float sum = 0;
                        for (int x = 0; x < width; x++) {
                            sum += wx[ox][x] * rows[oy * width + x];
                        }
                        dst[target + oy * size + ox] = sum;
                    }
                }
            }
        }
        return new Split(dst, split.labels(), out);
    }

    /** {@code w[o][i]}: the share of input cell {@code i} in output cell {@code o}; each row sums to 1. */
    private static float[][] weights(int in, int out) {
        float[][] w = new float[out][in];
        double scale = (double) in / out;
        for (int o = 0; o < out; o++) {
            double from = o * scale;
            double to = from + scale;
            for (int i = (int) Math.floor(from); i < Math.min(in, (int) Math.ceil(to)); i++) {
                double overlap = Math.min(to, i + 1) - Math.max(from, i);
                w[o][i] = (float) (overlap / scale);
            }
        }
        return w;
    }
}
