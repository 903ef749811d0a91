package dev.verdant.run;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import dev.verdant.data.DatasetException;
import dev.verdant.data.Datasets;
import dev.verdant.data.InputFeatures;
import dev.verdant.data.LoadedData;
import dev.verdant.energy.EnergyMeter;
import dev.verdant.result.EpochRecord;
import dev.verdant.result.Phase;
import dev.verdant.result.RunStatus;
import dev.verdant.spec.DatasetSpec;
import dev.verdant.spec.ExperimentSpec;
import dev.verdant.train.DeviceChoice;
import dev.verdant.train.TrainingObserver;
import dev.verdant.train.TrainingOutcome;
import dev.verdant.train.TrainingSession;

/**
 * The engine behind the 2-D playground: a network trained one epoch at a time on a synthetic two-feature set
 * (spirals, circles, xor, gaussians) under an energy meter, whose predictions can be read on a grid of points to draw
 * the decision boundary. Not a stored run: the playground is for looking, not for results. Use it from one thread
 * (the window's background worker); close it to free native memory.
 */
public final class PlaygroundSession implements AutoCloseable {

    /** The points of one split, for the scatter plot. */
    public record Points(float[] xy, int[] labels) {
    }

    /**
     * One epoch's figures.
     *
     * @param epoch          1-based epoch number
     * @param trainAccuracy  accuracy on the training points during the epoch
     * @param valAccuracy    accuracy on the held-out points after it
     * @param valLoss        loss on the held-out points
     * @param joules         energy spent since the session started
     * @param energyMethod   how the energy was obtained, e.g. {@code estimated:cpu-tdp}
     */
    public record Step(int epoch, double trainAccuracy, double valAccuracy, double valLoss, double joules,
                       String energyMethod) {
    }

    private final LoadedData data;
    private final LoadedData raw;
    private final String features;
    private final EnergyMeter meter;
    private final TrainingSession session;
    private int epoch;

    private PlaygroundSession(ExperimentSpec spec) {
        if (!DatasetSpec.SYNTHETIC.contains(spec.dataset().name())) {
            throw new DatasetException("the playground draws two-feature data: choose one of "
                    + DatasetSpec.SYNTHETIC + ", not '" + spec.dataset().name() + "'");
        }
        this.features = spec.dataset().features();
        this.data = Datasets.load(spec.dataset(), spec.seed());
        this.raw = Datasets.load(spec.dataset().withFeatures(null), spec.seed());
        ExperimentSpec oneEpoch = spec.withTraining(spec.training().withEpochs(1).withTargetAccuracy(null));
        this.meter = EnergyMeter.start(spec.energy());
        try {
            this.session = TrainingSession.create(oneEpoch, data, DeviceChoice.resolve("cpu").device());
        } catch (RuntimeException e) {
            meter.close();
            throw e;
        }
    }

    /** Generates the spec's data set and builds its network (on the CPU: the sets are tiny). */
    public static PlaygroundSession start(ExperimentSpec spec) {
        return new PlaygroundSession(spec);
    }

    /** The training points (their x, y coordinates, whatever inputs the network sees). */
    public Points trainPoints() {
        return new Points(raw.train().features(), raw.train().labels());
    }

    /** The held-out points (x, y). */
    public Points validationPoints() {
        return new Points(raw.validation().features(), raw.validation().labels());
    }

    /** Epochs trained so far. */
    public int epoch() {
        return epoch;
    }

    /** Trains one more epoch and returns its figures. */
    public Step step() {
        TrainingOutcome outcome = session.train(new TrainingObserver() {
            @Override
            public void onPhase(Phase phase) {
                meter.begin(phase);
            }
        }, () -> false);
        if (outcome.status() != RunStatus.COMPLETED || outcome.epochs().isEmpty()) {
            throw new IllegalStateException(outcome.message() == null ? "the epoch did not complete"
                    : outcome.message());
        }
        epoch++;
        EpochRecord e = outcome.epochs().get(outcome.epochs().size() - 1);
        return new Step(epoch, e.trainAccuracy(), e.valAccuracy(), e.valLoss(), meter.totalJoules(), meter.method());
    }

    /**
     * The network's probability of class 1 on an {@code n x n} grid over [{@code min}, {@code max}]^2, row by row
     * from the top (y = max) down, x from left to right: the picture of the decision boundary.
     */
    public float[] grid(int n, double min, double max) {
        float[] xy = new float[n * n * 2];
        for (int row = 0; row < n; row++) {
            double y = max - (max - min) * row / (n - 1);
            for (int col = 0; col < n; col++) {
                double x = min + (max - min) * col / (n - 1);
                int i = row * n + col;
                xy[2 * i] = (float) x;
                xy[2 * i + 1] = (float) y;
            }
        }
        meter.begin(Phase.INFERENCE);
        try (NDManager m = session.model().getNDManager().newSubManager()) {
            int k = InputFeatures.size(features);
            NDArray input = m.create(InputFeatures.expand(xy, features), new Shape(n * n, k));
            NDList out = session.model().getBlock().forward(new ParameterStore(m, false), new NDList(input), false);
            return out.singletonOrThrow().softmax(1).get(":, 1").toFloatArray();
        }
    }

    @Override
    public void close() {
        try {
            session.close();
        } finally {
            meter.close();
        }
    }
}
