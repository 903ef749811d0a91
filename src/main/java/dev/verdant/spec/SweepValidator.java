package dev.verdant.spec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.DoubleNode;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks a sweep before anything runs: its parameters (each path exists in the spec, each value, and each end of a
 * range, gives a spec the {@link SpecValidator} accepts), the method's settings, objectives, target and budget.
 * Every problem names its field under {@code sweep.}.
 */
public final class SweepValidator {

    private final List<SpecProblem> problems = new ArrayList<>();

    private SweepValidator() {
    }

    /** Every problem of {@code sweep}; empty when valid. */
    public static List<SpecProblem> problems(SweepSpec sweep) {
        SweepValidator v = new SweepValidator();
        v.check(sweep);
        return List.copyOf(v.problems);
    }

    /** Throws a {@link SpecException} listing every problem, or returns the sweep when valid. */
    public static SweepSpec requireValid(SweepSpec sweep) {
        List<SpecProblem> found = problems(sweep);
        if (!found.isEmpty()) {
            throw new SpecException(found);
        }
        return sweep;
    }

    /** How many configurations a grid over the sweep's values has (ranges count as 0: no grid). */
    public static long gridSize(SweepSpec sweep) {
        long n = 1;
        for (SweepParameter p : sweep.parameters().values()) {
            if (p.isRange() || p.values() == null) {
                return 0;
            }
            n = Math.multiplyExact(n, p.values().size());
            if (n > Integer.MAX_VALUE) {
                return n;
            }
        }
        return n;
    }

    private void check(SweepSpec s) {
        if (s.name().isBlank()) {
            add("sweep.name", "must not be empty");
        }
        ExperimentSpec base = s.base() == null ? null : s.base().inline();
        if (base == null) {
            add("sweep.base", "is missing: give a spec file or an inline spec");
        } else if (base.repeats() != 1) {
            add("sweep.base.repeats", "'" + base.repeats() + "': set repeats in the sweep (sweep.repeats), not in "
                    + "its base spec");
        }
        if (s.parameters().isEmpty()) {
            add("sweep.parameters", "is empty: give at least one spec path and its values, e.g. "
                    + "training.learningRate: { values: [0.001, 0.01] }");
        }
        for (Map.Entry<String, SweepParameter> e : s.parameters().entrySet()) {
            checkParameter(s, base, e.getKey(), e.getValue());
        }
        checkMethod(s);
        checkObjectives(s.objectives());
        if (s.target() != null) {
            Double a = s.target().accuracy();
            if (a == null || !(a > 0 && a <= 1)) {
                add("sweep.target.accuracy", "'" + a + "' must be above 0 and at most 1 (e.g. 0.95)");
            }
        } else if (s.stopAtTarget()) {
            add("sweep.stopAtTarget", "needs a target: add target: { accuracy: 0.95 }");
        }
        SweepBudget b = s.budget();
        if (b.joules() != null && !(b.joules() > 0 && Double.isFinite(b.joules()))) {
            add("sweep.budget.joules", "'" + b.joules() + "' must be above 0");
        }
        if (b.trials() != null && b.trials() < 1) {
            add("sweep.budget.trials", "'" + b.trials() + "' must be at least 1");
        }
        if (b.seconds() != null && !(b.seconds() > 0 && Double.isFinite(b.seconds()))) {
            add("sweep.budget.seconds", "'" + b.seconds() + "' must be above 0");
        }
        if (s.repeats() < 1 || s.repeats() > ExperimentSpec.MAX_REPEATS) {
            add("sweep.repeats", "'" + s.repeats() + "' must be between 1 and " + ExperimentSpec.MAX_REPEATS);
        }
    }

