package dev.verdant.cli;

import dev.verdant.result.FinalMetrics;
import dev.verdant.result.ProbeStatus;
import dev.verdant.result.Provenance;
import dev.verdant.result.RunResult;
import dev.verdant.result.RunStatus;
import dev.verdant.spec.ExperimentSpec;
import dev.verdant.store.FieldDifference;
import dev.verdant.store.RunFilter;
import dev.verdant.store.RunStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RunsCommandTest {

    @TempDir
    Path dir;
    Path db;
    long first;
    long second;
    String out;
    String err;

    @BeforeEach
    void storeTwoRuns() {
        db = dir.resolve("verdant.db");
        try (RunStore store = RunStore.open(db)) {
            first = store.importRun(result("mlp-small", 0.90, 0.001, "Intel Xeon"));
            second = store.importRun(result("mlp-fast", 0.93, 0.01, "Intel Xeon"));
            store.tag(second, "best");
        }
    }

    @AfterEach
    void unhook() {
        RunsCommand.rerunner = null;
    }

    @Test
    void showListsTheCompressionStepsAndTheDeliveredModel() {
        RunResult plain = result("mlp-int8", 0.91, 0.001, "Intel Xeon");
        var steps = List.of(
                new dev.verdant.result.CompressionReport(0, "baseline", "baseline", 0.91, 1000, 1000, 4000, 2000,
                        0.5, 2.0, 0.1, 0.0, null, false, "784-10", null),
                new dev.verdant.result.CompressionReport(1, "quantize int8", "quantize", 0.905, 1000, 1000, 1000,
                        2000, 0.7, 2.5, 0.12, 0.1, 0.2, true, "784-10", "weights int8"));
        long id;
        try (RunStore store = RunStore.open(db)) {
            id = store.importRun(plain.withCompression(steps));
        }
        assertEquals(0, run("show", "--db", db.toString(), String.valueOf(id)));
        assertTrue(out.contains("delivered: accuracy 0.9050 (simulated) after 1 compression steps, 1,000 bytes"), out);
        assertTrue(out.contains("step 0/1 baseline") && out.contains("step 1/1 quantize int8"), out);
        assertTrue(out.contains("acc 0.9050 (simulated)"), out);

        assertEquals(0, run("show", "--db", db.toString(), String.valueOf(first)));
        assertFalse(out.contains("delivered:") || out.contains("step 0/"), out);
    }

    @Test
    void listShowsRunsAndFilters() {
        assertEquals(0, run("--db", db.toString(), "list"));
        assertTrue(out.contains("mlp-small") && out.contains("mlp-fast"), out);
        assertTrue(out.startsWith("ID"), out);

        assertEquals(0, run("list", "--db", db.toString(), "--tag", "best"));
        assertTrue(out.contains("mlp-fast") && !out.contains("mlp-small"), out);
        assertEquals(0, run("list", "--db", db.toString(), "--name", "*small", "--status", "completed"));
        assertTrue(!out.contains("mlp-fast") && out.contains("mlp-small"), out);
        assertEquals(1, run("list", "--db", db.toString(), "--status", "finished"));
        assertTrue(err.contains("unknown status 'finished'"), err);
    }

    @Test
    void showPrintsTheRunAndItsEpochs() {
        assertEquals(0, run("show", "--db", db.toString(), String.valueOf(second)));
        assertTrue(out.contains("mlp-fast") && out.contains("accuracy 0.9300") && out.contains("tags:     best"), out);
        assertTrue(out.contains("EPOCH"), out);
        assertEquals(0, run("show", "--db", db.toString(), "--json", String.valueOf(second)));
        assertTrue(out.contains("\"final\""), out);
        assertEquals(1, run("show", "--db", db.toString(), "999"));
        assertTrue(err.contains("no run with id 999"), err);
    }

    @Test
    void compareShowsSpecDifferencesAndDeltas() {
        assertEquals(0, run("compare", "--db", db.toString(), String.valueOf(first), String.valueOf(second)));
        assertTrue(out.contains("training.learningRate") && out.contains("0.001") && out.contains("0.01"), out);
        assertTrue(out.contains("accuracy") && out.contains("(+0.03000)"), out);
    }

    @Test
    void exportAndImportRoundTrip() throws Exception {
        Path file = dir.resolve("runs.json");
        assertEquals(0, run("export", "--db", db.toString(), "--format", "json", "--out", file.toString(),
                String.valueOf(first), String.valueOf(second)));
        assertTrue(err.contains("exported 2 run(s)"), err);
        Path other = dir.resolve("other.db");
        assertEquals(0, run("import", "--db", other.toString(), file.toString()));
        assertTrue(out.contains("imported run 1 (mlp-small)") && out.contains("imported run 2 (mlp-fast)"), out);
        try (RunStore a = RunStore.open(db); RunStore b = RunStore.open(other)) {
            assertEquals(a.load(first).orElseThrow().withId(null), b.load(1).orElseThrow().withId(null));
        }

        assertEquals(0, run("export", "--db", db.toString(), "--format", "csv", String.valueOf(first)));
        assertEquals(2, out.split("\n").length);
        assertEquals(0, run("export", "--db", db.toString(), "--format", "csv", "--epochs", String.valueOf(first)));
        assertEquals(3, out.split("\n").length);
        assertEquals(0, run("export", "--db", db.toString(), "--format", "codecarbon", String.valueOf(first),
                String.valueOf(second)));
        assertTrue(out.startsWith(String.join(",", dev.verdant.energy.CodeCarbonCsv.HEADER)), out);
        assertEquals(3, out.strip().split("\n").length, "header and one row per run: " + out);
        assertEquals(1, run("export", "--db", db.toString(), "--format", "xml", String.valueOf(first)));
        assertEquals(1, run("import", "--db", db.toString(), dir.resolve("missing.json").toString()));
        Files.writeString(dir.resolve("bad.json"), "{ not json");
        assertEquals(1, run("import", "--db", db.toString(), dir.resolve("bad.json").toString()));
        assertTrue(err.contains("not a Verdant result JSON"), err);
    }

    @Test
    void tagNoteAndDelete() {
        assertEquals(0, run("tag", "--db", db.toString(), String.valueOf(first), "lecture-3"));
        assertEquals(0, run("note", "--db", db.toString(), String.valueOf(first), "shown", "in", "class"));
        assertEquals(0, run("show", "--db", db.toString(), String.valueOf(first)));
        assertTrue(out.contains("lecture-3") && out.contains("shown in class"), out);
        assertEquals(0, run("tag", "--db", db.toString(), "--remove", String.valueOf(first), "lecture-3"));

        assertEquals(1, run("delete", "--db", db.toString(), String.valueOf(first)));
        assertTrue(err.contains("--yes"), err);
        assertEquals(1, run("delete", "--db", db.toString(), "--yes", String.valueOf(first), "999"));
        assertEquals(0, run("delete", "--db", db.toString(), "--yes", String.valueOf(first)));
        try (RunStore store = RunStore.open(db)) {
            assertEquals(List.of(second), store.list(RunFilter.all()).stream().map(s -> s.id()).toList());
        }
    }

    @Test
    void rerunSaysItIsUnavailableWithoutAnEngine() {
        assertEquals(1, run("rerun", "--db", db.toString(), String.valueOf(first)));
        assertTrue(err.contains("rerun is unavailable"), err);
    }

    @Test
    void rerunRunsTheSameSpecAndPrintsProvenanceDifferences() {
        ExperimentSpec[] seen = new ExperimentSpec[1];
        RunsCommand.rerunner = (spec, store) -> {
            seen[0] = spec;
            return result(spec.name(), 0.90, spec.training().learningRate(), "AMD EPYC"); // unstored: id null
        };
        assertEquals(0, run("rerun", "--db", db.toString(), String.valueOf(first)));
        assertTrue(out.contains("re-ran run " + first + " as run 3"), out);
        assertTrue(out.contains("cpu") && out.contains("Intel Xeon") && out.contains("AMD EPYC"), out);
        try (RunStore store = RunStore.open(db)) {
            RunResult old = store.load(first).orElseThrow();
            assertEquals(old.spec(), seen[0]);
            assertEquals(old.spec(), store.load(3).orElseThrow().spec());
        }
    }

    @Test
    void provenanceTableSaysWhenNothingDiffers() {
        assertEquals("same provenance: same versions, machine and data\n", RunsCommand.provenanceTable(1, 2, List.of()));
        String table = RunsCommand.provenanceTable(1, 2, List.of(new FieldDifference("cpu", "a", "b")));
        assertEquals("PROVENANCE  #1  #2\ncpu         a   b\n", table);
    }

    private int run(String... args) {
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        CommandLine cli = new CommandLine(new RunsCommand());
        cli.setOut(new PrintWriter(o, true));
        cli.setErr(new PrintWriter(e, true));
        int code = cli.execute(args);
        out = o.toString();
        err = e.toString();
        return code;
    }

    @Test
    void compareTellsNoiseForSingleRunsAndTestsTwoGroups() {
        assertEquals(0, run("compare", "--db", db.toString(), String.valueOf(first), String.valueOf(second)));
        assertTrue(out.contains("no noise figure for this machine yet"), out);

        long[] groups = new long[2];
        try (RunStore store = RunStore.open(db)) {
            double[][] accuracy = {{0.90, 0.91, 0.92}, {0.95, 0.96, 0.97}};
            for (int g = 0; g < 2; g++) {
                groups[g] = store.createGroup(ExperimentSpec.defaults().withName("g" + g).withRepeats(3));
                for (double a : accuracy[g]) {
                    store.addToGroup(groups[g], store.importRun(result("g" + g, a, 0.001, "Intel Xeon")));
                }
            }
        }
        assertEquals(0, run("compare", "--db", db.toString(), "--group", String.valueOf(groups[0]), "--group",
                String.valueOf(groups[1])));
        assertTrue(out.contains("g0 (group " + groups[0] + ", runs "), out);
        assertTrue(out.contains("3 of 3 runs completed; mean ± 95% CI: accuracy 0.9100 ± 0.0248"), out);
        assertTrue(out.contains("accuracy: group " + groups[1] + " - group " + groups[0] + " = +0.0500 (95% CI "
                + "+0.0273 to +0.0727), Welch's t-test p = 0.004: significant at 5%"), out);

        assertEquals(0, run("compare", "--db", db.toString(), String.valueOf(first), String.valueOf(second)));
        assertTrue(out.contains("energy: +0.0%; differences under 0% in energy are within this machine's noise "
                + "(CV 0.0% over 6 repeats in 2 groups)"), out);
        assertEquals(ExitCode.USAGE, run("compare", "--db", db.toString(), "--group", String.valueOf(groups[0])));
        assertTrue(err.contains("--group A --group B"), err);
    }

    private static RunResult result(String name, double accuracy, double lr, String cpu) {
        ExperimentSpec spec = ExperimentSpec.defaults().withName(name)
                .withTraining(dev.verdant.spec.TrainingSpec.defaults().withEpochs(2).withLearningRate(lr));
        Provenance p = new Provenance("0.1.0", "0.36.0", "PyTorch 2.7.1", "cpu()", "Linux", cpu, 2, "17",
                "sha", 42, null, List.of(new ProbeStatus("estimator", true, "TDP")));
        FinalMetrics m = FinalMetrics.builder().accuracy(accuracy).loss(0.2).params(1000).flopsPerSample(2000)
                .modelBytes(4000).trainSeconds(3.0).samplesPerSecond(500).epochsCompleted(2)
                .stopReason(dev.verdant.result.StopReason.EPOCHS).energy(10.0, 9.0, 1.0, 5.0, "estimated:cpu-tdp")
                .co2eGrams(0.001).build();
        var epochs = List.of(new dev.verdant.result.EpochRecord(1, 0.5, 0.8, 0.6, 0.7, 1, 500, lr, 2000, 5.0, 5.0),
                new dev.verdant.result.EpochRecord(2, 0.3, 0.9, 0.4, accuracy, 1, 500, lr, 2000, 5.0, 10.0));
        return new RunResult(null, name, RunStatus.COMPLETED, null, spec, p, m, epochs, List.of(),
                "2025-06-01T10:00:00Z", "2025-06-01T10:00:03Z", List.of());
    }
}
