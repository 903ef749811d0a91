package dev.verdant.spec;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The checks of {@code training.progressive}: each type's own fields, the architecture and data it needs, and
 * stage lists that fit the run. What depends on the loaded data (the image size, the layer count) is checked when
 * training starts.
 */
final class ProgressiveRules {

    /** Below 8 px the strided CNNs change shape, so FLOPs could not be counted for the resolution honestly. */
    static final int MIN_RESOLUTION = 8;

    private final ExperimentSpec spec;
    private final List<SpecProblem> problems = new ArrayList<>();

    private ProgressiveRules(ExperimentSpec spec) {
        this.spec = spec;
    }

    static List<SpecProblem> problems(ExperimentSpec spec) {
        ProgressiveRules r = new ProgressiveRules(spec);
        r.check();
        return r.problems;
    }

    private void check() {
        List<ProgressiveSpec> list = spec.training().progressive();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < list.size(); i++) {
            ProgressiveSpec p = list.get(i);
            String at = "training.progressive[" + i + "]";
            if (p == null || p.type() == null) {
                problems.add(new SpecProblem(at + ".type", "is missing; one of " + String.join(", ", ProgressiveSpec.TYPES)));
                continue;
            }
            if (!ProgressiveSpec.TYPES.contains(p.type())) {
                problems.add(new SpecProblem(at + ".type", "'" + p.type() + "' is not one of "
                        + String.join(", ", ProgressiveSpec.TYPES)));
                continue;
            }
            if (!seen.add(p.type())) {
                problems.add(new SpecProblem(at + ".type", "'" + p.type() + "' appears twice; give each type once"));
            }
            switch (p.type()) {
                case "resize" -> resize(at, p);
                case "stack" -> stack(at, p);
                case "freeze" -> freeze(at, p);
                default -> layerdrop(at, p);
            }
        }
    }

    private void resize(String at, ProgressiveSpec p) {
        only(at, p, "resolutions");
        String dataset = spec.dataset().name();
        if (DatasetSpec.SYNTHETIC.contains(dataset) || "csv".equals(dataset)) {
            problems.add(new SpecProblem(at + ".type", "'resize' needs image data, but '" + dataset
                    + "' has feature vectors"));
        }
        Architecture arch = spec.model().arch();
        if (arch != Architecture.DSCNN && arch != Architecture.RESNET) {
            problems.add(new SpecProblem(at + ".type", "'resize' needs a network that accepts any image size "
                    + "(dscnn or resnet, which end in global average pooling); '" + arch + "' has dense layers "
                    + "sized for one resolution"));
        }
        if (spec.model().norm() == Norm.LAYER) {
            problems.add(new SpecProblem(at + ".type", "'resize' does not work with model.norm 'layer' (its scale "
                    + "has one value per pixel); use batch or group"));
        }
        if (stages(at, p, "resolutions", p.resolutions())) {
            ascending(at + ".resolutions", p.resolutions(), MIN_RESOLUTION, false);
        }
    }

    private void stack(String at, ProgressiveSpec p) {
        only(at, p, "depths");
        if (spec.model().arch() != Architecture.RESNET) {
            problems.add(new SpecProblem(at + ".type", "'stack' grows a resnet by copying its residual blocks; '"
                    + spec.model().arch() + "' is not a resnet"));
            return;
        }
        if (!stages(at, p, "depths", p.depths())) {
            return;
        }
        List<Integer> depths = p.depths();
        for (int j = 0; j < depths.size(); j++) {
            int d = depths.get(j);
            if (d < 8 || (d - 2) % 6 != 0) {
                problems.add(new SpecProblem(at + ".depths[" + j + "]", "'" + d + "' must be a resnet depth 6n+2 "
                        + "(8, 14, 20, ...)"));
            }
        }
        ascending(at + ".depths", depths, 8, true);
        if (depths.get(depths.size() - 1).intValue() != spec.model().depth()) {
            problems.add(new SpecProblem(at + ".depths", "must end at model.depth (" + spec.model().depth()
                    + "), the network the run finishes with"));
        }
    }

    private void freeze(String at, ProgressiveSpec p) {
        only(at, p, "frozen");
        if (stages(at, p, "frozen", p.frozen())) {
            ascending(at + ".frozen", p.frozen(), 0, false);
        }
    }

    private void layerdrop(String at, ProgressiveSpec p) {
        only(at, p, "rate");
        if (spec.model().arch() != Architecture.RESNET) {
            problems.add(new SpecProblem(at + ".type", "'layerdrop' skips residual blocks; '" + spec.model().arch()
                    + "' has none (use resnet)"));
        }
        if (p.rate() == null) {
            problems.add(new SpecProblem(at + ".rate", "is missing: the drop rate the deepest block approaches, e.g. 0.5"));
        } else if (!(p.rate() > 0 && p.rate() < 1)) {
            problems.add(new SpecProblem(at + ".rate", "'" + p.rate() + "' must be above 0 and below 1"));
        }
    }

    /** Checks {@code epochs} against the value list; false when the list is unusable for further checks. */
    private boolean stages(String at, ProgressiveSpec p, String field, List<Integer> values) {
        if (values == null || values.isEmpty()) {
            problems.add(new SpecProblem(at + "." + field, "is missing: one value per stage"));
            return false;
        }
        List<Integer> epochs = p.epochs() == null ? List.of() : p.epochs();
        if (epochs.size() != values.size() - 1) {
            problems.add(new SpecProblem(at + ".epochs", "needs " + (values.size() - 1) + " stage lengths for "
                    + values.size() + " " + field + " (the last stage runs to the end), but has " + epochs.size()));
            return false;
        }
        int total = 0;
        for (int j = 0; j < epochs.size(); j++) {
            Integer e = epochs.get(j);
            if (e == null || e < 1) {
                problems.add(new SpecProblem(at + ".epochs[" + j + "]", "'" + e + "' must be at least 1"));
                return false;
            }
            total += e;
        }
        if (total >= spec.training().epochs()) {
            problems.add(new SpecProblem(at + ".epochs", "the stages before the last end after epoch " + total
                    + ", but training.epochs is " + spec.training().epochs() + ": the last stage would never run"));
        }
        return true;
    }

    private void ascending(String field, List<Integer> values, int min, boolean strictly) {
        for (int j = 0; j < values.size(); j++) {
            if (values.get(j) < min) {
                problems.add(new SpecProblem(field + "[" + j + "]", "'" + values.get(j) + "' must be at least " + min));
            }
            if (j > 0 && (strictly ? values.get(j) <= values.get(j - 1) : values.get(j) < values.get(j - 1))) {
                problems.add(new SpecProblem(field, values + " must " + (strictly ? "grow" : "never shrink")
                        + " from stage to stage"));
                return;
            }
        }
    }

    /** Refuses fields that belong to other types, so a misplaced field never silently does nothing. */
    private void only(String at, ProgressiveSpec p, String own) {
        check(at, p.type(), own, "resolutions", p.resolutions());
        check(at, p.type(), own, "depths", p.depths());
        check(at, p.type(), own, "frozen", p.frozen());
        check(at, p.type(), own, "rate", p.rate());
        if ("rate".equals(own) && p.epochs() != null) {
            problems.add(new SpecProblem(at + ".epochs", "'layerdrop' has no stages: its rate ramps up over the "
                    + "whole run; remove epochs"));
        }
    }

    private void check(String at, String type, String own, String field, Object value) {
        if (value != null && !field.equals(own)) {
            problems.add(new SpecProblem(at + "." + field, "does not apply to '" + type + "' (it takes " + own + ")"));
        }
    }
}
