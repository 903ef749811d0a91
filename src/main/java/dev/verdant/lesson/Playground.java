package dev.verdant.lesson;

import dev.verdant.run.PlaygroundSession;
import dev.verdant.spec.Activation;
import dev.verdant.spec.Architecture;
import dev.verdant.spec.DatasetSpec;
import dev.verdant.spec.ExperimentSpec;
import dev.verdant.spec.ModelSpec;
import dev.verdant.spec.TrainingSpec;

import java.util.List;

/**
 * The 2-D playground's settings and defaults: which synthetic set, how noisy, how many points, and a network that
 * solves each set in seconds. The defaults were tuned so that every set reaches 0.95 validation accuracy
 * ({@code PlaygroundDefaultsTest}); spirals needs random Fourier input features: from x and y alone
 * the workbench's general defaults reach only about 0.6 there. Sessions are started through
 * {@link PlaygroundSession} (the run layer owns the network and the meter).
 */
public final class Playground {

    /** The sets the playground offers. */
    public static final List<String> SETS = DatasetSpec.SYNTHETIC;
    /** The grid's extent: points lie roughly in [-1, 1]^2, noise included. */
    public static final double EXTENT = 1.5;
    /** Epochs after which {@link #trainUntil} gives up. */
    public static final int MAX_EPOCHS = 300;

    private Playground() {
    }

    /** The default noise of {@code set}: low enough that 0.95 is reachable (the sets overlap as noise grows). */
    public static double defaultNoise(String set) {
        return "gaussians".equals(set) ? 0.1 : 0.05;
    }

    /**
     * The default input features of {@code set}: random Fourier features for spirals (from x and y alone a small
     * network needs hundreds of epochs there), the raw coordinates for the others.
     */
    public static String defaultFeatures(String set) {
        return "spirals".equals(set) ? "fourier" : "xy";
    }

    /** The default number of points. */
    public static int defaultSamples() {
        return 600;
    }

    /** The default spec of {@code set} with the given noise and point count. */
    public static ExperimentSpec spec(String set, double noise, int samples) {
        if (!SETS.contains(set)) {
            throw new IllegalArgumentException("the playground offers " + SETS + ", not '" + set + "'");
        }
        DatasetSpec data = new DatasetSpec(set, null, 0.2, null, null, samples, noise, defaultFeatures(set));
        ModelSpec model = new ModelSpec(Architecture.MLP, List.of(32, 32), null, Activation.TANH, "xavier", null,
                null, null, null, null);
        TrainingSpec training = TrainingSpec.defaults().withEpochs(MAX_EPOCHS).withBatchSize(16)
                .withOptimizer("adam").withLearningRate(0.01);
        return ExperimentSpec.defaults().withName("playground-" + set).withSeed(7).withDataset(data)
                .withModel(model).withTraining(training).withDevice("cpu");
    }

    /** The default spec of {@code set} with other input features ({@code xy}, {@code playground}, {@code fourier}). */
    public static ExperimentSpec spec(String set, double noise, int samples, String features) {
        ExperimentSpec s = spec(set, noise, samples);
        return s.withDataset(s.dataset().withFeatures(features));
    }

    /** The default spec of {@code set}. */
    public static ExperimentSpec defaults(String set) {
        return spec(set, defaultNoise(set), defaultSamples());
    }

    /** Steps {@code session} until its validation accuracy reaches {@code target} or {@code maxEpochs} pass. */
    public static PlaygroundSession.Step trainUntil(PlaygroundSession session, double target, int maxEpochs) {
        PlaygroundSession.Step last = null;
        for (int i = 0; i < maxEpochs; i++) {
            last = session.step();
            if (last.valAccuracy() >= target) {
                break;
            }
        }
        return last;
    }
}
