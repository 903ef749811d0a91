package dev.verdant.spec;

import java.util.ArrayList;
import java.util.List;

/**
 * Checks a spec's values: enumerations, ranges and combinations. Each problem names the field, the bad value
 * and what is allowed, so a user can fix the spec without reading the source.
 */
public final class SpecValidator {

    private final List<SpecProblem> problems = new ArrayList<>();

    private SpecValidator() {
    }

    /** Every problem in {@code spec}; empty when it is valid. */
    public static List<SpecProblem> problems(ExperimentSpec spec) {
        SpecValidator v = new SpecValidator();
        v.check(spec);
        return List.copyOf(v.problems);
    }

    /** Throws a {@link SpecException} listing every problem, or returns the spec unchanged when valid. */
    public static ExperimentSpec requireValid(ExperimentSpec spec) {
        List<SpecProblem> found = problems(spec);
        if (!found.isEmpty()) {
            throw new SpecException(found);
        }
        return spec;
    }

    private void check(ExperimentSpec s) {
        if (s.name().isBlank()) {
            problems.add(new SpecProblem("name", "must not be empty"));
        }
        oneOf("device", s.device(), ExperimentSpec.DEVICES);

        DatasetSpec d = s.dataset();
        oneOf("dataset.name", d.name(), DatasetSpec.NAMES);
        range("dataset.validationSplit", d.validationSplit(), 0.0, 0.9);
        if (d.limit() != null) {
            atLeast("dataset.limit", d.limit(), 1);
        }
        atLeast("dataset.samples", d.samples(), 10);
        range("dataset.noise", d.noise(), 0.0, 10.0);
        if (DatasetSpec.ON_DISK.contains(d.name()) && (d.path() == null || d.path().isBlank())) {
            problems.add(new SpecProblem("dataset.path", "dataset '" + d.name()
                    + "' is read from disk: give the folder (or CSV file) that holds it"));
        }

        ModelSpec m = s.model();
        oneOf("model.arch", m.arch(), ModelSpec.ARCHS);
        oneOf("model.activation", m.activation(), ModelSpec.ACTIVATIONS);
        oneOf("model.init", m.init(), ModelSpec.INITS);
        oneOf("model.norm", m.norm(), ModelSpec.NORMS);
        range("model.width", m.width(), 0.05, 8.0);
        rangeOpenTop("model.dropout", m.dropout(), 0.0, 1.0);
        range("model.channels", m.channels(), 1, 1024);
        range("model.groups", m.groups(), 1, 1024);
        if (m.hidden().isEmpty() && "mlp".equals(m.arch())) {
            problems.add(new SpecProblem("model.hidden", "an mlp needs at least one hidden layer size, e.g. [128, 64]"));
        }
        for (int i = 0; i < m.hidden().size(); i++) {
            Integer h = m.hidden().get(i);
            if (h == null || h < 1 || h > 65536) {
                problems.add(new SpecProblem("model.hidden[" + i + "]", "'" + h + "' must be between 1 and 65536"));
            }
        }
        if ("resnet".equals(m.arch()) && (m.depth() < 8 || (m.depth() - 2) % 6 != 0 || m.depth() > 110)) {
            problems.add(new SpecProblem("model.depth", "'" + m.depth()
                    + "' must be 6n+2 between 8 and 110 (8, 14, 20, 26, ...)"));
        }

        TrainingSpec t = s.training();
        range("training.epochs", t.epochs(), 1, 10_000);
        range("training.batchSize", t.batchSize(), 1, 65_536);
        oneOf("training.optimizer", t.optimizer(), TrainingSpec.OPTIMIZERS);
        oneOf("training.schedule", t.schedule(), TrainingSpec.SCHEDULES);
        rangeOpenBottom("training.learningRate", t.learningRate(), 0.0, 10.0);
        range("training.weightDecay", t.weightDecay(), 0.0, 1.0);
        rangeOpenTop("training.momentum", t.momentum(), 0.0, 1.0);
        if (t.targetAccuracy() != null) {
            rangeOpenBottom("training.targetAccuracy", t.targetAccuracy(), 0.0, 1.0);
        }
        if (t.earlyStopping() != null) {
            EarlyStoppingSpec es = t.earlyStopping();
            range("training.earlyStopping.patience", es.patience(), 1, 1000);
            range("training.earlyStopping.minDelta", es.minDelta(), 0.0, 1.0);
            oneOf("training.earlyStopping.monitor", es.monitor(), EarlyStoppingSpec.MONITORS);
        }
        if ("zero-residual".equals(m.init()) && !"resnet".equals(m.arch())) {
            problems.add(new SpecProblem("model.init", "'zero-residual' only applies to resnet (it zeroes the last "
                    + "layer of each residual branch); '" + m.arch() + "' has no residual branches"));
        }
        problems.addAll(ProgressiveRules.problems(s));

        EnergySpec e = s.energy();
        if (!e.region().matches("[A-Za-z]{2,5}(-[A-Za-z0-9]{1,8})?")) {
            problems.add(new SpecProblem("energy.region", "'" + e.region()
                    + "' is not a country code such as WORLD, US, DE or FR"));
        }
        range("energy.pue", e.pue(), 1.0, 5.0);
        if (e.pricePerKwh() != null) {
            range("energy.pricePerKwh", e.pricePerKwh(), 0.0, 100.0);
        }
        range("energy.sampleHz", e.sampleHz(), 0.1, 1000.0);

        for (int i = 0; i < s.compression().size(); i++) {
            checkStep("compression[" + i + "]", s.compression().get(i));
        }
    }

