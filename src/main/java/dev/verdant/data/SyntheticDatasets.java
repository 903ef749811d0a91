package dev.verdant.data;

import java.util.List;
import java.util.Random;

/**
 * The TensorFlow Playground's two-dimensional teaching sets, generated from the seed: two interleaved
 * {@code spirals}, concentric {@code circles}, the {@code xor} quadrants and two {@code gaussians}.
 * Points lie roughly in [-1, 1]^2; noise is Gaussian with the given standard deviation (in those units).
 */
final class SyntheticDatasets {

    private SyntheticDatasets() {
    }

    static LoadedData generate(String kind, int samples, double noise, double validationSplit, long seed) {
        Random r = new Random(seed);
        float[] f = new float[samples * 2];
        int[] labels = new int[samples];
        for (int i = 0; i < samples; i++) {
            int label = i % 2;
            double x;
            double y;
            switch (kind) {
                case "spirals" -> {
                    double t = (double) (i / 2) / Math.max(1, samples / 2) * 1.75 * 2 * Math.PI;
                    double radius = t / (1.75 * 2 * Math.PI);
                    double angle = t + label * Math.PI;
                    x = radius * Math.sin(angle);
                    y = radius * Math.cos(angle);
                }
                case "circles" -> {
                    double radius = label == 0 ? r.nextDouble() * 0.5 : 0.7 + r.nextDouble() * 0.3;
                    double angle = r.nextDouble() * 2 * Math.PI;
                    x = radius * Math.sin(angle);
                    y = radius * Math.cos(angle);
                }
                case "xor" -> {
                    x = r.nextDouble() * 2 - 1;
                    y = r.nextDouble() * 2 - 1;
                    double padding = 0.05;
                    x += x > 0 ? padding : -padding;
                    y += y > 0 ? padding : -padding;
                    label = (x * y >= 0) ? 0 : 1;
                }
                case "gaussians" -> {
                    double centre = label == 0 ? -0.5 : 0.5;
                    x = centre + r.nextGaussian() * 0.25;
                    y = centre + r.nextGaussian() * 0.25;
                }
                default -> throw new DatasetException("unknown synthetic dataset '" + kind + "'");
            }
            f[2 * i] = (float) (x + r.nextGaussian() * noise);
            f[2 * i + 1] = (float) (y + r.nextGaussian() * noise);
            labels[i] = label;
        }
        return Datasets.shuffleSplit(kind, new Split(f, labels, 2), validationSplit, seed, new long[] {2},
                List.of("0", "1"));
    }
}
