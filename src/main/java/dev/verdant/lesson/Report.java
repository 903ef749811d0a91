package dev.verdant.lesson;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.verdant.result.CompressionReport;
import dev.verdant.result.EpochRecord;
import dev.verdant.result.FinalMetrics;
import dev.verdant.result.GroupStatistics;
import dev.verdant.result.RunResult;
import dev.verdant.spec.SpecCodec;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * A report to hand in, built from stored runs and run groups: the energy statement, the specs and how they differ,
 * the metric table (mean and 95% interval where a spec was repeated), the accuracy-versus-energy and Pareto charts
 * and the compression table. Written as one self-contained HTML file (inline SVG, inline CSS, no scripts, fonts or
 * links) or as Markdown (charts embedded as SVG data URIs). Every figure says which model it belongs to (trained or
 * delivered) and how its energy was obtained.
 */
public final class Report {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<ReportItem> items;
    private final EnergyFacts facts;
    private final String generatedAt;

    /** A report on {@code items}; {@code generatedAt} is printed in the header. */
    public Report(List<ReportItem> items, EnergyFacts facts, String generatedAt) {
        if (items.isEmpty()) {
            throw new IllegalArgumentException("a report needs at least one run");
        }
        this.items = List.copyOf(items);
        this.facts = facts;
        this.generatedAt = generatedAt;
    }

    // ---------------------------------------------------------------- figures

    private List<RunResult> allRuns() {
        return items.stream().flatMap(i -> i.runs().stream()).toList();
    }

    /** Total energy of every run reported, in joules (all phases). */
    public double totalJoules() {
        return allRuns().stream().map(RunResult::finalMetrics).filter(Objects::nonNull)
                .map(FinalMetrics::energyJoules).filter(Objects::nonNull).mapToDouble(Double::doubleValue).sum();
    }

    /** The distinct energy methods of the runs, e.g. {@code [estimated:cpu-tdp]}. */
    public Set<String> methods() {
        Set<String> m = new TreeSet<>();
        allRuns().stream().map(RunResult::finalMetrics).filter(Objects::nonNull).map(FinalMetrics::energyMethod)
                .filter(Objects::nonNull).forEach(m::add);
        return m;
    }

    /** Whether every energy figure was measured (no estimate among them). */
    public boolean allMeasured() {
        return !methods().isEmpty() && methods().stream().allMatch(s -> s.startsWith("measured"));
    }

    /** The sentence to paste into a paper. */
    public String energyStatement() {
        double joules = totalJoules();
        double kwh = joules / 3.6e6;
        double grams = allRuns().stream().map(RunResult::finalMetrics).filter(Objects::nonNull)
                .map(FinalMetrics::co2eGrams).filter(Objects::nonNull).mapToDouble(Double::doubleValue).sum();
        // the methods name themselves (measured:rapl, estimated:cpu-tdp); a mix is said to be one
        String how = methods().isEmpty() ? "not metered" : (methods().size() > 1 && !allMeasured()
                && methods().stream().anyMatch(m -> m.startsWith("measured")) ? "partly estimated: " : "")
                + String.join(", ", methods());
        return String.format(Locale.ROOT, "Training and evaluating the models reported here used %s kWh (%s), about "
                        + "%s gCO2e at %.0f g/kWh (%s, %s); %s with Verdant %s.", sig(kwh), how, sig(grams),
                facts.gramsPerKwh(), facts.region(), facts.source(), allMeasured() ? "measured" : "estimated",
                facts.version());
    }

    private static String sig(double v) {
        if (v == 0) {
            return "0";
        }
        return new java.math.BigDecimal(v).round(new java.math.MathContext(3)).stripTrailingZeros().toPlainString();
    }

    /** A figure over an item's completed runs: "0.953" or "0.953 ± 0.012 (n=3)". */
    private static String stat(ReportItem item, Function<FinalMetrics, Double> f, String format) {
        double[] v = item.runs().stream().map(RunResult::finalMetrics).filter(Objects::nonNull).map(f)
                .filter(Objects::nonNull).mapToDouble(Double::doubleValue).toArray();
        if (v.length == 0) {
            return "n/a";
        }
        GroupStatistics s = GroupStatistics.of(v);
        String mean = String.format(Locale.ROOT, format, s.mean());
        return s.hasInterval() ? mean + " ± " + String.format(Locale.ROOT, format, s.halfWidth95()) + " (n=" + s.n()
                + ")" : mean;
    }

