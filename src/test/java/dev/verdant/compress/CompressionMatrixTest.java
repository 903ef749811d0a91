package dev.verdant.compress;

import ai.djl.Device;
import dev.verdant.data.LoadedData;
import dev.verdant.model.Layer;
import dev.verdant.model.Net;
import dev.verdant.result.CompressionReport;
import dev.verdant.result.RunStatus;
import dev.verdant.spec.CompressionStepSpec;
import dev.verdant.spec.ExperimentSpec;
import dev.verdant.spec.ModelSpec;
import dev.verdant.train.TrainingObserver;
import dev.verdant.train.TrainingOutcome;
import dev.verdant.train.TrainingSession;
import dev.verdant.model.Architectures;
import dev.verdant.model.Network;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every compression step kind on every architecture and normalisation, on a tiny slice of the built-in digits: the
 * step kinds are chained in one pipeline per combination (distil into a student of the same architecture, one-shot
 * and gradual magnitude pruning, L1-structured pruning, low rank, int8 quantisation), planned before training and
 * run after it. Every combination completes with one measured report per step, its compressed network reloads from
 * the packed artifact to the same accuracy, and the compressed residual networks keep their residual blocks.
 */
class CompressionMatrixTest {

    private static final List<String> ARCHS = List.of("mlp", "lenet5", "dscnn", "resnet");
    private static final List<String> NORMS = List.of("none", "batch", "layer", "group");

    private static LoadedData data;

    @BeforeAll
    static void tinyDigits() {
        LoadedData digits = Trained.digits(Trained.spec(ModelSpec.defaults(), 1));
        data = new LoadedData(digits.name(), digits.train().first(160), digits.validation().first(64),
                digits.sampleShape(), digits.classNames(), digits.sha256());
    }

    static Stream<Arguments> combinations() {
        List<Arguments> out = new ArrayList<>();
        for (String arch : ARCHS) {
            for (String norm : NORMS) {
                out.add(Arguments.of(arch, norm));
            }
        }
        return out.stream();
    }

    /** The smallest network of each architecture, with dropout so that kind of entry is exercised too. */
    private static ModelSpec tiny(String arch, String norm) {
        ModelSpec m = ModelSpec.defaults().withArch(arch).withNorm(norm).withGroups(2).withDropout(0.1);
        return switch (arch) {
            case "mlp" -> m.withHidden(List.of(16, 8));
            case "dscnn" -> m.withChannels(4);
            case "resnet" -> m.withChannels(4).withDepth(8);
            default -> m;
        };
    }

    private static List<CompressionStepSpec> everyStepKind(ModelSpec model) {
        return List.of(
                CompressionStepSpec.distill("self", model, 4.0, 0.7, 1),
                CompressionStepSpec.magnitude("layer", 0.5, "oneshot", 1, 1),
                CompressionStepSpec.magnitude("global", 0.7, "gradual", 3, 1),
                CompressionStepSpec.structured(0.5, 1),
                CompressionStepSpec.lowRank(2, null, 1),
                CompressionStepSpec.quantize(8, "per-channel", 2));
    }

