package dev.verdant.run;

import ai.djl.Device;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.verdant.data.Datasets;
import dev.verdant.data.LoadedData;
import dev.verdant.energy.EnergyMeter;
import dev.verdant.model.Net;
import dev.verdant.result.EpochRecord;
import dev.verdant.result.ResultJson;
import dev.verdant.result.RoundRecord;
import dev.verdant.result.RunResult;
import dev.verdant.result.TransferReport;
import dev.verdant.spec.ExperimentSpec;
import dev.verdant.spec.SpecException;
import dev.verdant.spec.TransferSpec;
import dev.verdant.store.RunStore;
import dev.verdant.store.StoreException;
import dev.verdant.train.TrainingObserver;
import dev.verdant.train.TrainingOutcome;
import dev.verdant.train.TrainingSession;
import dev.verdant.train.TransferLearning;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The run layer's part of data-efficient training: finding a stored run to transfer from (and refusing one that
 * does not fit before anything trains), the from-scratch comparison of a transfer, and keeping a run's
 * active-learning rounds and transfer report beside its model ({@code models/<id>/data-efficiency.json}), where the
 * window and the CLI read them back.
 */
public final class DataEfficiency {

    /** The file in a run's model folder that holds its rounds and transfer report. */
    public static final String FILE = "data-efficiency.json";

    private DataEfficiency() {
    }

    /**
     * A stored run to transfer from.
     *
     * @param runId          its id
     * @param spec           the spec it trained with (its model section is reused)
     * @param net            its trained network
     * @param pretrainJoules its stored total energy, or null
     */
    public record Source(long runId, ExperimentSpec spec, Net net, Double pretrainJoules) {
    }

    /**
     * Loads stored run {@code t.from()}'s network, checking it can serve {@code data}.
     *
     * @throws SpecException when there is no store or run, the run has no saved model, or its input shape differs
     */
    static Source source(RunStore store, TransferSpec t, LoadedData data, Device device) {
        long id = t.from();
        if (store == null) {
            throw new SpecException("transfer.from", "run " + id + " cannot be read: this run has no run store; run "
                    + "with a store (the default) to transfer from a stored run");
        }
        RunResult stored = store.load(id).orElseThrow(() -> new SpecException("transfer.from", "there is no stored "
                + "run " + id + "; 'verdant runs list' shows the stored runs"));
        Path dir = store.modelPath(id).orElse(null);
        if (dir == null || !Files.exists(dir.resolve("model-0000.params"))) {
            throw new SpecException("transfer.from", "run " + id + " has no saved model (it did not complete "
                    + "training); choose a completed run");
        }
        ExperimentSpec from = stored.spec();
        LoadedData fromData = Datasets.load(from.dataset(), from.seed());
        TransferLearning.requireSameInput(id, from.dataset().name(), fromData.sampleShape(), data);
        Net net = TransferLearning.loadStored(from.model(), fromData.sampleShape(), fromData.numClasses(), dir, device);
        Double joules = stored.finalMetrics() == null ? null : stored.finalMetrics().energyJoules();
        return new Source(id, from, net, joules);
    }

    /**
     * Trains the same network from scratch on the same samples for {@code transfer.compareEpochs} epochs (stopping
     * once it reaches {@code accuracy}). It is metered after the run's own figures were taken (the meter's train
     * phase is reopened for it), so they exclude it.
     */
    static TransferReport compare(ExperimentSpec trained, Source source, LoadedData data, Device device,
                                  EnergyMeter meter, double transferJoules, double accuracy) {
        TransferSpec t = trained.transfer();
        int epochs = t.compareEpochs() != null ? t.compareEpochs() : 2 * trained.training().epochs();
        Double scratchAccuracy = null;
        Double scratchJoules = null;
        Double toSame = null;
        if (epochs > 0) {
            ExperimentSpec scratch = trained.withTransfer(null).withTraining(trained.training().withEpochs(epochs)
                    .withTargetAccuracy(accuracy));
            meter.begin(dev.verdant.result.Phase.TRAIN);
            double start = meter.totalJoules();
            double[] reached = {Double.NaN};
            try (TrainingSession s = TrainingSession.create(scratch, data, device)) {
                TrainingOutcome o = s.train(new TrainingObserver() {
                    @Override
                    public EpochRecord onEpoch(EpochRecord e) {
                        if (Double.isNaN(reached[0]) && e.valAccuracy() >= accuracy) {
                            reached[0] = meter.totalJoules() - start;
                        }
                        return e;
                    }
                }, () -> false);
                scratchAccuracy = o.epochs().stream().mapToDouble(EpochRecord::valAccuracy).max().orElse(0);
            }
            meter.end();
            scratchJoules = meter.totalJoules() - start;
            toSame = Double.isNaN(reached[0]) ? null : reached[0];
        }
        return new TransferReport(source.runId(), t.mode(), t.shots(), data.train().size(), source.pretrainJoules(),
                transferJoules, accuracy, scratchAccuracy, scratchJoules, toSame, epochs > 0 ? epochs : null);
    }

    /** Writes the run's rounds and transfer report into its model folder; nothing when it has neither. */
    static void save(RunResult r, Path modelDir) {
        if (r.rounds().isEmpty() && r.transfer() == null) {
            return;
        }
        ObjectNode node = ResultJson.mapper().createObjectNode();
        node.set("rounds", ResultJson.mapper().valueToTree(r.rounds()));
        if (r.transfer() != null) {
            node.set("transfer", ResultJson.mapper().valueToTree(r.transfer()));
        }
        try {
            Files.createDirectories(modelDir);
            Files.writeString(modelDir.resolve(FILE), ResultJson.write(node));
        } catch (IOException e) {
            throw new StoreException("could not save the active-learning rounds to " + modelDir + ": "
                    + e.getMessage() + ". Check free disk space and permissions.", e);
        }
    }

    /** A stored run with its rounds and transfer report read back from its model folder (unchanged without). */
    public static RunResult withStored(RunStore store, RunResult run) {
        if (run.id() == null) {
            return run;
        }
        Optional<Path> dir = store.modelPath(run.id());
        if (dir.isEmpty() || !Files.exists(dir.get().resolve(FILE))) {
            return run;
        }
        try {
            JsonNode node = ResultJson.mapper().readTree(Files.readString(dir.get().resolve(FILE)));
            List<RoundRecord> rounds = List.of(ResultJson.mapper().treeToValue(node.path("rounds"),
                    RoundRecord[].class));
            TransferReport transfer = node.hasNonNull("transfer")
                    ? ResultJson.mapper().treeToValue(node.get("transfer"), TransferReport.class) : null;
            return run.withDataEfficiency(rounds, transfer);
        } catch (IOException e) {
            throw new StoreException("the rounds of run " + run.id() + " in " + dir.get().resolve(FILE)
                    + " cannot be read: " + e.getMessage(), e);
        }
    }
}
