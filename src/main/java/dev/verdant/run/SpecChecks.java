package dev.verdant.run;

import dev.verdant.energy.CarbonModel;
import dev.verdant.spec.ExperimentSpec;
import dev.verdant.spec.SpecException;
import dev.verdant.spec.SpecProblem;
import dev.verdant.spec.SpecValidator;

import java.util.ArrayList;
import java.util.List;

/**
 * Everything a run checks in its spec before it starts: the spec's own rules ({@link SpecValidator}) and the names
 * only the engine's tables know (the grid region). {@code verdant spec check} and {@code verdant run} both call this,
 * so a spec the checker accepts is never refused by the run.
 */
public final class SpecChecks {

    private SpecChecks() {
    }

    /** Every problem of {@code spec}, the validator's and the engine's; empty when it can run. */
    public static List<SpecProblem> problems(ExperimentSpec spec) {
        List<SpecProblem> found = new ArrayList<>(SpecValidator.problems(spec));
        if (found.stream().noneMatch(p -> p.field().equals("energy.region"))) {
            try {
                CarbonModel.of(spec.energy());
            } catch (IllegalArgumentException e) {
                found.add(new SpecProblem("energy.region", e.getMessage().replaceFirst("^energy\\.region ", "")));
            }
        }
        return found;
    }

    /** Throws a {@link SpecException} listing every problem, or returns the spec when it can run. */
    public static ExperimentSpec requireRunnable(ExperimentSpec spec) {
        List<SpecProblem> found = problems(spec);
        if (!found.isEmpty()) {
            throw new SpecException(found);
        }
        return spec;
    }
}