    @ParameterizedTest(name = "{0} x norm {1}")
    @MethodSource("combinations")
    void everyStepKindCompletesOnEveryArchitectureAndNorm(String arch, String norm, @TempDir Path dir)
            throws Exception {
        ModelSpec model = tiny(arch, norm);
        ExperimentSpec spec = Trained.spec(model, 1).withCompression(everyStepKind(model));
        spec = spec.withTraining(spec.training().withBatchSize(32).withLearningRate(0.01));
        try (TrainingSession session = TrainingSession.create(spec, data, Device.cpu())) {
            // Planned before training, as a run does: a refusal here would carry the step and the layer.
            CompressionPipeline pipeline = CompressionPipeline.plan(spec, data, session.network(), Device.cpu(),
                    TeacherSource.NONE, Trained.QUICK);
            TrainingOutcome trained = session.train(TrainingObserver.NONE, () -> false);
            assertEquals(RunStatus.COMPLETED, trained.status(), trained.message());
            CompressionPipeline.Outcome out = pipeline.run(session.trainedNet(), null, r -> { }, () -> false);

            List<CompressionReport> r = out.reports();
            assertEquals(7, r.size(), "the baseline and one report per step");
            for (CompressionReport step : r) {
                assertTrue(step.accuracy() >= 0 && step.accuracy() <= 1, step.toString());
                assertTrue(step.params() > 0 && step.nonzeroParams() <= step.params(), step.toString());
                assertTrue(step.flopsPerSample() > 0 && step.latencyMsBatch1() > 0, step.toString());
            }
            assertEquals(session.params(), r.get(0).params(), "the baseline is the trained network");
            assertEquals(session.network().flopsPerSample(), r.get(0).flopsPerSample());
            CompressionReport distilled = r.get(1);
            CompressionReport oneshot = r.get(2);
            CompressionReport gradual = r.get(3);
            CompressionReport structured = r.get(4);
            CompressionReport quantised = r.get(6);
            assertEquals(distilled.params(), r.get(0).params(), "a student of the same architecture");
            // Pruning zeroes weights only (not biases or normalisation): count against the weights.
            long weights = session.network().net().weighted().stream().mapToLong(l -> l.arraySizes()[0]).sum();
            assertTrue(oneshot.params() - oneshot.nonzeroParams() >= 0.49 * weights, weights + " weights, " + oneshot);
            assertTrue(gradual.params() - gradual.nonzeroParams() >= 0.69 * weights, weights + " weights, " + gradual);
            assertTrue(structured.flopsPerSample() < gradual.flopsPerSample(), "structured pruning removes work: "
                    + structured + " after " + gradual);
            // Rank-2 factors leave so few weights that biases and normalisation (kept in float) dominate the bytes.
            assertTrue(quantised.simulated() && quantised.modelBytes() < r.get(5).modelBytes(), quantised.toString());
            assertMeasuredOnOnnxRuntime(quantised, out.net());

            Net compressed = out.net();
            compressed.checkShapes();
            assertEquals(quantised.accuracy(), Trained.accuracy(compressed, data), 1e-9,
                    "the compressed description rebuilds to the network that was measured");
            NetArtifact.save(compressed, dir);
            Net stored = NetArtifact.load(dir);
            assertEquals(compressed.modelBytes(), stored.modelBytes());
            assertEquals(quantised.accuracy(), Trained.accuracy(stored, data), 1e-9, "the artifact reloads exactly");
            if ("resnet".equals(arch)) {
                List<Layer.Residual> residuals = compressed.residuals();
                assertEquals(3, residuals.size(), "pruned, factorised and quantised, it keeps its residual blocks");
                for (Layer.Residual res : residuals) {
                    assertTrue(res.branch().stream().anyMatch(l -> l instanceof Layer.ActQuant), res.toString());
                }
            }
        }
    }

    /**
     * The compact gallery (issue 16) through every step kind, batch-normalised: squeezenet (concatenations),
     * mobilenetv2 with squeeze-excitation (gates), ghostnet (ghost modules), vit-tiny (tokens, attention) go through all
     * six; shufflenet through all but structured pruning, which is refused before training (below).
     */
    @ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.ValueSource(strings = {"squeezenet", "mobilenetv2", "shufflenet", "ghostnet",
            "vit-tiny"})
    void everyStepKindCompletesOnTheCompactArchitectures(String arch, @TempDir Path dir) throws Exception {
        ModelSpec model = ModelSpec.defaults().withArch(arch).withNorm("batch").withChannels(4).withExpansion(2);
        if ("mobilenetv2".equals(arch)) {
            // gates of 16 -> 4 units, halved by structured pruning to 2: rank 2 still fits
            model = model.withChannels(16).withSe(true);
        }
        List<CompressionStepSpec> steps = new ArrayList<>(everyStepKind(model));
        if ("shufflenet".equals(arch)) {
            steps.remove(3);
        }
        ExperimentSpec spec = Trained.spec(model, 1).withCompression(steps);
        spec = spec.withTraining(spec.training().withBatchSize(32).withLearningRate(0.01));
        try (TrainingSession session = TrainingSession.create(spec, data, Device.cpu())) {
            CompressionPipeline pipeline = CompressionPipeline.plan(spec, data, session.network(), Device.cpu(),
                    TeacherSource.NONE, Trained.QUICK);
            TrainingOutcome trained = session.train(TrainingObserver.NONE, () -> false);
            assertEquals(RunStatus.COMPLETED, trained.status(), trained.message());
            CompressionPipeline.Outcome out = pipeline.run(session.trainedNet(), null, r -> { }, () -> false);
            List<CompressionReport> r = out.reports();
            assertEquals(steps.size() + 1, r.size(), "the baseline and one report per step");
            long weights = session.network().net().weighted().stream().mapToLong(l -> l.arraySizes()[0]).sum();
            CompressionReport oneshot = r.get(2);
            assertTrue(oneshot.params() - oneshot.nonzeroParams() >= 0.49 * weights, weights + " weights, " + oneshot);
            if (!"shufflenet".equals(arch)) {
                assertTrue(r.get(4).flopsPerSample() < r.get(3).flopsPerSample(), "structured pruning removes work: "
                        + r.get(4) + " after " + r.get(3));
            }
            CompressionReport quantised = r.get(r.size() - 1);
            assertTrue(quantised.simulated(), quantised.toString());
            assertMeasuredOnOnnxRuntime(quantised, out.net());
            Net compressed = out.net();
            compressed.checkShapes();
            assertEquals(quantised.accuracy(), Trained.accuracy(compressed, data), 1e-9);
            NetArtifact.save(compressed, dir);
            assertEquals(quantised.accuracy(), Trained.accuracy(NetArtifact.load(dir), data), 1e-9,
                    "the artifact reloads exactly");
        }
    }

