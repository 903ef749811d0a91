package dev.verdant.app.history;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.verdant.app.live.LiveChartsViewModel;
import dev.verdant.result.EpochRecord;
import dev.verdant.result.FinalMetrics;
import dev.verdant.result.MachineNoise;
import dev.verdant.result.RunResult;
import dev.verdant.result.Significance;
import dev.verdant.spec.Mappers;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Two or more runs side by side: every spec field (by dotted path) with a flag when the runs differ, the headline
 * metrics with deltas against the first run, and their accuracy curves overlaid.
 */
public final class CompareViewModel {

    private static final ObjectMapper JSON = Mappers.json();

    /**
     * One spec field across the runs.
     *
     * @param path   dotted path, e.g. {@code training.learningRate}
     * @param values the value in each run, in run order
     * @param differs whether not all values are equal
     */
    public record SpecRow(String path, List<String> values, boolean differs) {
    }

    /**
     * One metric across the runs.
     *
     * @param metric name and unit
     * @param values formatted value per run
     * @param deltas formatted difference to the first run (empty for the first)
     */
    public record MetricRow(String metric, List<String> values, List<String> deltas) {
    }

    private final List<RunResult> runs;
    private final List<SpecRow> specRows;
    private final List<MetricRow> metricRows;
    private final XYSeriesCollection curves = new XYSeriesCollection();
    private final boolean energyAxis;
    private final ObservableList<String> significance = FXCollections.observableArrayList();

    public CompareViewModel(List<RunResult> runs) {
        if (runs.size() < 2) {
            throw new IllegalArgumentException("compare needs two or more runs, got " + runs.size());
        }
        this.runs = List.copyOf(runs);
        this.specRows = specRows(this.runs);
        this.metricRows = metricRows(this.runs);
        this.energyAxis = this.runs.stream().allMatch(r -> r.epochs().stream()
                .allMatch(e -> e.cumulativeEnergyJoules() != null));
        for (RunResult r : this.runs) {
            XYSeries s = new XYSeries(LiveChartsViewModel.runLabel(r), false, true);
            double seconds = 0;
            for (EpochRecord e : r.epochs()) {
                seconds += e.seconds();
                s.add(energyAxis ? e.cumulativeEnergyJoules() : seconds, e.valAccuracy());
            }
            curves.addSeries(s);
        }
    }

    public List<RunResult> runs() {
        return runs;
    }

    /**
     * What the differences mean, in words (filled in later, off the FX thread, by
     * {@link HistoryViewModel#significance}): for two groups of repeats Welch's p and the 95% CI of the difference
     * of accuracy and energy; for single runs how large a difference this machine's measured noise explains.
     */
    public ObservableList<String> significance() {
        return significance;
    }

    /**
     * The significance lines for {@code runs} (oldest first). When the runs are the members of exactly two groups
     * ({@code groupOf}: run id to group id), the groups are tested against each other (later group minus earlier);
     * otherwise each run is set against the first and against {@code noise} (null: no noise figure yet).
     */
    public static List<String> significance(List<RunResult> runs, Map<Long, Long> groupOf, MachineNoise noise) {
        java.util.LinkedHashMap<Long, List<RunResult>> groups = new java.util.LinkedHashMap<>();
        boolean allGrouped = !runs.isEmpty();
        for (RunResult r : runs) {
            Long g = r.id() == null ? null : groupOf.get(r.id());
            if (g == null) {
                allGrouped = false;
            } else {
                groups.computeIfAbsent(g, k -> new ArrayList<>()).add(r);
            }
        }
        if (allGrouped && groups.size() == 2) {
            List<Long> ids = new ArrayList<>(groups.keySet());
            return Significance.groups("group " + ids.get(0), groups.get(ids.get(0)), "group " + ids.get(1),
                    groups.get(ids.get(1)));
        }
        List<String> out = new ArrayList<>();
        if (!groups.isEmpty()) {
            out.add("to test groups against each other, select every run of exactly two groups ("
                    + groups.size() + " group" + (groups.size() == 1 ? "" : "s") + " in this selection)");
        }
        for (int i = 1; i < runs.size(); i++) {
            String prefix = runs.size() > 2 ? LiveChartsViewModel.runLabel(runs.get(i)) + " vs first: " : "";
            if (noise == null && i > 1) {
                break; // "no noise figure yet" once is enough
            }
            Significance.singles(runs.get(0), runs.get(i), noise).forEach(l -> out.add(noise == null ? l : prefix + l));
        }
        return out;
    }

    /** Column headers: one per run. */
    /**
     * The Compare tab's title: each run's id and name ({@code Compare: run 3 mlp · run 5 lenet}); past three runs,
     * the first three and how many more, so that tabs stay readable.
     */
    public String title() {
        List<String> labels = runLabels();
        String shown = String.join(" · ", labels.subList(0, Math.min(3, labels.size())));
        return "Compare: " + shown + (labels.size() > 3 ? " · +" + (labels.size() - 3) + " more" : "");
    }

    public List<String> runLabels() {
        return runs.stream().map(LiveChartsViewModel::runLabel).toList();
    }

    public List<SpecRow> specRows() {
        return specRows;
    }

    /** Only the spec fields that differ. */
    public List<SpecRow> differences() {
        return specRows.stream().filter(SpecRow::differs).toList();
    }

    public List<MetricRow> metricRows() {
        return metricRows;
    }