    private static double mean(ReportItem item, Function<FinalMetrics, Double> f) {
        return item.runs().stream().map(RunResult::finalMetrics).filter(Objects::nonNull).map(f)
                .filter(Objects::nonNull).mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
    }

    private static final String[] METRIC_HEADER = {"Entry", "Spec", "Architecture", "Accuracy (trained)",
        "Accuracy (delivered)", "Params (delivered)", "FLOPs/sample", "Energy J (all phases)", "Energy method",
        "Train s", "gCO2e"};

    private List<String[]> metricRows() {
        List<String[]> rows = new ArrayList<>();
        for (ReportItem i : items) {
            FinalMetrics m = i.first().finalMetrics();
            rows.add(new String[] {i.label(), i.name(), i.first().spec().model().arch().label(),
                stat(i, FinalMetrics::accuracy, "%.3f"), stat(i, FinalMetrics::deliveredAccuracy, "%.3f"),
                m == null ? "n/a" : String.valueOf(m.deliveredParams() == null ? m.params() : m.deliveredParams()),
                m == null ? "n/a" : String.format(Locale.ROOT, "%,d", m.flopsPerSample()),
                stat(i, FinalMetrics::energyJoules, "%.2f"),
                m == null || m.energyMethod() == null ? "n/a" : m.energyMethod(),
                stat(i, FinalMetrics::trainSeconds, "%.1f"), stat(i, FinalMetrics::co2eGrams, "%.3g")});
        }
        return rows;
    }

    /** Spec fields (dotted paths) that differ between the entries, with each entry's value. */
    public Map<String, List<String>> specDifferences() {
        List<Map<String, String>> flat = items.stream().map(i -> flatten(i.first().spec())).toList();
        Set<String> keys = new TreeSet<>();
        flat.forEach(f -> keys.addAll(f.keySet()));
        Map<String, List<String>> diff = new LinkedHashMap<>();
        for (String k : keys) {
            List<String> values = flat.stream().map(f -> f.getOrDefault(k, "—")).toList();
            if (new LinkedHashSet<>(values).size() > 1) {
                diff.put(k, values);
            }
        }
        return diff;
    }

    private static Map<String, String> flatten(dev.verdant.spec.ExperimentSpec spec) {
        Map<String, String> out = new LinkedHashMap<>();
        try {
            flatten("", JSON.readTree(SpecCodec.toJson(spec)), out);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("a spec that was stored cannot be re-read: " + e.getMessage(), e);
        }
        return out;
    }

