package dev.verdant.spec;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.Objects;

/**
 * Everything needed to reproduce one run: dataset, model, training settings, device and energy settings.
 * Missing parts take their documented defaults, so a spec read from a short YAML file is always complete.
 *
 * @param name     a short human name for the experiment
 * @param seed     seed for data splits, initialisation and shuffling
 * @param dataset  which data to train on
 * @param model    which architecture to build
 * @param training optimiser, schedule, epochs and stopping rules
 * @param device   {@code cpu}, {@code gpu} or {@code auto}
 * @param energy   how energy is converted to carbon and cost, and how often it is sampled
 * @param compression compression steps applied in order after training (empty: none)
 * @param repeats  how many runs make the experiment: seeds {@code seed .. seed+repeats-1}, run one after another as
 *                 one run group (default 1: a single run). Left out of YAML and JSON when 1, so a spec without
 *                 repeats reads and writes exactly as before the field existed.
 * @param activeLearning active-learning rounds under a label budget; null (left out of YAML and JSON) for ordinary
 *                 training on all labels
 * @param transfer start from a stored run's network (transfer learning, few-shot); null for a fresh network
 */
public record ExperimentSpec(String name, Long seed, DatasetSpec dataset, ModelSpec model,
                             TrainingSpec training, String device, EnergySpec energy,
                             java.util.List<CompressionStepSpec> compression,
                             @JsonInclude(value = JsonInclude.Include.CUSTOM, valueFilter = SingleRun.class)
                             Integer repeats,
                             @JsonInclude(JsonInclude.Include.NON_NULL) ActiveLearningSpec activeLearning,
                             @JsonInclude(JsonInclude.Include.NON_NULL) TransferSpec transfer) {

    /** Devices a spec may ask for. */
    public static final java.util.List<String> DEVICES = java.util.List.of("cpu", "gpu", "auto");

    public ExperimentSpec {
        name = Objects.requireNonNullElse(name, "experiment");
        seed = Objects.requireNonNullElse(seed, 42L);
        dataset = Objects.requireNonNullElseGet(dataset, DatasetSpec::defaults);
        model = Objects.requireNonNullElseGet(model, ModelSpec::defaults);
        training = Objects.requireNonNullElseGet(training, TrainingSpec::defaults);
        device = Objects.requireNonNullElse(device, "auto");
        energy = Objects.requireNonNullElseGet(energy, EnergySpec::defaults);
        compression = compression == null ? java.util.List.of() : java.util.List.copyOf(compression);
        repeats = Objects.requireNonNullElse(repeats, 1);
    }

    /** A single-run spec (repeats 1), for callers written before repeats existed. */
    public ExperimentSpec(String name, Long seed, DatasetSpec dataset, ModelSpec model, TrainingSpec training,
                          String device, EnergySpec energy, java.util.List<CompressionStepSpec> compression) {
        this(name, seed, dataset, model, training, device, energy, compression, 1);
    }

    /** A spec without active learning or transfer, for callers written before they existed. */
    public ExperimentSpec(String name, Long seed, DatasetSpec dataset, ModelSpec model, TrainingSpec training,
                          String device, EnergySpec energy, java.util.List<CompressionStepSpec> compression,
                          Integer repeats) {
        this(name, seed, dataset, model, training, device, energy, compression, repeats, null, null);
    }

    /** The most repeats one spec may ask for: more is a benchmark campaign, not a spec. */
    public static final int MAX_REPEATS = 50;

    /**
     * Jackson's filter for {@link #repeats}: true (leave the field out) for the default of one run, so specs and
     * result JSON written without repeats stay byte-for-byte what they were.
     */
    static final class SingleRun {
        @Override
        public boolean equals(Object value) {
            return value == null || Integer.valueOf(1).equals(value);
        }

        @Override
        public int hashCode() {
            return 1;
        }
    }

    /** A spec with every field at its default value. */
    public static ExperimentSpec defaults() {
        return new ExperimentSpec("quickstart", null, null, null, null, null, null, null, null);
    }

    public ExperimentSpec withName(String newName) {
        return new ExperimentSpec(newName, seed, dataset, model, training, device, energy, compression, repeats, activeLearning, transfer);
    }

    public ExperimentSpec withSeed(long newSeed) {
        return new ExperimentSpec(name, newSeed, dataset, model, training, device, energy, compression, repeats, activeLearning, transfer);
    }

    public ExperimentSpec withDataset(DatasetSpec newDataset) {
        return new ExperimentSpec(name, seed, newDataset, model, training, device, energy, compression, repeats, activeLearning, transfer);
    }

    public ExperimentSpec withModel(ModelSpec newModel) {
        return new ExperimentSpec(name, seed, dataset, newModel, training, device, energy, compression, repeats, activeLearning, transfer);
    }

    public ExperimentSpec withTraining(TrainingSpec newTraining) {
        return new ExperimentSpec(name, seed, dataset, model, newTraining, device, energy, compression, repeats, activeLearning, transfer);
    }

    public ExperimentSpec withDevice(String newDevice) {
        return new ExperimentSpec(name, seed, dataset, model, training, newDevice, energy, compression, repeats, activeLearning, transfer);
    }

    public ExperimentSpec withEnergy(EnergySpec newEnergy) {
        return new ExperimentSpec(name, seed, dataset, model, training, device, newEnergy, compression, repeats, activeLearning, transfer);
    }

    public ExperimentSpec withCompression(java.util.List<CompressionStepSpec> newCompression) {
        return new ExperimentSpec(name, seed, dataset, model, training, device, energy, newCompression, repeats, activeLearning, transfer);
    }

    public ExperimentSpec withActiveLearning(ActiveLearningSpec newActiveLearning) {
        return new ExperimentSpec(name, seed, dataset, model, training, device, energy, compression, repeats,
                newActiveLearning, transfer);
    }

    public ExperimentSpec withTransfer(TransferSpec newTransfer) {
        return new ExperimentSpec(name, seed, dataset, model, training, device, energy, compression, repeats,
                activeLearning, newTransfer);
    }

    public ExperimentSpec withRepeats(int newRepeats) {
        return new ExperimentSpec(name, seed, dataset, model, training, device, energy, compression, newRepeats, activeLearning, transfer);
    }
}