    /** Fields each step type (and prune method) takes; any other set field is named as an error. */
    private static final java.util.Map<String, List<String>> STEP_FIELDS = java.util.Map.of(
            "prune magnitude", List.of("method", "scope", "sparsity", "schedule", "steps", "fineTuneEpochs"),
            "prune l1-structured", List.of("method", "ratio", "fineTuneEpochs"),
            "lowrank", List.of("rank", "energy", "fineTuneEpochs"),
            "quantize", List.of("bits", "granularity", "calibrationBatches"),
            "distill", List.of("teacher", "student", "temperature", "alpha", "epochs"));

    private void checkStep(String at, CompressionStepSpec c) {
        if (c == null) {
            problems.add(new SpecProblem(at, "is empty; a step needs a type: one of "
                    + String.join(", ", CompressionStepSpec.TYPES)));
            return;
        }
        if (c.type() == null) {
            problems.add(new SpecProblem(at + ".type", "is missing; one of " + String.join(", ", CompressionStepSpec.TYPES)));
            return;
        }
        oneOf(at + ".type", c.type(), CompressionStepSpec.TYPES);
        String kind = c.type();
        if ("prune".equals(kind)) {
            oneOf(at + ".method", c.method(), CompressionStepSpec.PRUNE_METHODS);
            kind = "prune " + c.method();
        }
        List<String> allowed = STEP_FIELDS.get(kind);
        if (allowed == null) {
            return;
        }
        for (String field : c.setFields().keySet()) {
            if (!allowed.contains(field)) {
                problems.add(new SpecProblem(at + "." + field, "does not belong to a '" + kind + "' step; its fields are "
                        + String.join(", ", allowed)));
            }
        }
        if (c.fineTuneEpochs() != null) {
            range(at + ".fineTuneEpochs", c.fineTuneEpochs(), 0, 10_000);
        }
        switch (kind) {
            case "prune magnitude" -> {
                oneOf(at + ".scope", c.scope(), CompressionStepSpec.SCOPES);
                oneOf(at + ".schedule", c.schedule(), CompressionStepSpec.SCHEDULES);
                rangeOpenTop(at + ".sparsity", c.sparsity(), 0.0, 1.0);
                range(at + ".steps", c.steps(), 1, 1000);
                if ("oneshot".equals(c.schedule()) && c.steps() != 1) {
                    problems.add(new SpecProblem(at + ".steps", "'" + c.steps()
                            + "' needs schedule: gradual (a one-shot prune has 1 step)"));
                }
                if ("gradual".equals(c.schedule()) && c.fineTuneEpochs() < 1) {
                    problems.add(new SpecProblem(at + ".fineTuneEpochs", "'0': a gradual schedule prunes while "
                            + "fine-tuning, so it needs at least 1 epoch"));
                }
            }
            case "prune l1-structured" -> rangeOpenTop(at + ".ratio", c.ratio(), 0.0, 1.0);
            case "lowrank" -> {
                if (c.rank() != null && c.energy() != null) {
                    problems.add(new SpecProblem(at + ".rank", "give either rank or energy, not both"));
                }
                if (c.rank() != null) {
                    range(at + ".rank", c.rank(), 1, 65_536);
                }
                if (c.energy() != null) {
                    rangeOpenBottom(at + ".energy", c.energy(), 0.0, 1.0);
                }
            }
            case "quantize" -> {
                if (!CompressionStepSpec.BITS.contains(c.bits())) {
                    problems.add(new SpecProblem(at + ".bits", "'" + c.bits() + "' is not one of 4, 8"));
                }
                oneOf(at + ".granularity", c.granularity(), CompressionStepSpec.GRANULARITIES);
                range(at + ".calibrationBatches", c.calibrationBatches(), 1, 10_000);
            }
            case "distill" -> {
                if (!"self".equals(c.teacher()) && !c.teacher().matches("[1-9][0-9]{0,17}")) {
                    problems.add(new SpecProblem(at + ".teacher", "'" + c.teacher()
                            + "' is neither self nor a stored run id such as 12"));
                }
                rangeOpenBottom(at + ".temperature", c.temperature(), 0.0, 100.0);
                range(at + ".alpha", c.alpha(), 0.0, 1.0);
                range(at + ".epochs", c.epochs(), 1, 10_000);
                checkStudent(at + ".student", c.student());
            }
            default -> { }
        }
    }

