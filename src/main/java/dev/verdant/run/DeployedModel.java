package dev.verdant.run;

import dev.verdant.compress.CompressionPipeline;
import dev.verdant.compress.InferenceCost;
import dev.verdant.data.Datasets;
import dev.verdant.data.LoadedData;
import dev.verdant.energy.EnergyMeter;
import dev.verdant.result.CompressionReport;
import dev.verdant.result.FinalMetrics;
import dev.verdant.result.Int8Inference;
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
 * @param int8           when the delivered model is an 8-bit quantize step's, its figures on integer kernels
 *                       (measured through ONNX Runtime, or simulated with the reason); the latency and joules above
 *                       are then the step's simulated ones (fp32 kernels plus fake quantisation); else null
 */
public record DeployedModel(String which, double msBatch1, double msBatch64, Double joulesPer1k, String energyMethod,
                            double trainingJoules, Int8Inference int8) {

    /** A model without int8 figures (the form before they existed). */
    public DeployedModel(String which, double msBatch1, double msBatch64, Double joulesPer1k, String energyMethod,
                         double trainingJoules) {
        this(which, msBatch1, msBatch64, joulesPer1k, energyMethod, trainingJoules, null);
    }

    /**
     * The what-if's question on this model's figures: for int8 asked of a model measured on integer kernels, its
     * measured int8 latency and joules with no assumed factor; otherwise the model's own figures (for int8, the
     * what-if's assumed factor applies).
     */
    public DeploymentWhatIf.Inputs inputs(long requestsPerDay, int batch, DeploymentWhatIf.Precision precision,
                                          Double tdpWatts, double years) {
        if (precision == DeploymentWhatIf.Precision.INT8 && int8Measured()) {
            return new DeploymentWhatIf.Inputs(requestsPerDay, batch, DeploymentWhatIf.Precision.FP32, tdpWatts,
                    years, int8.latencyMsBatch1(), int8.latencyMsBatch64(), int8.inferenceJoulesPer1k(),
                    trainingJoules);
        }
        return new DeploymentWhatIf.Inputs(requestsPerDay, batch, precision, tdpWatts, years, msBatch1, msBatch64,
                joulesPer1k, trainingJoules);
    }

    /**
     * How the figures {@link #inputs} starts from were obtained: {@code measured (onnxruntime int8)} (integer
     * kernels), {@code simulated} (a quantize step's fake-quantised figures) or {@code measured} (fp32 kernels).
     */
    public String how(DeploymentWhatIf.Precision precision) {
        if (precision == DeploymentWhatIf.Precision.INT8 && int8Measured()) {
            return Int8Inference.MEASURED;
        }
        return int8 != null ? Int8Inference.SIMULATED : "measured";
    }

    /** True when the int8 speed-up is the what-if's assumption, not a measurement. */
    public boolean int8Assumed(DeploymentWhatIf.Precision precision) {
        return precision == DeploymentWhatIf.Precision.INT8 && !int8Measured();
    }

    /** True when the delivered model's int8 figures were measured on integer kernels. */
    public boolean int8Measured() {
        return int8 != null && int8.measured();
    }

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
                    last.inferenceJoulesPer1k(), f.energyMethod(), training, steps.size() == 1 ? null : last.int8());
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
