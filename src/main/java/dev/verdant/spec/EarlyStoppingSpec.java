package dev.verdant.spec;

import java.util.List;
import java.util.Objects;

/**
 * Stop training once the validation metric has not improved for a while.
 *
 * @param patience epochs without an improvement of more than {@code minDelta} before the run stops
 * @param minDelta smallest change of the monitored metric that counts as an improvement
 * @param monitor  {@code valLoss} (lower is better) or {@code valAccuracy} (higher is better)
 */
public record EarlyStoppingSpec(Integer patience, Double minDelta, String monitor) {

    /** Metrics early stopping can watch. */
    public static final List<String> MONITORS = List.of("valLoss", "valAccuracy");

    public EarlyStoppingSpec {
        patience = Objects.requireNonNullElse(patience, 3);
        minDelta = Objects.requireNonNullElse(minDelta, 0.001);
        monitor = Objects.requireNonNullElse(monitor, "valLoss");
    }

    /** Patience 3, minimum improvement 0.001 of the validation loss. */
    public static EarlyStoppingSpec defaults() {
        return new EarlyStoppingSpec(null, null, null);
    }
}
