package dev.verdant.train;

import ai.djl.training.initializer.Initializer;
import ai.djl.training.initializer.XavierInitializer;
import ai.djl.training.initializer.XavierInitializer.FactorType;
import ai.djl.training.initializer.XavierInitializer.RandomType;

/**
 * Weight initialisers matching PyTorch's conventions. DJL's default Xavier is sqrt(2) wider than
 * PyTorch's {@code xavier_uniform_}; the magnitudes here reproduce PyTorch's variances:
 * {@code xavier}: U(+-sqrt(6 / (fan_in + fan_out))); {@code xavier-normal}: N(0, 2 / (fan_in + fan_out));
 * {@code kaiming}: N(0, 2 / fan_in) (He et al. 2015, ReLU gain).
 */
final class Initializers {

    private Initializers() {
    }

    static Initializer forName(String name) {
        return switch (name) {
            case "xavier" -> new XavierInitializer(RandomType.UNIFORM, FactorType.AVG, 3);
            case "xavier-normal" -> new XavierInitializer(RandomType.GAUSSIAN, FactorType.AVG, 1);
            default -> new XavierInitializer(RandomType.GAUSSIAN, FactorType.IN, 2);
        };
    }
}