    private void checkParameter(SweepSpec s, ExperimentSpec base, String path, SweepParameter p) {
        String at = "sweep.parameters." + path;
        if (p == null) {
            add(at, "give values: [...] or range: [low, high]");
            return;
        }
        if (p.values() != null && p.range() != null) {
            add(at, "give either values or range, not both");
            return;
        }
        if (p.values() == null && p.range() == null) {
            add(at, "give values: [...] or range: [low, high]");
            return;
        }
        if (p.values() != null) {
            if (p.values().isEmpty()) {
                add(at + ".values", "is empty: give at least one value");
                return;
            }
            if (p.scale() != null) {
                add(at + ".scale", "applies to a range only; values are tried as given");
            }
            Set<String> seen = new HashSet<>();
            for (int i = 0; i < p.values().size(); i++) {
                JsonNode v = p.values().get(i);
                if (!seen.add(String.valueOf(v))) {
                    add(at + ".values[" + i + "]", "'" + v + "' is given twice");
                }
                checkValue(base, path, at + ".values[" + i + "]", v);
            }
        } else {
            List<Double> r = p.range();
            if (r.size() != 2 || r.get(0) == null || r.get(1) == null) {
                add(at + ".range", "give two numbers, [low, high]");
                return;
            }
            double lo = r.get(0);
            double hi = r.get(1);
            if (!(Double.isFinite(lo) && Double.isFinite(hi) && lo < hi)) {
                add(at + ".range", "'[" + lo + ", " + hi + "]': low must be below high");
                return;
            }
            if (!SweepParameter.SCALES.contains(p.scaleOrDefault())) {
                add(at + ".scale", "'" + p.scale() + "' is not one of " + String.join(", ", SweepParameter.SCALES));
            } else if ("log".equals(p.scaleOrDefault()) && lo <= 0) {
                add(at + ".range", "a log scale needs a low end above 0, was " + lo);
            }
            if (s.method() == SweepMethod.GRID) {
                add(at + ".range", "a grid cannot enumerate a range: give values, or use method: random, halving "
                        + "or hyperband");
            }
            checkValue(base, path, at + ".range[0]", end(base, path, lo));
            checkValue(base, path, at + ".range[1]", end(base, path, hi));
        }
        if (s.method().usesRungs() && "training.epochs".equals(path)) {
            add(at, s.method() + " sets each rung's epochs itself (halving.minEpochs .. maxEpochs); leave "
                    + "training.epochs out of the parameters");
        }
    }

    /** A range's end as the field takes it: a whole number for a whole-number field (draws are rounded too). */
    private static JsonNode end(ExperimentSpec base, String path, double v) {
        JsonNode current;
        try {
            current = base == null ? null : SpecPaths.get(base, path);
        } catch (SpecException e) {
            current = null;
        }
        return current != null && current.isIntegralNumber() && v == Math.rint(v)
                ? com.fasterxml.jackson.databind.node.LongNode.valueOf((long) v) : DoubleNode.valueOf(v);
    }

    /** Applies one value to the base spec and reports the path or the validator's complaint. */
    private void checkValue(ExperimentSpec base, String path, String at, JsonNode value) {
        if (base == null) {
            return;
        }
        ExperimentSpec applied;
        try {
            applied = SpecPaths.apply(base, path, value);
        } catch (SpecException e) {
            for (SpecProblem p : e.problems()) {
                boolean unknown = p.message().startsWith("unknown field");
                add(unknown ? "sweep.parameters." + path : at, unknown
                        ? "is not a spec path: " + p.field() + ": " + p.message()
                        : "'" + value + "': " + p.field() + " " + p.message());
            }
            return;
        }
        for (SpecProblem p : SpecValidator.problems(applied)) {
            add(at, "'" + value + "' fails the spec: " + p.field() + ": " + p.message());
        }
    }

