package dev.verdant.train;

import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.CosineTracker;
import ai.djl.training.tracker.MultiFactorTracker;
import ai.djl.training.tracker.Tracker;
import dev.verdant.spec.TrainingSpec;

/** Builds the optimiser and learning-rate schedule of a {@link TrainingSpec}. */
final class Optimizers {

    private Optimizers() {
    }

    static Optimizer build(TrainingSpec t, int stepsPerEpoch) {
        return build(t, stepsPerEpoch, 0);
    }

    /**
     * An optimiser whose schedule starts at update {@code offset}: a network grown mid-run (progressive stacking)
     * gets a fresh optimiser, but its learning rate continues where the old one's was.
     */
    static Optimizer build(TrainingSpec t, int stepsPerEpoch, int offset) {
        Tracker base = schedule(t, stepsPerEpoch);
        Tracker lr = offset == 0 ? base : update -> base.getNewValue(update + offset);
        float wd = t.weightDecay().floatValue();
        return switch (t.optimizer()) {
            case "sgd" -> Optimizer.sgd().setLearningRateTracker(lr).optMomentum(t.momentum().floatValue())
                    .optWeightDecays(wd).build();
            case "adamw" -> Optimizer.adamW().optLearningRateTracker(lr).optWeightDecays(wd).build();
            default -> Optimizer.adam().optLearningRateTracker(lr).optWeightDecays(wd).build();
        };
    }

    /** {@code constant}; {@code step}: x0.1 at 50% and 75% of the epochs; {@code cosine}: to zero at the last step. */
    static Tracker schedule(TrainingSpec t, int stepsPerEpoch) {
        float base = t.learningRate().floatValue();
        int total = Math.max(1, t.epochs() * stepsPerEpoch);
        return switch (t.schedule()) {
            case "step" -> {
                int first = Math.max(1, total / 2);
                int second = Math.max(first + 1, total * 3 / 4);
                yield MultiFactorTracker.builder().setBaseValue(base).setSteps(new int[] {first, second})
                        .optFactor(0.1f).build();
            }
            case "cosine" -> CosineTracker.builder().setBaseValue(base).optFinalValue(0f).setMaxUpdates(total).build();
            default -> Tracker.fixed(base);
        };
    }
}
