package dev.verdant.spec;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A sweep: which spec fields to vary over which values, how to search ({@link SweepMethod}), what to optimise and
 * when to stop. Written in its own YAML file under a top-level {@code sweep:} key (see {@code docs/sweeps.md}).
 *
 * @param name         a short human name
 * @param base         the spec every trial starts from (a file or inline)
 * @param parameters   spec paths such as {@code training.learningRate}, in the order written, and their values
 * @param method       grid (default), random, halving or hyperband
 * @param trials       how many configurations random and halving draw (default: the grid's size when every
 *                     parameter has values, else 10)
 * @param halving      the rungs of halving and Hyperband
 * @param objectives   what to optimise (default: max deliveredAccuracy, min totalEnergyJoules)
 * @param target       the accuracy sought; null for none
 * @param stopAtTarget stop the sweep once a trial reaches the target (default false)
 * @param budget       joule, trial and time limits (default none)
 * @param repeats      runs per configuration and rung, seeds seed .. seed+repeats-1, metrics averaged (default 1)
 * @param seed         seed of the random draws, and of every trial's spec unless the base sets one
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SweepSpec(String name, SweepBase base, Map<String, SweepParameter> parameters, SweepMethod method,
                        Integer trials, SweepHalving halving, List<SweepObjective> objectives, SweepTarget target,
                        Boolean stopAtTarget, SweepBudget budget, Integer repeats, Long seed) {

    /** The most configurations one sweep may have (more is a campaign for a cluster, split it). */
    public static final int MAX_TRIALS = 10_000;

    public SweepSpec {
        name = Objects.requireNonNullElse(name, "sweep");
        parameters = parameters == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
        method = Objects.requireNonNullElse(method, SweepMethod.GRID);
        halving = Objects.requireNonNullElseGet(halving, SweepHalving::defaults);
        objectives = objectives == null || objectives.isEmpty()
                ? List.of(SweepObjective.max("deliveredAccuracy"), SweepObjective.min("totalEnergyJoules"))
                : List.copyOf(objectives);
        stopAtTarget = Objects.requireNonNullElse(stopAtTarget, false);
        budget = Objects.requireNonNullElseGet(budget, SweepBudget::none);
        repeats = Objects.requireNonNullElse(repeats, 1);
        seed = Objects.requireNonNullElse(seed, 1L);
    }

    /** The target accuracy, or null. */
    public Double targetAccuracy() {
        return target == null ? null : target.accuracy();
    }

    /** The same sweep with another base (e.g. the file's spec inlined once read). */
    public SweepSpec withBase(SweepBase newBase) {
        return new SweepSpec(name, newBase, parameters, method, trials, halving, objectives, target, stopAtTarget,
                budget, repeats, seed);
    }

    /** The same sweep with another method. */
    public SweepSpec withMethod(SweepMethod newMethod) {
        return new SweepSpec(name, base, parameters, newMethod, trials, halving, objectives, target, stopAtTarget,
                budget, repeats, seed);
    }

    /** The same sweep with another budget. */
    public SweepSpec withBudget(SweepBudget newBudget) {
        return new SweepSpec(name, base, parameters, method, trials, halving, objectives, target, stopAtTarget,
                newBudget, repeats, seed);
    }

    /** The same sweep with another target and stop rule. */
    public SweepSpec withTarget(SweepTarget newTarget, boolean stop) {
        return new SweepSpec(name, base, parameters, method, trials, halving, objectives, newTarget, stop,
                budget, repeats, seed);
    }

    /** The base spec, once inlined (read from its file or written inline). */
    public ExperimentSpec baseSpec() {
        if (base == null || base.inline() == null) {
            throw new SpecException("sweep.base", "the base spec file has not been read yet");
        }
        return base.inline();
    }
}
