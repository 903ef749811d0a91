package dev.verdant.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.verdant.result.FinalMetrics;
import dev.verdant.result.Provenance;
import dev.verdant.result.ResultJson;
import dev.verdant.result.RunResult;
import dev.verdant.spec.SpecCodec;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Runs side by side, as data for the CLI table and the window: the spec fields that differ (dotted paths of
 * the spec JSON) and each headline metric with its change against the first run (the baseline).
 *
 * @param runIds          the runs' ids, baseline first
 * @param names           the runs' names, same order
 * @param specDifferences spec fields whose values are not all equal
 * @param metrics         headline metrics, one row each
 */
public record RunComparison(List<Long> runIds, List<String> names, List<SpecDifference> specDifferences,
                            List<MetricRow> metrics) {

    /**
     * A spec field that differs.
     *
     * @param path   dotted path, e.g. {@code training.learningRate}
     * @param values each run's value as text (null when absent), in run order
     */
    public record SpecDifference(String path, List<String> values) {
        public SpecDifference {
            values = java.util.Collections.unmodifiableList(new ArrayList<>(values));
        }
    }

    /**
     * One metric across the runs.
     *
     * @param metric the metric's result-JSON name, e.g. {@code accuracy} or {@code energyJoules}
     * @param values each run's value; null when the run has none (no final metrics, or no energy meter)
     * @param deltas value minus the baseline's; null for the baseline itself or where either value is null
     */
    public record MetricRow(String metric, List<Double> values, List<Double> deltas) {
        public MetricRow {
            values = java.util.Collections.unmodifiableList(new ArrayList<>(values));
            deltas = java.util.Collections.unmodifiableList(new ArrayList<>(deltas));
        }
    }

    /** The metrics compared, in display order, with how to read each from final metrics. */
    private static final Map<String, Function<FinalMetrics, Number>> METRICS = orderedMetrics();

    public RunComparison {
        runIds = java.util.Collections.unmodifiableList(new ArrayList<>(runIds));
        names = List.copyOf(names);
        specDifferences = List.copyOf(specDifferences);
        metrics = List.copyOf(metrics);
    }

    /** Compares runs; the first is the baseline. Needs at least one run. */
    public static RunComparison of(List<RunResult> runs) {
        if (runs.isEmpty()) {
            throw new IllegalArgumentException("nothing to compare");
        }
        List<JsonNode> specs = runs.stream().map(r -> tree(SpecCodec.toJson(r.spec()))).toList();
        List<SpecDifference> specDiffs = new ArrayList<>();
        JsonDiff.differences(specs).forEach((path, values) -> specDiffs.add(new SpecDifference(path, values)));

        List<MetricRow> rows = new ArrayList<>();
        METRICS.forEach((name, getter) -> {
            List<Double> values = new ArrayList<>();
            for (RunResult r : runs) {
                Number n = r.finalMetrics() == null ? null : getter.apply(r.finalMetrics());
                values.add(n == null ? null : n.doubleValue());
            }
            List<Double> deltas = new ArrayList<>();
            Double base = values.get(0);
            for (int i = 0; i < values.size(); i++) {
                Double v = values.get(i);
                deltas.add(i == 0 || v == null || base == null ? null : v - base);
            }
            rows.add(new MetricRow(name, values, deltas));
        });
        return new RunComparison(runs.stream().map(RunResult::id).toList(),
                runs.stream().map(RunResult::name).toList(), specDiffs, rows);
    }

    /**
     * What differs between where two runs ran (e.g. a re-run on another CPU or with another Verdant version):
     * dotted paths of the provenance JSON with the old and new value. Empty when they are the same.
     */
    public static List<FieldDifference> provenanceDifferences(Provenance before, Provenance after) {
        return JsonDiff.pairs(tree(ResultJson.write(before)), tree(ResultJson.write(after)));
    }

    private static JsonNode tree(String json) {
        try {
            return ResultJson.mapper().readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("records always serialise to valid JSON", e);
        }
    }

    private static Map<String, Function<FinalMetrics, Number>> orderedMetrics() {
        Map<String, Function<FinalMetrics, Number>> m = new java.util.LinkedHashMap<>();
        m.put("accuracy", FinalMetrics::accuracy);
        m.put("loss", FinalMetrics::loss);
        m.put("params", FinalMetrics::params);
        m.put("flopsPerSample", FinalMetrics::flopsPerSample);
        m.put("modelBytes", FinalMetrics::modelBytes);
        m.put("epochsCompleted", FinalMetrics::epochsCompleted);
        m.put("trainSeconds", FinalMetrics::trainSeconds);
        m.put("samplesPerSecond", FinalMetrics::samplesPerSecond);
        m.put("energyJoules", FinalMetrics::energyJoules);
        m.put("trainEnergyJoules", FinalMetrics::trainEnergyJoules);
        m.put("evalEnergyJoules", FinalMetrics::evalEnergyJoules);
        m.put("avgPowerWatts", FinalMetrics::avgPowerWatts);
        m.put("co2eGrams", FinalMetrics::co2eGrams);
        m.put("costUsd", FinalMetrics::costUsd);
        m.put("joulesToTarget", FinalMetrics::joulesToTarget);
        return java.util.Collections.unmodifiableMap(m);
    }
}
