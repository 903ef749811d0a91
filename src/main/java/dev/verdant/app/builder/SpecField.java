package dev.verdant.app.builder;

import dev.verdant.spec.DatasetSpec;
import dev.verdant.spec.EarlyStoppingSpec;
import dev.verdant.spec.ExperimentSpec;
import dev.verdant.spec.ModelSpec;
import dev.verdant.spec.TrainingSpec;

import java.util.List;
import java.util.Set;

/**
 * One editable spec field: its dotted path (the same path {@link dev.verdant.spec.SpecValidator} reports), how its
 * text is parsed, and for choices the allowed values. The list {@link #ALL} is the whole form; choice lists are
 * read from the spec's constants so new architectures or optimizers appear without touching the window.
 *
 * @param path     dotted path, e.g. {@code training.learningRate}
 * @param label    what the form shows
 * @param kind     how the text becomes a value
 * @param choices  allowed values for {@link Kind#CHOICE}; empty otherwise
 * @param optional whether an empty text means "not set" (null) rather than an error
 * @param section  the form section it belongs to
 * @param archs    architectures it applies to; empty means all
 */
public record SpecField(String path, String label, Kind kind, List<String> choices, boolean optional,
                        String section, Set<String> archs) {

    /** How a field's text is turned into a value. */
    public enum Kind { TEXT, CHOICE, INT, LONG, DOUBLE, INT_LIST }

    /** Form sections in display order. */
    public static final List<String> SECTIONS = List.of("Experiment", "Dataset", "Architecture", "Training", "Energy",
            "Data efficiency");

    /** Architectures whose width follows the width multiplier and base channels (LeNet-5's widths are fixed). */
    private static final Set<String> CONV = Set.of("dscnn", "resnet");

    /** Every field of the form, in display order. */
    public static final List<SpecField> ALL = List.of(
            text("name", "Name", "Experiment"),
            new SpecField("seed", "Seed", Kind.LONG, List.of(), false, "Experiment", Set.of()),
            choice("device", "Device", ExperimentSpec.DEVICES, "Experiment"),
            choice("dataset.name", "Dataset", DatasetSpec.NAMES, "Dataset"),
            new SpecField("dataset.path", "Path (on-disk sets)", Kind.TEXT, List.of(), true, "Dataset", Set.of()),
            new SpecField("dataset.limit", "Limit (samples)", Kind.INT, List.of(), true, "Dataset", Set.of()),
            number("dataset.validationSplit", "Validation split", "Dataset"),
            choice("model.arch", "Architecture", ModelSpec.ARCHS, "Architecture"),
            new SpecField("model.hidden", "Hidden layers", Kind.INT_LIST, List.of(), false, "Architecture",
                    Set.of("mlp")),
            new SpecField("model.width", "Width multiplier", Kind.DOUBLE, List.of(), false, "Architecture", CONV),
            new SpecField("model.channels", "Base channels", Kind.INT, List.of(), false, "Architecture", CONV),
            new SpecField("model.depth", "Depth (6n+2)", Kind.INT, List.of(), false, "Architecture",
                    Set.of("resnet")),
            choice("model.activation", "Activation", ModelSpec.ACTIVATIONS, "Architecture"),
            choice("model.init", "Initialisation", ModelSpec.INITS, "Architecture"),
            choice("model.norm", "Normalisation", ModelSpec.NORMS, "Architecture"),
            new SpecField("model.groups", "Norm groups", Kind.INT, List.of(), false, "Architecture",
                    Set.of()),
            number("model.dropout", "Dropout", "Architecture"),
            choice("training.optimizer", "Optimizer", TrainingSpec.OPTIMIZERS, "Training"),
            number("training.learningRate", "Learning rate", "Training"),
            new SpecField("training.epochs", "Epochs", Kind.INT, List.of(), false, "Training", Set.of()),
            new SpecField("training.batchSize", "Batch size", Kind.INT, List.of(), false, "Training", Set.of()),
            choice("training.schedule", "Schedule", TrainingSpec.SCHEDULES, "Training"),
            number("training.momentum", "Momentum (sgd)", "Training"),
            number("training.weightDecay", "Weight decay", "Training"),
            new SpecField("training.targetAccuracy", "Target accuracy", Kind.DOUBLE, List.of(), true, "Training",
                    Set.of()),
            new SpecField("training.earlyStopping.patience", "Early stop: patience", Kind.INT, List.of(), true,
                    "Training", Set.of()),
            new SpecField("training.earlyStopping.minDelta", "Early stop: min. delta", Kind.DOUBLE, List.of(), true,
                    "Training", Set.of()),
            new SpecField("training.earlyStopping.monitor", "Early stop: monitor", Kind.CHOICE,
                    EarlyStoppingSpec.MONITORS, true, "Training", Set.of()),
            text("energy.region", "Grid region", "Energy"),
            number("energy.pue", "PUE", "Energy"),
            new SpecField("energy.pricePerKwh", "Price per kWh (USD)", Kind.DOUBLE, List.of(), true, "Energy",
                    Set.of()),
            optional("dataset.classes", "Classes (e.g. 0, 1, 2)", Kind.INT_LIST, List.of()),
            optional("activeLearning.strategy", "Active learning: strategy", Kind.CHOICE,
                    dev.verdant.spec.ActiveLearningSpec.STRATEGIES),
            optional("activeLearning.initial", "Active learning: seed labels", Kind.INT, List.of()),
            optional("activeLearning.perRound", "Active learning: labels per round", Kind.INT, List.of()),
            optional("activeLearning.rounds", "Active learning: rounds", Kind.INT, List.of()),
            optional("activeLearning.epochsPerRound", "Active learning: epochs per round", Kind.INT, List.of()),
            optional("activeLearning.retrain", "Active learning: retrain", Kind.CHOICE,
                    dev.verdant.spec.ActiveLearningSpec.RETRAIN),
            optional("activeLearning.poolLimit", "Active learning: pool scored per round", Kind.INT, List.of()),
            optional("transfer.from", "Transfer: from run id", Kind.LONG, List.of()),
            optional("transfer.mode", "Transfer: mode", Kind.CHOICE, dev.verdant.spec.TransferSpec.MODES),
            optional("transfer.shots", "Transfer: shots per class", Kind.INT, List.of()));

    /** An optional field of the data-efficiency section (empty: not set; an all-empty subsection is left out). */
    private static SpecField optional(String path, String label, Kind kind, List<String> choices) {
        return new SpecField(path, label, kind, choices, true, "Data efficiency", Set.of());
    }

    /** Whether the field matters for {@code arch} (the view hides the others). */
    public boolean appliesTo(String arch) {
        return archs.isEmpty() || archs.contains(arch);
    }

    private static SpecField text(String path, String label, String section) {
        return new SpecField(path, label, Kind.TEXT, List.of(), false, section, Set.of());
    }

    private static SpecField number(String path, String label, String section) {
        return new SpecField(path, label, Kind.DOUBLE, List.of(), false, section, Set.of());
    }

    private static SpecField choice(String path, String label, List<String> choices, String section) {
        return new SpecField(path, label, Kind.CHOICE, choices, false, section, Set.of());
    }
}