    /** Accuracy per epoch against cumulative energy (or seconds when a run has no energy), one series per run. */
    public XYSeriesCollection curves() {
        return curves;
    }

    public String curveAxisLabel() {
        boolean estimated = runs.stream().anyMatch(r -> dev.verdant.result.EnergyMethod.estimated(r.finalMetrics()));
        return (energyAxis ? dev.verdant.app.live.XAxisMode.ENERGY : dev.verdant.app.live.XAxisMode.TIME)
                .label(estimated);
    }

    private static List<SpecRow> specRows(List<RunResult> runs) {
        List<Map<String, String>> flat = runs.stream().map(r -> flatten(JSON.valueToTree(r.spec()))).toList();
        TreeMap<String, Boolean> paths = new TreeMap<>();
        flat.forEach(m -> m.keySet().forEach(k -> paths.put(k, true)));
        List<SpecRow> rows = new ArrayList<>();
        for (String p : paths.keySet()) {
            List<String> values = flat.stream().map(m -> m.getOrDefault(p, "")).toList();
            boolean differs = values.stream().distinct().count() > 1;
            rows.add(new SpecRow(p, values, differs));
        }
        return rows;
    }

    /** A spec as dotted path to value text; lists stay one value ({@code [128, 64]}). */
    static Map<String, String> flatten(JsonNode node) {
        Map<String, String> out = new TreeMap<>();
        flatten("", node, out);
        return out;
    }

    private static void flatten(String prefix, JsonNode node, Map<String, String> out) {
        if (node != null && node.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> it = node.fields();
            while (it.hasNext()) {
                var e = it.next();
                flatten(prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey(), e.getValue(), out);
            }
        } else {
            out.put(prefix, node == null || node.isNull() ? "" : node.isTextual() ? node.asText() : node.toString());
        }
    }

    private static List<MetricRow> metricRows(List<RunResult> runs) {
        List<MetricRow> rows = new ArrayList<>();
        MetricRow delivered = metric(runs, "delivered accuracy", FinalMetrics::deliveredAccuracy, "%.4f");
        List<String> marked = new ArrayList<>();
        for (int i = 0; i < runs.size(); i++) {
            // a figure from simulated quantised arithmetic says so, as in the run table
            marked.add(delivered.values().get(i) + (HistoryRow.simulated(
                    dev.verdant.result.DeliveredFigures.lastStep(runs.get(i).compression())) ? " sim." : ""));
        }
        rows.add(new MetricRow(delivered.metric(), marked, delivered.deltas()));
        rows.add(metric(runs, "trained accuracy", FinalMetrics::accuracy, "%.4f"));
        rows.add(metric(runs, "loss", FinalMetrics::loss, "%.4f"));
        rows.add(metric(runs, "energy (J)", FinalMetrics::totalEnergyJoules, "%.1f")); // training + compression
        // how each run's joules were obtained: a measured and an estimated figure are not the same kind of number
        rows.add(new MetricRow("energy method", runs.stream().map(r -> r.finalMetrics() == null
                || r.finalMetrics().energyMethod() == null ? "n/a" : r.finalMetrics().energyMethod()).toList(),
                runs.stream().map(r -> "").toList()));
        rows.add(metric(runs, "gCO2e", FinalMetrics::co2eGrams, "%.4f"));
        rows.add(metric(runs, "delivered params", m -> m.deliveredParams() == null ? null
                : (double) m.deliveredParams(), "%.0f"));
        rows.add(metric(runs, "delivered model bytes", m -> m.deliveredModelBytes() == null ? null
                : (double) m.deliveredModelBytes(), "%.0f"));
        rows.add(metric(runs, "trained params", m -> (double) m.params(), "%.0f"));
        rows.add(metric(runs, "FLOPs / sample", m -> (double) m.flopsPerSample(), "%.0f"));
        rows.add(metric(runs, "train time (s)", FinalMetrics::trainSeconds, "%.2f"));
        rows.add(metric(runs, "samples / s", FinalMetrics::samplesPerSecond, "%.0f"));
        rows.add(metric(runs, "epochs", m -> (double) m.epochsCompleted(), "%.0f"));
        return rows;
    }

    private static MetricRow metric(List<RunResult> runs, String name, Function<FinalMetrics, Double> get,
                                    String format) {
        List<Double> values = runs.stream().map(r -> r.finalMetrics() == null ? null : get.apply(r.finalMetrics()))
                .toList();
        List<String> text = values.stream().map(v -> v == null ? "n/a" : String.format(Locale.ROOT, format, v))
                .toList();
        List<String> deltas = new ArrayList<>();
        Double first = values.get(0);
        for (int i = 0; i < values.size(); i++) {
            Double v = values.get(i);
            if (i == 0) {
                deltas.add("");
            } else if (first == null || v == null) {
                deltas.add("n/a");
            } else {
                double d = v - first;
                String pct = first != 0 ? String.format(Locale.ROOT, " (%+.1f%%)", 100 * d / Math.abs(first)) : "";
                deltas.add((d >= 0 ? "+" : "") + String.format(Locale.ROOT, format, d) + pct);
            }
        }
        return new MetricRow(name, text, deltas);
    }

    /** Whether every run has the same value at {@code path} (for tests and the view's filter). */
    public boolean same(String path) {
        return specRows.stream().filter(r -> r.path().equals(path)).noneMatch(SpecRow::differs)
                && specRows.stream().anyMatch(r -> Objects.equals(r.path(), path));
    }
}
