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
import java.util.List;

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
     * @param int8  for an int8 export, how each weighted layer runs ({@code int8} or {@code float input}); else empty
     */
    public record Exported(Path file, String which, List<String> int8) {
        public Exported {
            int8 = List.copyOf(int8);
        }
    }

    /**
     * Writes run {@code runId}'s model to {@code file} as ONNX.
     *
     * @param trained true for the trained model even when the run delivered a compressed one
     * @throws StoreException when the run does not exist, keeps no model, or the file cannot be written
     */
    public static Exported onnx(RunStore store, long runId, Path file, boolean trained) {
        return onnx(store, runId, file, trained, false);
    }

    /**
     * As {@link #onnx(RunStore, long, Path, boolean)}; with {@code int8}, the delivered quantised model in QDQ form for
     * ONNX Runtime's integer kernels ({@link OnnxExport#toInt8Onnx}).
     *
     * @throws StoreException also when {@code int8} is asked of a run that delivered no 8-bit quantised model
     */
    public static Exported onnx(RunStore store, long runId, Path file, boolean trained, boolean int8) {
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
            if (int8 && !useCompressed) {
                throw new StoreException("run " + runId + " delivered no compressed model: an int8 export needs a "
                        + "run whose compression ends with a quantize step (bits: 8)");
            }
            Net net = useCompressed ? NetArtifact.load(compressed) : trainedNet(run, dir);
            String name = "verdant-run-" + runId;
            List<String> kinds = List.of();
            if (int8) {
                OnnxExport.Int8 q = OnnxExport.toInt8Onnx(net, name);
                if (file.toAbsolutePath().getParent() != null) {
                    Files.createDirectories(file.toAbsolutePath().getParent());
                }
                Files.write(file, q.onnx());
                kinds = q.layers();
            } else {
                OnnxExport.write(net, name, file);
            }
            return new Exported(file, useCompressed ? "compressed" : "trained", kinds);
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
