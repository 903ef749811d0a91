package dev.verdant.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import dev.verdant.result.EpochRecord;
import dev.verdant.result.FinalMetrics;
import dev.verdant.result.ResultJson;
import dev.verdant.result.RunResult;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Runs as files for other tools: result JSON (one object for one run, an array for several; imports back to
 * equal runs) and CSV, either one row per run with the headline metrics or one row per epoch.
 */
public final class RunExport {

    /** Columns of {@link #runsCsv}. */
    public static final List<String> RUN_COLUMNS = List.of("id", "name", "status", "dataset", "arch", "seed",
            "epochs_completed", "accuracy", "loss", "params", "flops_per_sample", "model_bytes", "train_seconds",
            "samples_per_second", "energy_joules", "avg_power_watts", "co2e_grams", "cost_usd", "energy_method",
            "stop_reason", "started_at", "ended_at");
    /** Columns of {@link #epochsCsv}. */
    public static final List<String> EPOCH_COLUMNS = List.of("run_id", "name", "epoch", "train_loss",
            "train_accuracy", "val_loss", "val_accuracy", "seconds", "samples_per_second", "learning_rate",
            "flops_per_sample", "energy_joules", "cumulative_energy_joules");

    private RunExport() {
    }

    /** One run as a JSON object, several as a JSON array. */
    public static String json(List<RunResult> runs) {
        return runs.size() == 1 ? ResultJson.write(runs.get(0)) : ResultJson.write(runs);
    }

    /** Parses what {@link #json} wrote (or {@code verdant run --out}): an object or an array of results. */
    public static List<RunResult> parseJson(String json) {
        String text = json.strip();
        if (!text.startsWith("[")) {
            return List.of(ResultJson.read(text));
        }
        try {
            return ResultJson.mapper().readValue(text, new TypeReference<List<RunResult>>() { });
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a Verdant result JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** A header and one row per run; empty cells where a run has no value (no final metrics, no meter). */
    public static String runsCsv(List<RunResult> runs) {
        StringBuilder out = new StringBuilder(row(RUN_COLUMNS));
        for (RunResult r : runs) {
            FinalMetrics m = r.finalMetrics();
            boolean has = m != null;
            out.append(row(Arrays.asList(r.id(), r.name(), r.status() == null ? null : r.status().label(),
                    r.spec().dataset().name(), r.spec().model().arch(), r.spec().seed(),
                    has ? m.epochsCompleted() : r.epochs().size(), has ? m.accuracy() : null,
                    has ? m.loss() : null, has ? m.params() : null, has ? m.flopsPerSample() : null,
                    has ? m.modelBytes() : null, has ? m.trainSeconds() : null, has ? m.samplesPerSecond() : null,
                    has ? m.energyJoules() : null, has ? m.avgPowerWatts() : null, has ? m.co2eGrams() : null,
                    has ? m.costUsd() : null, has ? m.energyMethod() : null, has ? m.stopReason() : null,
                    r.startedAt(), r.endedAt())));
        }
        return out.toString();
    }

    /** A header and one row per epoch of each run, the runs one after another. */
    public static String epochsCsv(List<RunResult> runs) {
        StringBuilder out = new StringBuilder(row(EPOCH_COLUMNS));
        for (RunResult r : runs) {
            for (EpochRecord e : r.epochs()) {
                out.append(row(Arrays.asList(r.id(), r.name(), e.epoch(), e.trainLoss(), e.trainAccuracy(),
                        e.valLoss(), e.valAccuracy(), e.seconds(), e.samplesPerSecond(), e.learningRate(),
                        e.flopsPerSample(), e.energyJoules(), e.cumulativeEnergyJoules())));
            }
        }
        return out.toString();
    }

    private static String row(List<?> cells) {
        List<String> text = new ArrayList<>();
        for (Object cell : cells) {
            text.add(cell == null ? "" : escape(cell.toString()));
        }
        return String.join(",", text) + "\n";
    }

    /** RFC 4180: quote cells holding a comma, quote or line break, doubling inner quotes. */
    static String escape(String cell) {
        if (cell.contains(",") || cell.contains("\"") || cell.contains("\n") || cell.contains("\r")) {
            return "\"" + cell.replace("\"", "\"\"") + "\"";
        }
        return cell;
    }
}
