package dev.verdant.spec;

import java.util.Objects;

/**
 * The rungs of successive halving and Hyperband, in epochs: the first rung trains {@code minEpochs}, each next one
 * {@code eta} times more, the last {@code maxEpochs}; after each rung the best 1/{@code eta} of the trials go on.
 *
 * @param eta       reduction factor, at least 2 (default 3)
 * @param minEpochs epochs of the first rung (default 1)
 * @param maxEpochs epochs of the last rung (default: the base spec's epochs when left out, see {@link #resolve})
 */
public record SweepHalving(Integer eta, Integer minEpochs, Integer maxEpochs) {

    public SweepHalving {
        eta = Objects.requireNonNullElse(eta, 3);
        minEpochs = Objects.requireNonNullElse(minEpochs, 1);
    }

    /** eta 3, from 1 epoch to the base spec's epochs. */
    public static SweepHalving defaults() {
        return new SweepHalving(null, null, null);
    }

    /** The same rungs, with {@code maxEpochs} taken from {@code baseEpochs} when it was left out. */
    public SweepHalving resolve(int baseEpochs) {
        return maxEpochs != null ? this : new SweepHalving(eta, minEpochs, baseEpochs);
    }
}
