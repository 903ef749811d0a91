package dev.verdant.run;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.ndarray.types.DataType;
import dev.verdant.data.Datasets;
import dev.verdant.data.LoadedData;
import dev.verdant.data.Split;
import dev.verdant.energy.EnergyMeter;
import dev.verdant.model.Batches;
import dev.verdant.model.Net;
import dev.verdant.model.NetBlocks;
import dev.verdant.result.Phase;
import dev.verdant.spec.DatasetSpec;
import dev.verdant.spec.EnergySpec;
import dev.verdant.spec.SpecException;
import dev.verdant.spec.TransferSpec;
import dev.verdant.store.RunStore;
import dev.verdant.train.DeviceChoice;
import dev.verdant.train.FewShotEpisodes;
import dev.verdant.result.FewShotResult;
import dev.verdant.train.PoolScores;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code verdant fewshot}: N-way K-shot episodes with a prototype classifier on a stored run's embeddings (the
 * input of its classifier), on any dataset of the same input shape. The embeddings of every sample (training and
 * validation splits together) are computed once, metered as phase {@code inference}; the episodes then only average
 * and compare vectors.
 */
public final class FewShot {

    /** Query samples per class in each episode. */
    public static final int QUERIES = 15;

    /**
     * The outcome of one command.
     *
     * @param fromRun     the stored run whose network embedded the samples
     * @param samples     samples embedded
     * @param classes     classes in the data
     * @param embedJoules energy of computing the embeddings
     * @param energyMethod how that energy was obtained (measured or estimated)
     * @param results     one per shots value
     */
    public record Report(long fromRun, int samples, int classes, double embedJoules, String energyMethod,
                         List<FewShotResult> results) {
    }

    private FewShot() {
    }

    /**
     * Embeds {@code dataset} with stored run {@code fromRun}'s network and runs the episodes for each shots value.
     *
     * @throws SpecException when the run cannot be used (missing, no model, other input shape) or the data has too
     *                       few classes or samples for the episodes
     */
    public static Report evaluate(RunStore store, long fromRun, DatasetSpec dataset, int ways, List<Integer> shots,
                                  int episodes, long seed) {
        LoadedData data;
        try {
            data = Datasets.load(dataset, seed);
        } catch (dev.verdant.data.DatasetException e) {
            throw new SpecException("--dataset", e.getMessage());
        }
        Device device = DeviceChoice.resolve("auto").device();
        DataEfficiency.Source source = DataEfficiency.source(store, new TransferSpec(fromRun, null, null, 0), data,
                device);
        float[][] embeddings;
        double joules;
        String method;
        try (EnergyMeter meter = EnergyMeter.start(EnergySpec.defaults());
             Model m = Model.newInstance("fewshot", device)) {
            Net net = source.net();
            m.setBlock(NetBlocks.build(net));
            m.getBlock().initialize(m.getNDManager(), DataType.FLOAT32, Batches.withBatch(1, net.inputShape()));
            NetBlocks.copyInto(net, m.getBlock());
            meter.begin(Phase.INFERENCE);
            float[][] train = embed(m, data.train(), data.sampleShape());
            float[][] val = embed(m, data.validation(), data.sampleShape());
            embeddings = java.util.stream.Stream.concat(java.util.Arrays.stream(train), java.util.Arrays.stream(val))
                    .toArray(float[][]::new);
            meter.end();
            joules = meter.totalJoules();
            method = meter.method();
        }
        int[] labels = java.util.stream.IntStream.concat(java.util.Arrays.stream(data.train().labels()),
                java.util.Arrays.stream(data.validation().labels())).toArray();
        List<FewShotResult> results = new ArrayList<>();
        for (int k : shots) {
            try {
                results.add(FewShotEpisodes.run(embeddings, labels, data.numClasses(), ways, k, QUERIES,
                        episodes, seed));
            } catch (IllegalArgumentException e) {
                throw new SpecException("fewshot", e.getMessage() + "; lower --ways or --shots");
            }
        }
        return new Report(fromRun, labels.length, data.numClasses(), joules, method, List.copyOf(results));
    }

    private static float[][] embed(Model m, Split split, long[] shape) {
        return PoolScores.of(m.getBlock(), m.getNDManager(), split, shape, Batches.inOrder(split.size()), true)
                .embeddings();
    }
}