    @Test
    void structuredPruningOfShufflenetIsRefusedBeforeTrainingWithAReason() {
        ModelSpec model = ModelSpec.defaults().withArch("shufflenet").withChannels(4);
        ExperimentSpec spec = Trained.spec(model, 1).withCompression(List.of(CompressionStepSpec.structured(0.5, 0)));
        Network untrained = Architectures.build(model, data.sampleShape(), data.numClasses());
        CompressionException e = assertThrows(CompressionException.class, () -> CompressionPipeline.plan(spec, data,
                untrained, Device.cpu(), TeacherSource.NONE, Trained.QUICK));
        assertTrue(e.getMessage().startsWith("compression[0] (") && e.getMessage().contains("grouped convolution")
                && e.getMessage().contains("use magnitude pruning"), e.getMessage());
    }

    @Test
    void compressingANetworkWithEarlyExitsIsRefusedBeforeTraining() {
        ModelSpec model = ModelSpec.defaults().withArch("dscnn").withChannels(4)
                .withEarlyExits(new dev.verdant.spec.EarlyExitSpec(List.of(1), 0.9, null));
        ExperimentSpec spec = Trained.spec(model, 1).withCompression(List.of(CompressionStepSpec.quantize(8,
                "per-channel", 2)));
        Network untrained = Architectures.build(model, data.sampleShape(), data.numClasses());
        CompressionException e = assertThrows(CompressionException.class, () -> CompressionPipeline.plan(spec, data,
                untrained, Device.cpu(), TeacherSource.NONE, Trained.QUICK));
        assertTrue(e.getMessage().contains("early exits"), e.getMessage());
    }

    @Test
    void structuredPruningThatWouldBreakAGroupNormIsRefusedBeforeTrainingNamingTheLayer() {
        // 4 channels in 4 groups: halving the branch's inner convolution would leave 2, fewer than the groups.
        ModelSpec model = tiny("resnet", "group").withGroups(4);
        ExperimentSpec spec = Trained.spec(model, 1).withCompression(List.of(CompressionStepSpec.structured(0.5, 0)));
        Network untrained = Architectures.build(model, data.sampleShape(), data.numClasses());
        CompressionException e = assertThrows(CompressionException.class, () -> CompressionPipeline.plan(spec, data,
                untrained, Device.cpu(), TeacherSource.NONE, Trained.QUICK));
        assertTrue(e.getMessage().startsWith("compression[0] (") && e.getMessage().contains("conv 2 (4 -> 4, 3x3)")
                && e.getMessage().contains("4 groups"), e.getMessage());
    }

    @Test
    void anEditedDescriptionThatDoesNotFitTogetherNamesTheLayer() {
        Net net = Architectures.describe(tiny("resnet", "batch"), data.sampleShape(), data.numClasses());
        List<Layer> layers = new ArrayList<>(net.layers());
        Layer.Residual first = (Layer.Residual) layers.get(3);
        List<Layer> branch = new ArrayList<>(first.branch());
        branch.set(0, Layer.Conv.of(4, 3, 3, 1, 1, 1)); // 3 channels where the branch's batch norm expects 4
        layers.set(3, new Layer.Residual(branch, first.shortcut()));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> net.withLayers(layers).checkShapes());
        assertTrue(e.getMessage().startsWith("layer 4 (residual), branch layer 2 (batchnorm) normalises 4 channels"),
                e.getMessage());
    }

    /** Every architecture the exporter writes is run on ONNX Runtime by the quantize step, one label per layer. */
    private static void assertMeasuredOnOnnxRuntime(CompressionReport quantised, Net described) {
        dev.verdant.result.Int8Inference int8 = quantised.int8();
        assertEquals(dev.verdant.result.Int8Inference.MEASURED, int8.how(), int8.note());
        assertEquals(LayerNames.weighted(described.layers()).size(), int8.layers().size(), int8.layers().toString());
        assertTrue(int8.latencyMsBatch64() > 0 && int8.accuracy() >= 0, int8.toString());
    }
}
