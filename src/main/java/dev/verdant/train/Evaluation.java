package dev.verdant.train;

/**
 * Loss and accuracy of a model on one split.
 *
 * @param loss     mean cross-entropy
 * @param accuracy fraction of samples classified correctly
 * @param samples  how many samples were evaluated
 */
public record Evaluation(double loss, double accuracy, int samples) {
}
