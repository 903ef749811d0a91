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
 * {@code orthogonal}, {@code lsuv} and {@code zero-residual} start from {@code kaiming} and then rewrite weights once
 * the network is initialised: see {@link Orthogonal}, {@link Lsuv} and {@link ZeroResidual}.
 */
final class Initializers {

    private Initializers() {
    }

    /** The initialiser DJL applies to every weight when the trainer initialises the network. */
    static Initializer forName(String name) {
        return switch (name) {
            case "xavier" -> new XavierInitializer(RandomType.UNIFORM, FactorType.AVG, 3);
            case "xavier-normal" -> new XavierInitializer(RandomType.GAUSSIAN, FactorType.AVG, 1);
            default -> new XavierInitializer(RandomType.GAUSSIAN, FactorType.IN, 2);
        };
    }

    /** PyTorch's {@code calculate_gain} for the activation: sqrt(2) for ReLU, 5/3 for tanh, 1 otherwise. */
    static double gain(String activation) {
        return switch (activation) {
            case "relu" -> Math.sqrt(2);
            case "tanh" -> 5.0 / 3;
            default -> 1.0;
        };
    }
}