    /** The student's model section: the same enumerations and ranges as {@code model}. */
    private void checkStudent(String at, ModelSpec m) {
        oneOf(at + ".arch", m.arch(), ModelSpec.ARCHS);
        oneOf(at + ".activation", m.activation(), ModelSpec.ACTIVATIONS);
        oneOf(at + ".init", m.init(), ModelSpec.INITS);
        oneOf(at + ".norm", m.norm(), ModelSpec.NORMS);
        range(at + ".width", m.width(), 0.05, 8.0);
        rangeOpenTop(at + ".dropout", m.dropout(), 0.0, 1.0);
        if (m.hidden().isEmpty() && "mlp".equals(m.arch())) {
            problems.add(new SpecProblem(at + ".hidden", "an mlp needs at least one hidden layer size, e.g. [64]"));
        }
        for (int i = 0; i < m.hidden().size(); i++) {
            Integer h = m.hidden().get(i);
            if (h == null || h < 1 || h > 65536) {
                problems.add(new SpecProblem(at + ".hidden[" + i + "]", "'" + h + "' must be between 1 and 65536"));
            }
        }
    }

    private void oneOf(String field, String value, List<String> allowed) {
        if (!allowed.contains(value)) {
            problems.add(new SpecProblem(field, "'" + value + "' is not one of " + String.join(", ", allowed)));
        }
    }

    private void atLeast(String field, long value, long min) {
        if (value < min) {
            problems.add(new SpecProblem(field, "'" + value + "' must be at least " + min));
        }
    }

    private void range(String field, double value, double min, double max) {
        if (!(value >= min && value <= max)) {
            problems.add(new SpecProblem(field, "'" + format(value) + "' must be between " + format(min)
                    + " and " + format(max)));
        }
    }

    private void rangeOpenTop(String field, double value, double min, double max) {
        if (!(value >= min && value < max)) {
            problems.add(new SpecProblem(field, "'" + format(value) + "' must be at least " + format(min)
                    + " and below " + format(max)));
        }
    }

    private void rangeOpenBottom(String field, double value, double min, double max) {
        if (!(value > min && value <= max)) {
            problems.add(new SpecProblem(field, "'" + format(value) + "' must be above " + format(min)
                    + " and at most " + format(max)));
        }
    }

    private static String format(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }
}
