package dev.verdant.train;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import dev.verdant.data.LoadedData;
import dev.verdant.data.Split;
import dev.verdant.model.Architectures;
import dev.verdant.model.Batches;
import dev.verdant.model.Network;
import dev.verdant.spec.ExperimentSpec;
import dev.verdant.spec.ModelSpec;

/**
 * One network in training: the built {@link Network}, its DJL model and its trainer (optimiser state included).
 * A session holds one at a time; progressive stacking replaces it with a deeper one mid-run.
 */
final class LiveNetwork implements AutoCloseable {

    /** Samples LSUV measures variances on: enough for a stable estimate, small enough to be instant. */
    private static final int LSUV_SAMPLES = 256;

    final ModelSpec modelSpec;
    final Network network;
    final Model model;
    final Trainer trainer;

    private LiveNetwork(ModelSpec modelSpec, Network network, Model model, Trainer trainer) {
        this.modelSpec = modelSpec;
        this.network = network;
        this.model = model;
        this.trainer = trainer;
    }

    /**
     * Builds and initialises {@code modelSpec}'s network for {@code data}, with an optimiser whose schedule starts at
     * update {@code updateOffset}. {@code dataInit} false skips data-dependent initialisation (LSUV): a grown network
     * takes most of its weights from the trained one instead.
     */
    static LiveNetwork create(ExperimentSpec spec, ModelSpec modelSpec, LoadedData data, Device device,
                              int stepsPerEpoch, int updateOffset, long seed, boolean dataInit) {
        Network network = Architectures.build(modelSpec, data.sampleShape(), data.numClasses());
        Model m = Model.newInstance(spec.name(), device);
        try {
            m.setBlock(network.block());
            DefaultTrainingConfig config = new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
                    .optOptimizer(Optimizers.build(spec.training(), stepsPerEpoch, updateOffset))
                    .optInitializer(Initializers.forName(modelSpec.init()), Parameter.Type.WEIGHT)
                    .optDevices(new Device[] {device});
            // Seeds libtorch (initialisation, dropout) and DJL's own random source.
            Engine.getInstance().setRandomSeed((int) seed);
            Trainer trainer = m.newTrainer(config);
            try {
                trainer.initialize(Batches.withBatch(1, data.sampleShape()));
                LiveNetwork live = new LiveNetwork(modelSpec, network, m, trainer);
                live.initialiseWeights(data, seed, dataInit);
                return live;
            } catch (RuntimeException e) {
                trainer.close();
                throw e;
            }
        } catch (RuntimeException e) {
            m.close();
            throw e;
        }
    }

    /** The initialisations DJL has no initialiser for, applied to the freshly initialised weights. */
    private void initialiseWeights(LoadedData data, long seed, boolean dataInit) {
        String init = modelSpec.init();
        if ("orthogonal".equals(init) || "lsuv".equals(init)) {
            Orthogonal.apply(network.block(), Initializers.gain(modelSpec.activation().label()), seed);
        }
        if ("lsuv".equals(init) && dataInit) {
            try (NDManager scratch = model.getNDManager().newSubManager()) {
                Lsuv.apply(network, scratch, firstSamples(scratch, data.train(), data.sampleShape()));
            }
        }
        if ("zero-residual".equals(init)) {
            ZeroResidual.apply(network);
        }
    }

    static NDArray firstSamples(NDManager manager, Split split, long[] sampleShape) {
        int n = Math.min(LSUV_SAMPLES, split.size());
        float[] x = new float[n * split.sampleSize()];
        for (int i = 0; i < n; i++) {
            split.copySample(i, x, i * split.sampleSize());
        }
        return manager.create(x, Batches.withBatch(n, sampleShape));
    }

    @Override
    public void close() {
        trainer.close();
        model.close();
    }
}
