package dev.verdant.lesson;

import dev.verdant.result.RunResult;
import dev.verdant.result.RunStatus;
import dev.verdant.run.Job;
import dev.verdant.run.JobRunner;
import dev.verdant.run.RunGroup;
import dev.verdant.spec.CompressionStepSpec;
import dev.verdant.spec.ExperimentSpec;
import dev.verdant.spec.SpecCodec;
import dev.verdant.store.InMemoryRunStore;
import dev.verdant.store.RunStore;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A report of real runs (a group of two repeats and a compressed run, tiny digits, one epoch): self-contained HTML
 * with valid inline SVG charts and no external reference, the spec differences, the group's uncertainty, the
 * compression table and the energy statement; the same in Markdown. Writes {@code target/report/report.html} for the
 * browser bench ({@code bench/report-render.sh}).
 */
@Timeout(240)
class ReportTest {

    private static RunStore store;
    private static long groupId;
    private static long compressedId;

    @BeforeAll
    static void runs() throws Exception {
        store = new InMemoryRunStore();
        ExperimentSpec base = SpecCodec.parse("""
                name: report-mlp
                seed: 1
                dataset: { name: digits, limit: 200 }
                model: { arch: mlp, hidden: [32] }
                training: { epochs: 2, batchSize: 32, optimizer: adam, learningRate: 0.01 }
                device: cpu
                """);
        try (JobRunner runner = new JobRunner(1, store)) {
            RunGroup g = runner.startGroup(base.withRepeats(2));
            groupId = g.id();
            List<RunResult> members = new ArrayList<>();
            for (int i = 0; i < g.size(); i++) {
                members.add(runner.submit(g.member(i), g.joiner()).result().get());
            }
            members.forEach(r -> assertEquals(RunStatus.COMPLETED, r.status(), r.message()));
        }
        ExperimentSpec compressed = SpecCodec.parse("""
                name: report-compressed
                seed: 1
                dataset: { name: digits, limit: 200 }
                model: { arch: mlp, hidden: [64] }
                training: { epochs: 2, batchSize: 32, optimizer: adam, learningRate: 0.01 }
                compression:
                  - { type: prune, method: magnitude, scope: global, sparsity: 0.5, fineTuneEpochs: 1 }
                  - { type: quantize, bits: 8 }
                device: cpu
                """);
        RunResult r = Job.of(compressed, store).runHere();
        assertEquals(RunStatus.COMPLETED, r.status(), r.message());
        compressedId = r.id();
    }

    private static Report report() {
        List<ReportItem> items = ReportItem.load(store, List.of("g" + groupId, String.valueOf(compressedId)));
        return new Report(items, new EnergyFacts("WORLD", 475, "test source (2020)", "test"), "2026-12-01T18:00:00Z");
    }

    @Test
    void htmlIsSelfContainedWithValidChartsAndEveryPart() throws Exception {
        Report report = report();
        String html = report.html();
        Matcher external = Pattern.compile("(src|href)\\s*=\\s*[\"']?\\s*(https?:)?//", Pattern.CASE_INSENSITIVE)
                .matcher(html);
        assertFalse(external.find(), "no external reference: " + (external.find(0) ? external.group() : ""));
        assertFalse(html.contains("<script"), "no scripts");
        assertFalse(html.contains("@import") || html.contains("@font-face"), "no external CSS or fonts");
        Matcher svg = Pattern.compile("<svg.*?</svg>", Pattern.DOTALL).matcher(html);
        int charts = 0;
        while (svg.find()) {
            DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new ByteArrayInputStream(
                    svg.group().getBytes(StandardCharsets.UTF_8)));
            assertTrue(svg.group().contains("<circle"), "each chart draws points");
            charts++;
        }
        assertEquals(2, charts, "accuracy-vs-energy and Pareto");
        assertTrue(html.contains("group " + groupId) && html.contains("run " + compressedId));
        assertTrue(html.contains("±") && html.contains("(n=2)"), "the group's figures carry their interval");
        assertTrue(report.specDifferences().containsKey("model.hidden"), report.specDifferences().toString());
        assertTrue(report.specDifferences().containsKey("compression"), "the compression steps differ");
        assertTrue(html.contains("quantize") && html.contains("(simulated)"), "compression table, simulated marked");
        String statement = report.energyStatement();
        assertTrue(statement.startsWith("Training and evaluating the models reported here used "), statement);
        assertTrue(statement.contains("kWh (") && statement.contains("gCO2e at 475 g/kWh (WORLD, test source (2020))")
                && statement.endsWith("with Verdant test."), statement);
        String method = report.allMeasured() ? "measured" : "estimated";
        assertTrue(statement.contains("; " + method + " with Verdant"), "the statement says how energy was obtained");
        assertTrue(html.contains(SvgChart.esc(statement)));
        double kwh = report.totalJoules() / 3.6e6;
        assertTrue(report.totalJoules() > 0);
        assertTrue(statement.contains(new java.math.BigDecimal(kwh).round(new java.math.MathContext(3))
                .stripTrailingZeros().toPlainString() + " kWh"), statement + " vs " + kwh);
        Path out = Path.of("target", "report", "report.html");
        Files.createDirectories(out.getParent());
        Files.writeString(out, html);
    }

    @Test
    void markdownEmbedsItsChartsAndTables() {
        String md = report().markdown();
        assertTrue(md.startsWith("# Verdant report"));
        assertEquals(2, md.split("data:image/svg\\+xml;base64,", -1).length - 1);
        assertTrue(md.contains("| Entry | Spec | Architecture |"));
        assertTrue(md.contains("> Training and evaluating the models reported here used"));
        assertFalse(md.contains("](http"), "no external images");
    }

    @Test
    void unknownIdsAreRefusedWithASentence() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ReportItem.load(store, List.of("g999")));
        assertTrue(e.getMessage().startsWith("there is no run group 999"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ReportItem.load(store, List.of("abc")));
        assertTrue(e.getMessage().contains("neither a run id"), e.getMessage());
    }
}