    private void checkMethod(SweepSpec s) {
        long grid = gridSize(s);
        if (s.method() == SweepMethod.GRID) {
            if (s.trials() != null) {
                add("sweep.trials", "a grid runs every combination; leave trials out, or use method: random");
            }
            if (grid > SweepSpec.MAX_TRIALS) {
                add("sweep.parameters", "the grid has " + grid + " combinations, more than " + SweepSpec.MAX_TRIALS
                        + "; use fewer values or method: random");
            }
        } else if (s.trials() != null && (s.trials() < 1 || s.trials() > SweepSpec.MAX_TRIALS)) {
            add("sweep.trials", "'" + s.trials() + "' must be between 1 and " + SweepSpec.MAX_TRIALS);
        }
        if (s.method().usesRungs()) {
            SweepHalving h = s.halving();
            if (h.eta() < 2 || h.eta() > 10) {
                add("sweep.halving.eta", "'" + h.eta() + "' must be between 2 and 10 (3 keeps a third at each rung)");
            }
            if (h.minEpochs() < 1) {
                add("sweep.halving.minEpochs", "'" + h.minEpochs() + "' must be at least 1");
            }
            Integer max = h.maxEpochs();
            if (max != null && (max < h.minEpochs() || max > 10_000)) {
                add("sweep.halving.maxEpochs", "'" + max + "' must be at least minEpochs (" + h.minEpochs()
                        + ") and at most 10000");
            }
            if (h.selection() != null && !List.of("epsnet", "crowding").contains(h.selection())) {
                add("sweep.halving.selection", "'" + h.selection() + "' is not one of epsnet, crowding (how a front "
                        + "is ordered for promotion)");
            }
            checkHalvingExtras(s, h);
        } else if (s.halving().maxEpochs() != null || s.halving().selection() != null
                || s.halving().continueTrials() != null || s.halving().stopOnForecast() != null
                || s.halving().unit() != null) {
            add("sweep.halving", "applies to method: halving or hyperband only (this sweep is " + s.method() + ")");
        }
    }

    /** Forecast stopping and joule rungs. */
    private void checkHalvingExtras(SweepSpec s, SweepHalving h) {
        if (h.forecastStops() && s.targetAccuracy() == null) {
            add("sweep.halving.stopOnForecast", "needs a target (sweep.target.accuracy): the forecast says when a "
                    + "trial reaches it");
        }
        if (h.unit() != null && !SweepHalving.UNITS.contains(h.unit())) {
            add("sweep.halving.unit", "'" + h.unit() + "' is not one of epochs, joules");
        }
        if (h.inJoules()) {
            if (h.minJoules() == null || !(h.minJoules() > 0)) {
                add("sweep.halving.minJoules", "give a trial's joule allowance at the first rung, above 0 (unit: "
                        + "joules)");
            }
            if (h.maxJoules() == null || h.minJoules() != null && !(h.maxJoules() >= h.minJoules())) {
                add("sweep.halving.maxJoules", "give the allowance at the last rung, at least minJoules (unit: "
                        + "joules)");
            }
        } else if (h.minJoules() != null || h.maxJoules() != null) {
            add("sweep.halving.unit", "minJoules and maxJoules count rungs in joules: add unit: joules, or leave "
                    + "them out for rungs in epochs");
        }
    }

    private void checkObjectives(List<SweepObjective> objectives) {
        if (objectives.size() > 3) {
            add("sweep.objectives", "at most 3 objectives (accuracy, energy and one more)");
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < objectives.size(); i++) {
            SweepObjective o = objectives.get(i);
            String at = "sweep.objectives[" + i + "]";
            if (o == null) {
                add(at, "give metric and goal");
                continue;
            }
            if (!SweepObjective.METRICS.contains(o.metric())) {
                add(at + ".metric", "'" + o.metric() + "' is not one of " + String.join(", ", SweepObjective.METRICS));
            } else if (!seen.add(o.metric())) {
                add(at + ".metric", "'" + o.metric() + "' is given twice");
            }
            if (!SweepObjective.GOALS.contains(o.goal())) {
                add(at + ".goal", "'" + o.goal() + "' is not one of max, min");
            }
        }
    }

    private void add(String field, String message) {
        problems.add(new SpecProblem(field, message));
    }
}
