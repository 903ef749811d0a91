package dev.verdant.train;

import ai.djl.Device;
import ai.djl.nn.Parameter;
import dev.verdant.data.Datasets;
import dev.verdant.data.LoadedData;
import dev.verdant.result.EpochRecord;
import dev.verdant.result.RunStatus;
import dev.verdant.spec.DatasetSpec;
import dev.verdant.spec.EarlyStoppingSpec;
import dev.verdant.spec.ExperimentSpec;
import dev.verdant.spec.ProgressiveSpec;
import dev.verdant.spec.SpecException;
import dev.verdant.spec.SpecValidator;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Each progressive strategy runs end to end in seconds, does what it claims, and is deterministic under a seed. */
class StrategiesTest {

    /** A small resnet on 256 Fashion-MNIST images (28 px), validated on 500. */
    private static ExperimentSpec fashion(String arch, int epochs, ProgressiveSpec... progressive) {
        ExperimentSpec s = ExperimentSpec.defaults().withDevice("cpu");
        DatasetSpec d = new DatasetSpec("fashion-mnist-small", null, 0.05, 256, null, null, null);
        s = s.withDataset(d).withModel(s.model().withArch(arch).withChannels(4).withNorm("batch"));
        return s.withTraining(s.training().withEpochs(epochs).withProgressive(List.of(progressive)));
    }

    private static TrainingOutcome train(ExperimentSpec spec) {
        SpecValidator.requireValid(spec);
        LoadedData data = Datasets.load(spec.dataset(), spec.seed());
        try (TrainingSession session = TrainingSession.create(spec, data, Device.cpu())) {
            return session.train(TrainingObserver.NONE, () -> false);
        }
    }

    private static void assertDeterministic(ExperimentSpec spec, List<EpochRecord> first) {
        List<EpochRecord> again = train(spec).epochs();
        assertEquals(first.size(), again.size());
        for (int i = 0; i < first.size(); i++) {
            assertEquals(first.get(i).trainLoss(), again.get(i).trainLoss(), 0.0, "epoch " + (i + 1));
            assertEquals(first.get(i).valLoss(), again.get(i).valLoss(), 0.0, "epoch " + (i + 1));
            assertEquals(first.get(i).valAccuracy(), again.get(i).valAccuracy(), 0.0, "epoch " + (i + 1));
        }
    }

    @Test
    void resizeTrainsEarlyEpochsAtLowerResolutionWithFewerFlops() {
        ExperimentSpec spec = fashion("dscnn", 3, ProgressiveSpec.resize(List.of(1, 1), List.of(14, 20, 28)));
        TrainingOutcome out = train(spec);
        assertEquals(RunStatus.COMPLETED, out.status());
        List<EpochRecord> e = out.epochs();
        assertEquals(List.of(14, 20, 28), e.stream().map(EpochRecord::resolution).toList());
        long full = train(fashion("dscnn", 1)).epochs().get(0).flopsPerSample();
        assertEquals(full, e.get(2).flopsPerSample());
        // FLOPs scale with the pixel count: 14 px costs about a quarter of 28 px.
        assertEquals(0.25, (double) e.get(0).flopsPerSample() / full, 0.03);
        assertTrue(e.get(1).flopsPerSample() < full && e.get(1).flopsPerSample() > e.get(0).flopsPerSample());
        assertDeterministic(spec, e);
    }

