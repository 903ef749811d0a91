package dev.verdant.result;

/**
 * Accuracy of N-way K-shot episodes with a prototype classifier on a trained network's embeddings.
 *
 * @param ways       classes per episode
 * @param shots      support samples per class
 * @param queries    query samples per class in each episode
 * @param episodes   episodes run
 * @param mean       mean episode accuracy
 * @param ci95       half-width of the 95% confidence interval of the mean (1.96 standard errors)
 * @param perEpisode each episode's accuracy, in order
 */
public record FewShotResult(int ways, int shots, int queries, int episodes, double mean, double ci95,
                            double[] perEpisode) {
}
