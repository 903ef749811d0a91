package dev.verdant.spec;

import java.util.List;
import java.util.Objects;

/**
 * Early-exit classifier heads (BranchyNet, Teerapittayanon et al. 2016): a head after each listed block, trained
 * jointly with the final classifier; at early-exit inference a sample leaves at the first head whose confidence (its
 * largest softmax probability) reaches {@code threshold}. A threshold of 1 never exits early (a float softmax can round
 * to exactly 1, so 1 is treated as "off"); 0 sends every sample out at the first head.
 *
 * @param after     1-based indices of the architecture's blocks after which a head sits, ascending
 * @param threshold confidence needed to leave at a head, in [0, 1]
 * @param weights   each head's weight in the joint loss (the final classifier weighs 1); default 0.5 each
 */
public record EarlyExitSpec(List<Integer> after, Double threshold, List<Double> weights) {

    public EarlyExitSpec {
        after = List.copyOf(Objects.requireNonNullElse(after, List.of(1)));
        threshold = Objects.requireNonNullElse(threshold, 0.9);
        weights = weights == null ? after.stream().map(a -> 0.5).toList() : List.copyOf(weights);
    }

    /** The same heads with another threshold. */
    public EarlyExitSpec withThreshold(double newThreshold) {
        return new EarlyExitSpec(after, newThreshold, weights);
    }
}
