package dev.verdant.train;

import dev.verdant.data.Datasets;
import dev.verdant.result.FewShotResult;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * N-way K-shot episodes with a prototype classifier (Snell et al. 2017) on fixed embeddings: each episode draws
 * {@code ways} classes, {@code shots} support samples and {@code queries} query samples of each (disjoint), takes
 * each class's mean support embedding as its prototype and labels every query by the nearest prototype (squared
 * Euclidean distance). Pure arithmetic on embeddings computed once; the episodes are fixed by the seed.
 */
public final class FewShotEpisodes {

    private FewShotEpisodes() {
    }

    /**
     * Runs {@code episodes} episodes.
     *
     * @throws IllegalArgumentException when there are fewer than {@code ways} classes with {@code shots + queries}
     *                                  samples each
     */
    public static FewShotResult run(float[][] embeddings, int[] labels, int numClasses, int ways, int shots, int queries,
                             int episodes, long seed) {
        List<List<Integer>> byClass = new ArrayList<>();
        for (int c = 0; c < numClasses; c++) {
            byClass.add(new ArrayList<>());
        }
        for (int i = 0; i < labels.length; i++) {
            byClass.get(labels[i]).add(i);
        }
        List<Integer> eligible = new ArrayList<>();
        for (int c = 0; c < numClasses; c++) {
            if (byClass.get(c).size() >= shots + queries) {
                eligible.add(c);
            }
        }
        if (eligible.size() < ways) {
            throw new IllegalArgumentException(ways + "-way " + shots + "-shot episodes need " + ways + " classes with "
                    + (shots + queries) + " samples each (" + shots + " support + " + queries + " queries); this "
                    + "data has " + eligible.size() + " such classes of " + numClasses);
        }
        Random random = new Random(seed);
        double[] acc = new double[episodes];
        int dim = embeddings[0].length;
        for (int e = 0; e < episodes; e++) {
            int[] classOrder = Datasets.permutation(eligible.size(), random);
            float[][] prototypes = new float[ways][dim];
            int[][] queryIdx = new int[ways][queries];
            for (int w = 0; w < ways; w++) {
                List<Integer> members = byClass.get(eligible.get(classOrder[w]));
                int[] order = Datasets.permutation(members.size(), random);
                for (int s = 0; s < shots; s++) {
                    float[] x = embeddings[members.get(order[s])];
                    for (int j = 0; j < dim; j++) {
                        prototypes[w][j] += x[j] / shots;
                    }
                }
                for (int q = 0; q < queries; q++) {
                    queryIdx[w][q] = members.get(order[shots + q]);
                }
            }
            int correct = 0;
            for (int w = 0; w < ways; w++) {
                for (int q : queryIdx[w]) {
                    if (nearest(prototypes, embeddings[q]) == w) {
                        correct++;
                    }
                }
            }
            acc[e] = (double) correct / (ways * queries);
        }
        double mean = java.util.Arrays.stream(acc).average().orElse(0);
        double var = 0;
        for (double a : acc) {
            var += (a - mean) * (a - mean);
        }
        double sd = episodes > 1 ? Math.sqrt(var / (episodes - 1)) : 0;
        return new FewShotResult(ways, shots, queries, episodes, mean, 1.96 * sd / Math.sqrt(episodes), acc);
    }

    private static int nearest(float[][] prototypes, float[] x) {
        int best = 0;
        double bestD = Double.POSITIVE_INFINITY;
        for (int w = 0; w < prototypes.length; w++) {
            double d = 0;
            for (int j = 0; j < x.length; j++) {
                double diff = x[j] - prototypes[w][j];
                d += diff * diff;
            }
            if (d < bestD) {
                bestD = d;
                best = w;
            }
        }
        return best;
    }
}
