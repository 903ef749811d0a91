package dev.verdant.run;

import dev.verdant.data.Datasets;
import dev.verdant.data.LoadedData;
import dev.verdant.result.RunResult;
import dev.verdant.store.RunStore;
import dev.verdant.store.StoreException;
import dev.verdant.train.DeviceChoice;
import dev.verdant.model.Evaluation;
import dev.verdant.train.TrainingSession;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Loads a stored run's trained parameters back into its network and evaluates them on its validation split. */
public final class StoredModel {

    /**
     * Validation figures of a reloaded model.
     *
     * @param accuracy validation accuracy
     * @param loss     validation loss
     * @param samples  validation samples evaluated
     */
    public record Check(double accuracy, double loss, int samples) {
    }

    private StoredModel() {
    }

    /** Rebuilds run {@code runId}'s network from its spec, loads its saved parameters and evaluates them. */
    public static Check evaluate(RunStore store, long runId) {
        RunResult run = store.load(runId).orElseThrow(() -> new StoreException("no run with id " + runId));
        // modelPath, not modelDir: reading must not hand out (and create) a folder; it names only the store's own.
        Path dir = store.modelPath(runId).orElse(null);
        if (dir == null || !Files.exists(dir.resolve("model-0000.params"))) {
            throw new StoreException("run " + runId + " has no saved model" + (dir == null ? "" : " in " + dir)
                    + " (runs that failed or diverged keep none)");
        }
        LoadedData data = Datasets.load(run.spec().dataset(), run.spec().seed());
        try (TrainingSession session = TrainingSession.create(run.spec(), data,
                DeviceChoice.resolve(run.spec().device()).device())) {
            session.load(dir);
            Evaluation e = session.evaluate(data.validation());
            return new Check(e.accuracy(), e.loss(), e.samples());
        } catch (IOException e) {
            throw new StoreException("cannot load the model of run " + runId + ": " + e.getMessage(), e);
        }
    }
}
