package dev.verdant.spec;

import java.util.List;
import java.util.Objects;

/**
 * How a model is trained.
 *
 * @param epochs         passes over the training data
 * @param batchSize      samples per optimiser step
 * @param optimizer      {@code sgd} (with momentum), {@code adam} or {@code adamw}
 * @param learningRate   initial learning rate
 * @param weightDecay    L2 weight decay (decoupled for {@code adamw})
 * @param schedule       learning-rate schedule: {@code constant}, {@code step} (x0.1 at 50% and 75% of the epochs)
 *                       or {@code cosine} (to zero at the last step)
 * @param targetAccuracy validation accuracy to reach; the run stops once it is reached, null for none
 * @param momentum       momentum of {@code sgd}
 * @param earlyStopping  stop when the validation metric stops improving; null for off
 * @param progressive    progressive-training strategies (resize, stack, freeze, layerdrop); empty for none
 */
public record TrainingSpec(Integer epochs, Integer batchSize, String optimizer, Double learningRate,
                           Double weightDecay, String schedule, Double targetAccuracy, Double momentum,
                           EarlyStoppingSpec earlyStopping, List<ProgressiveSpec> progressive) {

    public static final List<String> OPTIMIZERS = List.of("sgd", "adam", "adamw");
    public static final List<String> SCHEDULES = List.of("constant", "step", "cosine");

    public TrainingSpec {
        epochs = Objects.requireNonNullElse(epochs, 10);
        batchSize = Objects.requireNonNullElse(batchSize, 64);
        optimizer = Objects.requireNonNullElse(optimizer, "adam");
        learningRate = Objects.requireNonNullElse(learningRate, 0.001);
        weightDecay = Objects.requireNonNullElse(weightDecay, 0.0);
        schedule = Objects.requireNonNullElse(schedule, "constant");
        momentum = Objects.requireNonNullElse(momentum, 0.9);
        progressive = List.copyOf(Objects.requireNonNullElse(progressive, List.of()));
    }

    /** Ten epochs of Adam at 0.001, batch 64. */
    public static TrainingSpec defaults() {
        return new TrainingSpec(null, null, null, null, null, null, null, null, null, null);
    }

    public TrainingSpec withEpochs(int newEpochs) {
        return new TrainingSpec(newEpochs, batchSize, optimizer, learningRate, weightDecay, schedule, targetAccuracy, momentum,
                earlyStopping, progressive);
    }

    public TrainingSpec withBatchSize(int newBatchSize) {
        return new TrainingSpec(epochs, newBatchSize, optimizer, learningRate, weightDecay, schedule, targetAccuracy, momentum,
                earlyStopping, progressive);
    }

    public TrainingSpec withOptimizer(String newOptimizer) {
        return new TrainingSpec(epochs, batchSize, newOptimizer, learningRate, weightDecay, schedule, targetAccuracy, momentum,
                earlyStopping, progressive);
    }

    public TrainingSpec withLearningRate(double newLearningRate) {
        return new TrainingSpec(epochs, batchSize, optimizer, newLearningRate, weightDecay, schedule, targetAccuracy, momentum,
                earlyStopping, progressive);
    }

    public TrainingSpec withSchedule(String newSchedule) {
        return new TrainingSpec(epochs, batchSize, optimizer, learningRate, weightDecay, newSchedule, targetAccuracy, momentum,
                earlyStopping, progressive);
    }

    public TrainingSpec withTargetAccuracy(Double newTarget) {
        return new TrainingSpec(epochs, batchSize, optimizer, learningRate, weightDecay, schedule, newTarget, momentum,
                earlyStopping, progressive);
    }

    public TrainingSpec withEarlyStopping(EarlyStoppingSpec newEarlyStopping) {
        return new TrainingSpec(epochs, batchSize, optimizer, learningRate, weightDecay, schedule, targetAccuracy,
                momentum, newEarlyStopping, progressive);
    }

    public TrainingSpec withProgressive(List<ProgressiveSpec> newProgressive) {
        return new TrainingSpec(epochs, batchSize, optimizer, learningRate, weightDecay, schedule, targetAccuracy,
                momentum, earlyStopping, newProgressive);
    }
}