    private static void flatten(String prefix, JsonNode node, Map<String, String> out) {
        if (node.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> it = node.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                flatten(prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey(), e.getValue(), out);
            }
        } else if (!node.isNull()) {
            out.put(prefix, node.isTextual() ? node.asText() : node.toString());
        }
    }

    /** Accuracy (validation, trained model) against cumulative energy, one curve per entry (its first run). */
    public SvgChart accuracyEnergyChart() {
        SvgChart c = new SvgChart("Accuracy vs energy (trained model, per epoch)", "cumulative energy (J)",
                "validation accuracy");
        for (ReportItem i : items) {
            List<SvgChart.Point> pts = new ArrayList<>();
            for (EpochRecord e : i.first().epochs()) {
                if (e.cumulativeEnergyJoules() != null) {
                    pts.add(new SvgChart.Point(e.cumulativeEnergyJoules(), e.valAccuracy(), null));
                }
            }
            c.add(new SvgChart.Series(i.label() + " " + i.name(), pts, true, true));
        }
        return c;
    }

    /** Delivered accuracy against energy, one point per entry, with the Pareto front (no entry better on both). */
    public SvgChart paretoChart() {
        SvgChart c = new SvgChart("Pareto: delivered accuracy vs energy", "energy per run (J, mean)",
                "delivered accuracy (mean)");
        List<SvgChart.Point> all = new ArrayList<>();
        for (ReportItem i : items) {
            double e = mean(i, FinalMetrics::energyJoules);
            double a = mean(i, FinalMetrics::deliveredAccuracy);
            if (Double.isFinite(e) && Double.isFinite(a)) {
                all.add(new SvgChart.Point(e, a, i.label()));
            }
        }
        List<SvgChart.Point> front = all.stream().filter(p -> all.stream().noneMatch(q -> q != p
                && q.x() <= p.x() && q.y() >= p.y() && (q.x() < p.x() || q.y() > p.y())))
                .sorted(java.util.Comparator.comparingDouble(SvgChart.Point::x)).toList();
        c.add(new SvgChart.Series("entries", all, false, true));
        c.add(new SvgChart.Series("Pareto front", front.stream().map(p -> new SvgChart.Point(p.x(), p.y(), null))
                .toList(), true, false));
        return c;
    }

    private static final String[] COMPRESSION_HEADER = {"Entry", "Step", "Accuracy", "Params", "Non-zero", "Size",
        "FLOPs/sample", "Latency ms (batch 1)", "J per 1k predictions"};

    private List<String[]> compressionRows() {
        List<String[]> rows = new ArrayList<>();
        for (ReportItem i : items) {
            for (CompressionReport c : i.first().compression()) {
                String sim = c.simulated() ? " (simulated)" : "";
                rows.add(new String[] {i.label(), c.step(), String.format(Locale.ROOT, "%.3f", c.accuracy()) + sim,
                    String.format(Locale.ROOT, "%,d", c.params()), String.format(Locale.ROOT, "%,d", c.nonzeroParams()),
                    Fmt.bytes(c.modelBytes()), String.format(Locale.ROOT, "%,d", c.flopsPerSample()),
                    String.format(Locale.ROOT, "%.3f", c.latencyMsBatch1()) + sim,
                    (c.inferenceJoulesPer1k() == null ? "n/a" : Fmt.num(c.inferenceJoulesPer1k())) + sim});
            }
        }
        return rows;
    }

    // ---------------------------------------------------------------- HTML

    /** The report as one self-contained HTML page. */
    public String html() {
        StringBuilder h = new StringBuilder();
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Verdant report</title>\n")
                .append("<style>body{font-family:sans-serif;max-width:1100px;margin:24px auto;padding:0 16px;"
                        + "color:#111}table{border-collapse:collapse;margin:8px 0 20px}td,th{border:1px solid #bbb;"
                        + "padding:4px 8px;text-align:left;font-size:13px}th{background:#eef3ee}"
                        + ".statement{border-left:6px solid #2e7d32;background:#f1f8f1;padding:10px 14px}"
                        + "pre{background:#f6f6f6;padding:8px;font-size:12px}figure{margin:10px 0}</style>\n")
                .append("</head><body>\n");
        h.append("<h1>Verdant report</h1>\n<p>").append(esc(items.size() + " entries, " + allRuns().size()
                + " runs; generated " + generatedAt + " by Verdant " + facts.version())).append("</p>\n");
        h.append("<h2>Energy statement</h2>\n<p class=\"statement\">").append(esc(energyStatement())).append("</p>\n");
        h.append("<h2>Results</h2>\n<p>Accuracy is validation accuracy; <em>trained</em> is the model after training, "
                + "<em>delivered</em> the model handed over (after compression, if any). Groups show mean ± half-width "
                + "of the 95% confidence interval over their repeats.</p>\n");
        table(h, METRIC_HEADER, metricRows());
        h.append("<h2>Specs and their differences</h2>\n");
        Map<String, List<String>> diff = specDifferences();
        if (diff.isEmpty()) {
            h.append("<p>All entries ran the same spec.</p>\n");
        } else {
            String[] header = new String[items.size() + 1];
            header[0] = "Field";
            for (int i = 0; i < items.size(); i++) {
                header[i + 1] = items.get(i).label();
            }
            List<String[]> rows = new ArrayList<>();
            diff.forEach((k, v) -> {
                String[] r = new String[v.size() + 1];
                r[0] = k;
                for (int i = 0; i < v.size(); i++) {
                    r[i + 1] = v.get(i);
                }
                rows.add(r);
            });
            table(h, header, rows);
        }
        for (ReportItem i : items) {
            h.append("<details><summary>").append(esc(i.label() + ": " + i.name())).append(" (spec)</summary><pre>")
                    .append(esc(SpecCodec.toYaml(i.first().spec()))).append("</pre></details>\n");
        }
        h.append("<h2>Charts</h2>\n");
        SvgChart curve = accuracyEnergyChart();
        h.append("<figure>").append(curve.isEmpty() ? "<p>No metered epochs.</p>" : curve.svg()).append("</figure>\n");
        h.append("<figure>").append(paretoChart().svg()).append("</figure>\n");
        List<String[]> comp = compressionRows();
        h.append("<h2>Compression</h2>\n");
        if (comp.isEmpty()) {
            h.append("<p>No entry was compressed.</p>\n");
        } else {
            table(h, COMPRESSION_HEADER, comp);
            h.append("<p>Figures marked simulated come from float kernels on quantised values, not an int8 runtime."
                    + "</p>\n");
        }
        return h.append("</body></html>\n").toString();
    }

    private static void table(StringBuilder h, String[] header, List<String[]> rows) {
        h.append("<table><thead><tr>");
        for (String c : header) {
            h.append("<th>").append(esc(c)).append("</th>");
        }
        h.append("</tr></thead><tbody>\n");
        for (String[] r : rows) {
            h.append("<tr>");
            for (String c : r) {
                h.append("<td>").append(esc(c)).append("</td>");
            }
            h.append("</tr>\n");
        }
        h.append("</tbody></table>\n");
    }

    private static String esc(String s) {
        return SvgChart.esc(s);
    }

    // ---------------------------------------------------------------- Markdown

    /** The report as Markdown; charts are embedded as SVG data URIs, so it too stays one file. */
    public String markdown() {
        StringBuilder m = new StringBuilder("# Verdant report\n\n");
        m.append(items.size()).append(" entries, ").append(allRuns().size()).append(" runs; generated ")
                .append(generatedAt).append(" by Verdant ").append(facts.version()).append(".\n\n");
        m.append("## Energy statement\n\n> ").append(energyStatement()).append("\n\n");
        m.append("## Results\n\nAccuracy is validation accuracy; *trained* is the model after training, *delivered* the "
                + "model handed over. Groups show mean ± half-width of the 95% confidence interval.\n\n");
        mdTable(m, METRIC_HEADER, metricRows());
        m.append("## Specs and their differences\n\n");
        Map<String, List<String>> diff = specDifferences();
        if (diff.isEmpty()) {
            m.append("All entries ran the same spec.\n\n");
        } else {
            List<String> header = new ArrayList<>(List.of("Field"));
            items.forEach(i -> header.add(i.label()));
            List<String[]> rows = new ArrayList<>();
            diff.forEach((k, v) -> {
                List<String> r = new ArrayList<>(List.of(k));
                r.addAll(v);
                rows.add(r.toArray(String[]::new));
            });
            mdTable(m, header.toArray(String[]::new), rows);
        }
        m.append("## Charts\n\n");
        m.append("![Accuracy vs energy](").append(dataUri(accuracyEnergyChart())).append(")\n\n");
        m.append("![Pareto](").append(dataUri(paretoChart())).append(")\n\n");
        m.append("## Compression\n\n");
        List<String[]> comp = compressionRows();
        if (comp.isEmpty()) {
            m.append("No entry was compressed.\n");
        } else {
            mdTable(m, COMPRESSION_HEADER, comp);
        }
        return m.toString();
    }

    private static String dataUri(SvgChart c) {
        return "data:image/svg+xml;base64," + Base64.getEncoder().encodeToString(c.svg().getBytes(
                StandardCharsets.UTF_8));
    }

    private static void mdTable(StringBuilder m, String[] header, List<String[]> rows) {
        m.append("| ").append(String.join(" | ", header)).append(" |\n|");
        m.append(" --- |".repeat(header.length)).append('\n');
        for (String[] r : rows) {
            m.append("| ").append(String.join(" | ", java.util.Arrays.stream(r).map(c -> c.replace("|", "\\|"))
                    .toList())).append(" |\n");
        }
        m.append('\n');
    }
}
