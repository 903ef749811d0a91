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
        if (s.repeats() < 1 || s.repeats() > ExperimentSpec.MAX_REPEATS) {
            problems.add(new SpecProblem("repeats", "'" + s.repeats() + "' must be between 1 and "
                    + ExperimentSpec.MAX_REPEATS + " (runs with seeds seed .. seed+repeats-1; 5 is enough to see "
                    + "this machine's noise)"));
        }

        DatasetSpec d = s.dataset();
        oneOf("dataset.name", d.name(), DatasetSpec.NAMES);
        range("dataset.validationSplit", d.validationSplit(), 0.0, 0.9);
        if (d.limit() != null) {
            atLeast("dataset.limit", d.limit(), 1);
        }
        atLeast("dataset.samples", d.samples(), 10);
        range("dataset.noise", d.noise(), 0.0, 10.0);
        if (d.features() != null && !DatasetSpec.FEATURES.contains(d.features())) {
            problems.add(new SpecProblem("dataset.features", "must be one of " + DatasetSpec.FEATURES + ", was '"
                    + d.features() + "'"));
        } else if (d.features() != null && !"xy".equals(d.features()) && !DatasetSpec.SYNTHETIC.contains(d.name())) {
            problems.add(new SpecProblem("dataset.features", "applies only to the synthetic sets "
                    + DatasetSpec.SYNTHETIC + "; remove it for '" + d.name() + "'"));
        }
        if (DatasetSpec.ON_DISK.contains(d.name()) && (d.path() == null || d.path().isBlank())) {
            problems.add(new SpecProblem("dataset.path", "dataset '" + d.name()
                    + "' is read from disk: give the folder (or CSV file) that holds it"));
        }

        ModelSpec m = s.model();
        oneOf("model.init", m.init(), ModelSpec.INITS);
        range("model.width", m.width(), 0.05, 8.0);
        rangeOpenTop("model.dropout", m.dropout(), 0.0, 1.0);
        range("model.channels", m.channels(), 1, 1024);
        range("model.groups", m.groups(), 1, 1024);
        if (m.hidden().isEmpty() && m.arch() == Architecture.MLP) {
            problems.add(new SpecProblem("model.hidden", "an mlp needs at least one hidden layer size, e.g. [128, 64]"));
        }
        for (int i = 0; i < m.hidden().size(); i++) {
            Integer h = m.hidden().get(i);
            if (h == null || h < 1 || h > 65536) {
                problems.add(new SpecProblem("model.hidden[" + i + "]", "'" + h + "' must be between 1 and 65536"));
            }
        }
        if (m.arch() == Architecture.RESNET && (m.depth() < 8 || (m.depth() - 2) % 6 != 0 || m.depth() > 110)) {
            problems.add(new SpecProblem("model.depth", "'" + m.depth()
                    + "' must be 6n+2 between 8 and 110 (8, 14, 20, 26, ...)"));
        }

        range("model.expansion", m.expansion(), 1, 16);
        range("model.ghostRatio", m.ghostRatio(), 2, 8);
        range("model.patch", m.patch(), 1, 64);
        range("model.heads", m.heads(), 1, 64);
        range("model.blocks", m.blocks(), 1, 24);
        if (m.earlyExits() != null) {
            EarlyExitSpec x = m.earlyExits();
            range("model.earlyExits.threshold", x.threshold(), 0.0, 1.0);
            if (x.after().isEmpty()) {
                problems.add(new SpecProblem("model.earlyExits.after", "name at least one block to put a head after, "
                        + "e.g. [1, 2]"));
            }
            for (int i = 0; i < x.after().size(); i++) {
                Integer a = x.after().get(i);
                if (a == null || a < 1 || (i > 0 && x.after().get(i - 1) != null && a <= x.after().get(i - 1))) {
                    problems.add(new SpecProblem("model.earlyExits.after[" + i + "]", "'" + a + "' must be a block "
                            + "number from 1, each larger than the one before"));
                }
            }
            if (x.weights().size() != x.after().size()) {
                problems.add(new SpecProblem("model.earlyExits.weights", "give one loss weight per head ("
                        + x.after().size() + "), or leave it out for 0.5 each"));
            }
            for (int i = 0; i < x.weights().size(); i++) {
                Double w = x.weights().get(i);
                if (w == null || w < 0 || w > 100) {
                    problems.add(new SpecProblem("model.earlyExits.weights[" + i + "]", "'" + w
                            + "' must be between 0 and 100"));
                }
            }
            if (!s.compression().isEmpty()) {
                problems.add(new SpecProblem("model.earlyExits", "a network with early exits cannot be compressed "
                        + "yet (fine-tuning would leave the heads stale); remove the compression steps or the exits"));
            }
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
        if ("zero-residual".equals(m.init()) && m.arch() != Architecture.RESNET) {
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
        checkDataEfficiency(s);
    }

    /** Class selection, active learning and transfer: what can be checked without the data or the store. */
    private void checkDataEfficiency(ExperimentSpec s) {
        List<Integer> classes = s.dataset().classes();
        if (classes != null) {
            if (classes.size() < 2) {
                problems.add(new SpecProblem("dataset.classes", "selects " + classes.size() + " class(es); a "
                        + "classifier needs at least 2, e.g. [0, 1, 2, 3, 4]"));
            }
            java.util.Set<Integer> seen = new java.util.HashSet<>();
            for (int i = 0; i < classes.size(); i++) {
                Integer c = classes.get(i);
                if (c == null || c < 0) {
                    problems.add(new SpecProblem("dataset.classes[" + i + "]", "'" + c + "' is not a class index "
                            + "(0 or more)"));
                } else if (!seen.add(c)) {
                    problems.add(new SpecProblem("dataset.classes[" + i + "]", "class " + c + " is listed twice"));
                }
            }
        }
        ActiveLearningSpec a = s.activeLearning();
        if (a != null) {
            oneOf("activeLearning.strategy", a.strategy(), ActiveLearningSpec.STRATEGIES);
            oneOf("activeLearning.retrain", a.retrain(), ActiveLearningSpec.RETRAIN);
            range("activeLearning.initial", a.initial(), 1, 10_000_000);
            range("activeLearning.perRound", a.perRound(), 1, 10_000_000);
            range("activeLearning.epochsPerRound", a.epochsPerRound(), 1, 10_000);
            if (a.rounds() != null && a.budget() != null) {
                problems.add(new SpecProblem("activeLearning.rounds", "give either rounds or budget, not both "
                        + "(rounds " + a.rounds() + ", budget " + a.budget() + ")"));
            } else if (a.rounds() != null) {
                range("activeLearning.rounds", a.rounds(), 1, 1000);
            } else if (a.budget() < a.initial()) {
                problems.add(new SpecProblem("activeLearning.budget", "'" + a.budget() + "' is below the seed set "
                        + "(initial: " + a.initial() + "); the budget counts every label, the seed set included"));
            }
            if (a.poolLimit() != null) {
                range("activeLearning.poolLimit", a.poolLimit(), 1, 100_000_000);
            }
            if (s.transfer() != null) {
                problems.add(new SpecProblem("activeLearning", "cannot be combined with transfer yet; run the "
                        + "transfer first, or active learning on a fresh network"));
            }
            if (s.training().progressive().stream().anyMatch(p -> "stack".equals(p.type()))) {
                problems.add(new SpecProblem("activeLearning", "cannot be combined with progressive stacking "
                        + "(each round rebuilds the network at one depth)"));
            }
        }
        TransferSpec t = s.transfer();
        if (t != null) {
            if (t.from() == null || t.from() < 1) {
                problems.add(new SpecProblem("transfer.from", "give the id of a stored run to start from "
                        + "('verdant runs list' shows them)"));
            }
            oneOf("transfer.mode", t.mode(), TransferSpec.MODES);
            if (t.shots() != null) {
                range("transfer.shots", t.shots(), 1, 1_000_000);
            }
            if (t.compareEpochs() != null) {
                range("transfer.compareEpochs", t.compareEpochs(), 0, 10_000);
            }
        }
    }

    /**
     * The ranges and combinations of one step. The step's kind, unknown fields and fields of another kind were
     * refused when it was read (see {@link StepDeserializer}); enumerations are typed. The switch over the kind
     * is exhaustive, so a new kind does not compile until it is checked here.
     */
    private void checkStep(String at, CompressionStepSpec step) {
        switch (step.kind()) {
            case MAGNITUDE_PRUNE -> {
                var c = (CompressionStepSpec.MagnitudePrune) step;
                range(at + ".fineTuneEpochs", c.fineTuneEpochs(), 0, 10_000);
                rangeOpenTop(at + ".sparsity", c.sparsity(), 0.0, 1.0);
                range(at + ".steps", c.steps(), 1, 1000);
                if (c.schedule() == PruneSchedule.ONESHOT && c.steps() != 1) {
                    problems.add(new SpecProblem(at + ".steps", "'" + c.steps()
                            + "' needs schedule: gradual (a one-shot prune has 1 step)"));
                }
                if (c.schedule() == PruneSchedule.GRADUAL && c.fineTuneEpochs() < 1) {
                    problems.add(new SpecProblem(at + ".fineTuneEpochs", "'0': a gradual schedule prunes while "
                            + "fine-tuning, so it needs at least 1 epoch"));
                }
            }
            case STRUCTURED_PRUNE -> {
                var c = (CompressionStepSpec.StructuredPrune) step;
                range(at + ".fineTuneEpochs", c.fineTuneEpochs(), 0, 10_000);
                rangeOpenTop(at + ".ratio", c.ratio(), 0.0, 1.0);
            }
            case LOW_RANK -> {
                var c = (CompressionStepSpec.LowRank) step;
                range(at + ".fineTuneEpochs", c.fineTuneEpochs(), 0, 10_000);
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
            case QUANTIZE -> {
                var c = (CompressionStepSpec.Quantize) step;
                if (!CompressionStepSpec.BITS.contains(c.bits())) {
                    problems.add(new SpecProblem(at + ".bits", "'" + c.bits() + "' is not one of 4, 8"));
                }
                range(at + ".calibrationBatches", c.calibrationBatches(), 1, 10_000);
            }
            case DISTILL -> {
                var c = (CompressionStepSpec.Distill) step;
                if (!"self".equals(c.teacher()) && !c.teacher().matches("[1-9][0-9]{0,17}")) {
                    problems.add(new SpecProblem(at + ".teacher", "'" + c.teacher()
                            + "' is neither self nor a stored run id such as 12"));
                }
                rangeOpenBottom(at + ".temperature", c.temperature(), 0.0, 100.0);
                range(at + ".alpha", c.alpha(), 0.0, 1.0);
                range(at + ".epochs", c.epochs(), 1, 10_000);
                checkStudent(at + ".student", c.student());
            }
        }
    }

    /** The student's model section: the same enumerations and ranges as {@code model}. */
    private void checkStudent(String at, ModelSpec m) {
        oneOf(at + ".init", m.init(), ModelSpec.INITS);
        range(at + ".width", m.width(), 0.05, 8.0);
        rangeOpenTop(at + ".dropout", m.dropout(), 0.0, 1.0);
        if (m.hidden().isEmpty() && m.arch() == Architecture.MLP) {
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
