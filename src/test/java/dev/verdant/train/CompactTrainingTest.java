package dev.verdant.train;

import ai.djl.Device;
import dev.verdant.compress.NetArtifact;
import dev.verdant.data.Datasets;
import dev.verdant.data.LoadedData;
import dev.verdant.model.Evaluation;
import dev.verdant.model.Net;
import dev.verdant.result.RunStatus;
import dev.verdant.spec.ExperimentSpec;
import dev.verdant.spec.ModelSpec;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every compact architecture (and vit-tiny with linear attention, mobilenetv2 with squeeze-excitation) trains one
 * epoch on a slice of the built-in digits, saves its parameters, and a fresh session that loads them, as well as
 * the description stored as a packed artifact, reproduce the accuracy exactly.
 */
class CompactTrainingTest {

    @ParameterizedTest
    @ValueSource(strings = {"squeezenet", "mobilenetv2+se", "shufflenet", "ghostnet", "vit-tiny", "vit-tiny+linear"})
    void trainsOneEpochAndReloadsToIdenticalAccuracy(String which, @TempDir Path dir) throws Exception {
        String arch = which.split("\\+")[0];
        ModelSpec model = ModelSpec.defaults().withArch(arch).withChannels(4).withNorm("batch").withExpansion(2);
        if (which.endsWith("+se")) {
            model = model.withSe(true);
        }
        if (which.endsWith("+linear")) {
            model = model.withAttention("linear").withNorm("none");
        }
        ExperimentSpec spec = ExperimentSpec.defaults().withModel(model).withDevice("cpu");
        spec = spec.withTraining(spec.training().withEpochs(1).withBatchSize(32).withLearningRate(0.01));
        LoadedData all = Datasets.load(spec.dataset(), spec.seed());
        LoadedData data = new LoadedData(all.name(), all.train().first(256), all.validation().first(96),
                all.sampleShape(), all.classNames(), all.sha256());
        double trained;
        Net net;
        try (TrainingSession session = TrainingSession.create(spec, data, Device.cpu())) {
            TrainingOutcome out = session.train(TrainingObserver.NONE, () -> false);
            assertEquals(RunStatus.COMPLETED, out.status(), out.message());
            trained = session.evaluate(data.validation()).accuracy();
            assertTrue(trained >= 0 && trained <= 1);
            session.save(dir.resolve("params"));
            net = session.trainedNet();
        }
        try (TrainingSession reloaded = TrainingSession.create(spec, data, Device.cpu())) {
            reloaded.load(dir.resolve("params"));
            Evaluation e = reloaded.evaluate(data.validation());
            assertEquals(trained, e.accuracy(), 0.0, "the saved parameters reproduce the accuracy");
        }
        NetArtifact.save(net, dir.resolve("artifact"));
        Net stored = NetArtifact.load(dir.resolve("artifact"));
        assertEquals(net.params(), stored.params());
        assertEquals(net.flopsPerSample(), stored.flopsPerSample());
        assertEquals(net.layers().size(), stored.layers().size());
    }
}