    @Test
    void resizeIsAreaAveraging() {
        // 4x4 -> 2x2 is an exact 2x2 average
        float[] img = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16};
        var out = Resampling.area(new dev.verdant.data.Split(img, new int[] {0}, 16), 1, 4, 4, 2);
        assertArrayEquals(new float[] {3.5f, 5.5f, 11.5f, 13.5f}, out.features(), 1e-6f);
    }

    @Test
    void freezeKeepsFrozenLayersBitIdenticalAndCutsBackwardFlops() {
        ExperimentSpec spec = fashion("lenet5", 3, ProgressiveSpec.freeze(List.of(1, 1), List.of(0, 2, 3)));
        spec = spec.withModel(spec.model().withNorm("none"));
        LoadedData data = Datasets.load(spec.dataset(), spec.seed());
        List<Map<String, float[]>> snapshots = new ArrayList<>();
        TrainingOutcome out;
        try (TrainingSession session = TrainingSession.create(spec, data, Device.cpu())) {
            out = session.train(new TrainingObserver() {
                @Override
                public EpochRecord onEpoch(EpochRecord epoch) {
                    snapshots.add(weights(session));
                    return epoch;
                }
            }, () -> false);
        }
        List<EpochRecord> e = out.epochs();
        assertEquals(List.of(0, 2, 3), e.stream().map(EpochRecord::frozenLayers).toList());
        // lenet5 layers: conv 6, conv 16, linear 120, linear 84, linear 10, each with a weight and a bias. Epoch 2
        // freezes the first two (parameters 0-3), epoch 3 the first three (0-5): they stay bit-identical.
        List<String> names = new ArrayList<>(snapshots.get(0).keySet());
        for (int epoch = 2; epoch <= 3; epoch++) {
            int frozenParams = 2 * e.get(epoch - 1).frozenLayers();
            for (int i = 0; i < names.size(); i++) {
                boolean same = java.util.Arrays.equals(snapshots.get(epoch - 2).get(names.get(i)),
                        snapshots.get(epoch - 1).get(names.get(i)));
                assertEquals(i < frozenParams, same, names.get(i) + (i < frozenParams ? " is frozen" : " trains")
                        + " in epoch " + epoch);
            }
        }
        // Forward FLOPs stay; forward+backward FLOPs drop as layers freeze.
        assertEquals(e.get(0).flopsPerSample(), e.get(2).flopsPerSample());
        assertEquals(3 * e.get(0).flopsPerSample(), e.get(0).trainFlopsPerSample());
        assertTrue(e.get(1).trainFlopsPerSample() < e.get(0).trainFlopsPerSample());
        assertTrue(e.get(2).trainFlopsPerSample() < e.get(1).trainFlopsPerSample());
        assertDeterministic(spec, e);
    }

    private static Map<String, float[]> weights(TrainingSession session) {
        Map<String, float[]> out = new LinkedHashMap<>();
        for (var p : session.network().block().getParameters()) {
            Parameter.Type type = p.getValue().getType();
            if (type != Parameter.Type.RUNNING_MEAN && type != Parameter.Type.RUNNING_VAR) {
                out.put(p.getKey(), p.getValue().getArray().toFloatArray());
            }
        }
        return out;
    }

    @Test
    void freezingEveryLayerIsRefused() {
        ExperimentSpec spec = fashion("lenet5", 3, ProgressiveSpec.freeze(List.of(1), List.of(0, 5)));
        SpecException e = assertThrows(SpecException.class, () -> train(spec));
        assertTrue(e.getMessage().contains("has 5 (conv 6 (5x5), conv 16 (5x5), linear 120"), e.getMessage());
    }

    @Test
    void stackGrowsTheResnetAndKeepsWhatItLearned() {
        ExperimentSpec spec = fashion("resnet", 3, ProgressiveSpec.stack(List.of(2), List.of(8, 14)));
        spec = spec.withModel(spec.model().withDepth(14));
        TrainingOutcome out = train(spec);
        List<EpochRecord> e = out.epochs();
        assertEquals(List.of(8, 8, 14), e.stream().map(EpochRecord::depth).toList());
        assertTrue(e.get(2).flopsPerSample() > e.get(1).flopsPerSample(), "the deeper network costs more");
        // The grown network starts from the trained one: no collapse to chance (10%) after growing.
        assertTrue(e.get(2).valAccuracy() > e.get(1).valAccuracy() - 0.1,
                "accuracy " + e.get(1).valAccuracy() + " -> " + e.get(2).valAccuracy());
        assertDeterministic(spec, e);
    }

    @Test
    void layerdropRaisesTheDropRateAndSkipsBranches() {
        ExperimentSpec spec = fashion("resnet", 3, ProgressiveSpec.layerdrop(0.5));
        TrainingOutcome out = train(spec);
        List<EpochRecord> e = out.epochs();
        assertEquals(0.0, e.get(0).dropRate());
        assertTrue(e.get(1).dropRate() > 0 && e.get(2).dropRate() > e.get(1).dropRate() && e.get(2).dropRate() < 0.5);
        assertTrue(e.get(2).flopsPerSample() < e.get(0).flopsPerSample(), "dropped branches cost nothing");
        assertDeterministic(spec, e);
    }

    @Test
    void strategiesCombine() {
        ExperimentSpec spec = fashion("resnet", 3, ProgressiveSpec.resize(List.of(1), List.of(14, 28)),
                ProgressiveSpec.layerdrop(0.3), ProgressiveSpec.freeze(List.of(2), List.of(0, 1)));
        List<EpochRecord> e = train(spec).epochs();
        assertEquals(14, e.get(0).resolution());
        assertEquals(1, e.get(2).frozenLayers());
        assertTrue(e.get(2).dropRate() > 0);
    }

    @Test
    void earlyStoppingStopsWhenTheMetricStallsAndSaysWhy() {
        ExperimentSpec s = ExperimentSpec.defaults().withDevice("cpu");
        // a minimum improvement no run can make: stops after exactly `patience` epochs past the first
        s = s.withTraining(s.training().withEpochs(10).withEarlyStopping(new EarlyStoppingSpec(2, 0.9, "valAccuracy")));
        TrainingOutcome out = train(s);
        assertEquals(dev.verdant.result.StopReason.EARLY_STOPPING, out.stopReason());
        assertEquals(3, out.epochs().size());
        assertEquals(RunStatus.COMPLETED, out.status());
        assertDeterministic(s, out.epochs());
    }

    @Test
    void targetAccuracyStopsFirst() {
        ExperimentSpec s = ExperimentSpec.defaults().withDevice("cpu");
        s = s.withTraining(s.training().withEpochs(10).withTargetAccuracy(0.5).withEarlyStopping(EarlyStoppingSpec.defaults()));
        TrainingOutcome out = train(s);
        assertEquals(dev.verdant.result.StopReason.TARGET, out.stopReason());
        assertFalse(out.epochs().isEmpty());
    }
}
