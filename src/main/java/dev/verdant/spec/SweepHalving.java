package dev.verdant.spec;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;
import java.util.Objects;

/**
 * The rungs of successive halving and Hyperband: in epochs (the first rung trains {@code minEpochs}, each next one
 * {@code eta} times more, the last {@code maxEpochs}) or in joules ({@code unit: joules}: a trial's allowance grows
 * from {@code minJoules} by eta up to {@code maxJoules}); after each rung the best 1/{@code eta} of the trials go on.
 *
 * @param eta            reduction factor, at least 2 (default 3)
 * @param minEpochs      epochs of the first rung (default 1)
 * @param maxEpochs      epochs of the last rung (default: the base spec's epochs when left out, see {@link #resolve});
 *                       with joule rungs, the most epochs any trial trains
 * @param selection      how a front is ordered for promotion with several objectives: {@code epsnet} (default) or
 *                       {@code crowding} (NSGA-II), see {@code sweep.Promotion}
 * @param continueTrials a promoted trial continues from its previous rung's stored model instead of training again
 *                       from scratch (default false: the optimiser restarts at each rung, which cost accuracy in the
 *                       bench, see docs/sweeps.md)
 * @param stopOnForecast with a sweep target: prune a trial once its energy-to-target forecast says the target is out
 *                       of reach within maxEpochs, or costs more joules than the budget has left (default false)
 * @param unit           {@code epochs} (default) or {@code joules}: what a rung's allowance is counted in
 * @param minJoules      with {@code unit: joules}: a trial's allowance at the first rung
 * @param maxJoules      with {@code unit: joules}: a trial's allowance at the last rung
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SweepHalving(Integer eta, Integer minEpochs, Integer maxEpochs, String selection,
                           Boolean continueTrials, Boolean stopOnForecast, String unit, Double minJoules,
                           Double maxJoules) {

    /** The rung units. */
    public static final List<String> UNITS = List.of("epochs", "joules");

    public SweepHalving {
        eta = Objects.requireNonNullElse(eta, 3);
        minEpochs = Objects.requireNonNullElse(minEpochs, 1);
    }

    /** Rungs in epochs, the default selection, retraining and no forecast stopping (the first arity). */
    public SweepHalving(Integer eta, Integer minEpochs, Integer maxEpochs) {
        this(eta, minEpochs, maxEpochs, null, null, null, null, null, null);
    }

    /** eta 3, from 1 epoch to the base spec's epochs. */
    public static SweepHalving defaults() {
        return new SweepHalving(null, null, null);
    }

    /** The same rungs, with {@code maxEpochs} taken from {@code baseEpochs} when it was left out. */
    public SweepHalving resolve(int baseEpochs) {
        return maxEpochs != null ? this : new SweepHalving(eta, minEpochs, baseEpochs, selection, continueTrials,
                stopOnForecast, unit, minJoules, maxJoules);
    }

    /** True when rungs are counted in joules. */
    public boolean inJoules() {
        return "joules".equals(unit);
    }

    /** Whether promoted trials continue from their stored model (when asked) rather than train again. */
    public boolean continues() {
        return Boolean.TRUE.equals(continueTrials);
    }

    /** Whether trials are pruned on their energy-to-target forecast (off unless asked). */
    public boolean forecastStops() {
        return Boolean.TRUE.equals(stopOnForecast);
    }

    /** The front order's name: {@code epsnet} unless another was given. */
    public String selectionOrDefault() {
        return selection == null ? "epsnet" : selection;
    }
}
