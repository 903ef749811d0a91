package dev.verdant.run;

import dev.verdant.compress.NetArtifact;
import dev.verdant.data.Datasets;
import dev.verdant.data.LoadedData;
import dev.verdant.model.Net;
import dev.verdant.model.OnnxExport;
import dev.verdant.result.RunResult;
import dev.verdant.store.RunStore;
import dev.verdant.store.StoreException;
import dev.verdant.train.DeviceChoice;
import dev.verdant.train.TrainingSession;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Exports a stored run's model to ONNX, for use outside Verdant (ONNX Runtime, other tools): the delivered model
 * (the compressed one when the run compressed, its weights as the quantised values evaluated) or the trained one.
 */
public final class ModelExport {

    private ModelExport() {
    }

    /**
     * What was written.
     *
     * @param file  the ONNX file
     * @param which "trained" or "compressed"
     */
    public record Exported(Path file, String which) {
    }

    /**
     * Writes run {@code runId}'s model to {@code file} as ONNX.
     *
     * @param trained true for the trained model even when the run delivered a compressed one
     * @throws StoreException when the run does not exist, keeps no model, or the file cannot be written
     */
    public static Exported onnx(RunStore store, long runId, Path file, boolean trained) {
        RunResult run = store.load(runId).orElseThrow(() ->
                new StoreException("no run with id " + runId + " (see 'verdant runs list')"));
        Path dir = store.modelPath(runId).orElse(null);
        if (dir == null || !Files.exists(dir.resolve("model-0000.params"))) {
            throw new StoreException("run " + runId + " has no saved model" + (dir == null ? "" : " in " + dir)
                    + " (runs that failed or diverged keep none)");
        }
        Path compressed = dir.resolve("compressed");
        boolean useCompressed = !trained && Files.exists(compressed.resolve(NetArtifact.FILE));
        try {
            Net net = useCompressed ? NetArtifact.load(compressed) : trainedNet(run, dir);
            OnnxExport.write(net, "verdant-run-" + runId, file);
            return new Exported(file, useCompressed ? "compressed" : "trained");
        } catch (IOException e) {
            throw new StoreException("cannot export run " + runId + " to " + file + ": " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new StoreException("run " + runId + " cannot be exported to ONNX: " + e.getMessage(), e);
        }
    }

    private static Net trainedNet(RunResult run, Path dir) throws IOException {
        LoadedData data = Datasets.load(run.spec().dataset(), run.spec().seed());
        try (TrainingSession session = TrainingSession.create(run.spec(), data,
                DeviceChoice.resolve(run.spec().device()).device())) {
            session.load(dir);
            return session.trainedNet();
        }
    }
}
