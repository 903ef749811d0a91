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
        Model m = model(store, runId, trained);
        if (int8 && !m.which().equals("compressed")) {
            throw new StoreException("run " + runId + " delivered no compressed model: an int8 export needs a "
                    + "run whose compression ends with a quantize step (bits: 8)");
        }
        try {
            String name = "verdant-run-" + runId;
            List<String> kinds = List.of();
            if (int8) {
                OnnxExport.Int8 q = OnnxExport.toInt8Onnx(m.net(), name, inputScale(m.run()));
                if (file.toAbsolutePath().getParent() != null) {
                    Files.createDirectories(file.toAbsolutePath().getParent());
                }
                Files.write(file, q.onnx());
                kinds = q.layers();
            } else {
                OnnxExport.write(m.net(), name, file);
            }
            return new Exported(file, m.which(), kinds);
        } catch (IOException e) {
            throw new StoreException("cannot export run " + runId + " to " + file + ": " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new StoreException("run " + runId + " cannot be exported to ONNX: " + e.getMessage(), e);
        }
    }

    /**
     * A stored run's model as a description with values.
     *
     * @param net   the network
     * @param which "trained" or "compressed"
     * @param run   the stored run
     */
    public record Model(Net net, String which, RunResult run) {
    }

    /**
     * Run {@code runId}'s delivered model (the compressed one when the run compressed) or, with {@code trained}, its
     * trained one.
     *
     * @throws StoreException when the run does not exist or keeps no model
     */
    public static Model model(RunStore store, long runId, boolean trained) {
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
            return new Model(net, useCompressed ? "compressed" : "trained", run);
        } catch (IOException e) {
            throw new StoreException("cannot read run " + runId + "'s model from " + dir + ": " + e.getMessage(), e);
        }
    }

    /**
     * The step of the 8-bit grid the run's inputs lie on: 1/255 when its data set is held as 8-bit values, so an int8
     * model's first layer can run on integers; null otherwise, or when the data set cannot be read any more.
     */
    private static Float inputScale(RunResult run) {
        try {
            LoadedData data = Datasets.load(run.spec().dataset(), run.spec().seed());
            return data.train().isBytes() ? 1f / 255 : null;
        } catch (RuntimeException e) {
            return null; // the first layer then keeps a float input, which the layer list says
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
