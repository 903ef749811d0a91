package dev.verdant.run;

import dev.verdant.compress.CompressionPipeline;
import dev.verdant.compress.InferenceCost;
import dev.verdant.data.Datasets;
import dev.verdant.data.LoadedData;
import dev.verdant.energy.EnergyMeter;
import dev.verdant.result.CompressionReport;
import dev.verdant.result.FinalMetrics;
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
 * The measured inference cost of a stored run's model, for the deployment what-if: the delivered (last compressed)
 * model's figures from its compression report when the run compressed, else the trained model reloaded and measured
 * now on this machine (median latency at batch 1 and 64, metered inference joules per 1000 samples).
 *
 * @param which          {@code delivered (compressed: STEP)} or {@code trained}
 * @param msBatch1       median latency of one sample (measured)
 * @param msBatch64      median latency of 64 samples (measured)
 * @param joulesPer1k    inference joules per 1000 samples (null when no meter ran)
 * @param energyMethod   how the joules were obtained (e.g. {@code estimated:cpu-tdp}), or null
 * @param trainingJoules energy the run spent producing the model (0 when it had no meter)
 */
public record DeployedModel(String which, double msBatch1, double msBatch64, Double joulesPer1k, String energyMethod,
                            double trainingJoules) {

    /** Reads (or measures, with 15 timed passes and 2000 metered samples) run {@code runId}'s inference cost. */
    public static DeployedModel of(RunStore store, long runId) {
        return of(store, runId, new CompressionPipeline.Settings(3, 15, 2000));
    }

    /** Reads (or measures) run {@code runId}'s inference cost. */
    public static DeployedModel of(RunStore store, long runId, CompressionPipeline.Settings settings) {
        RunResult run = store.load(runId).orElseThrow(() -> new StoreException("there is no stored run " + runId
                + "; 'verdant runs list' shows the stored runs"));
        FinalMetrics f = run.finalMetrics();
        if (f == null) {
            throw new StoreException("run " + runId + " has no final metrics (it did not finish); choose a "
                    + "completed run");
        }
        Double spent = f.totalEnergyJoules() != null ? f.totalEnergyJoules() : f.energyJoules();
        double training = spent == null ? 0 : spent;
        List<CompressionReport> steps = run.compression();
        if (!steps.isEmpty()) {
            CompressionReport last = steps.get(steps.size() - 1);
            String which = steps.size() == 1 ? "trained" : "delivered (compressed: " + last.step() + ")";
            return new DeployedModel(which, last.latencyMsBatch1(), last.latencyMsBatch64(),
                    last.inferenceJoulesPer1k(), f.energyMethod(), training);
        }
        Path dir = store.modelPath(runId).orElse(null);
        if (dir == null || !Files.exists(dir.resolve("model-0000.params"))) {
            throw new StoreException("run " + runId + " has no saved model to measure (runs that failed or diverged "
                    + "keep none)");
        }
        LoadedData data = Datasets.load(run.spec().dataset(), run.spec().seed());
        DeviceChoice device = DeviceChoice.resolve(run.spec().device());
        try (TrainingSession session = TrainingSession.create(run.spec(), data, device.device());
             EnergyMeter meter = EnergyMeter.start(run.spec().energy())) {
            session.load(dir);
            InferenceCost c = InferenceCost.measure(session.trainedNet(), data.validation(), device.device(), meter,
                    settings);
            return new DeployedModel("trained", c.msBatch1(), c.msBatch64(), c.joulesPer1k(), meter.method(),
                    training);
        } catch (IOException e) {
            throw new StoreException("cannot load the model of run " + runId + ": " + e.getMessage(), e);
        }
    }
}
