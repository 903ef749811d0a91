package dev.verdant.cli;

import dev.verdant.result.FinalMetrics;
import dev.verdant.result.ProbeStatus;
import dev.verdant.result.Provenance;
import dev.verdant.result.RunResult;
import dev.verdant.result.RunStatus;
import dev.verdant.spec.ExperimentSpec;
import dev.verdant.store.RunStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code verdant arch compare --from-store} takes each architecture's accuracy from the newest completed stored run
 * on the same dataset, trains nothing, and ignores older, failed and other-dataset runs.
 */
class ArchCompareFromStoreTest {

    @TempDir
    Path dir;

    @Test
    void usesTheNewestCompletedRunPerArchitectureOnTheSameDataset() {
        Path db = dir.resolve("verdant.db");
        long older;
        long newer;
        try (RunStore store = RunStore.open(db)) {
            older = store.importRun(result("old-dscnn", "dscnn", "digits", 0.8111, RunStatus.COMPLETED));
            newer = store.importRun(result("new-dscnn", "dscnn", "digits", 0.8522, RunStatus.COMPLETED));
            store.importRun(result("fashion-dscnn", "dscnn", "fashion-mnist-small", 0.9933, RunStatus.COMPLETED));
            store.importRun(result("squeeze", "squeezenet", "digits", 0.7044, RunStatus.COMPLETED));
            store.importRun(result("broken-shuffle", "shufflenet", "digits", 0.6055, RunStatus.FAILED));
        }
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        CommandLine cli = new CommandLine(new ArchCommand());
        cli.setOut(new PrintWriter(o, true));
        cli.setErr(new PrintWriter(e, true));
        int code = cli.execute("compare", "--from-store", "--db", db.toString(), "--dataset", "digits",
                "--archs", "dscnn,squeezenet,shufflenet");
        String out = o.toString();
        assertEquals(0, code, e.toString());
        assertTrue(out.contains("0.8522") && out.contains("new-dscnn") && out.contains(String.valueOf(newer)), out);
        assertFalse(out.contains("0.8111") || out.contains("old-dscnn") || older == newer, "older run not used: " + out);
        assertFalse(out.contains("0.9933"), "other dataset's run not used: " + out);
        assertTrue(out.contains("0.7044"), out);
        assertFalse(out.contains("0.6055"), "failed run not used: " + out);
        assertTrue(out.contains("No completed stored run on digits for: shufflenet"), out);
        assertFalse(e.toString().contains("training"), "nothing trained: " + e);
    }

    private static RunResult result(String name, String arch, String dataset, double accuracy, RunStatus status) {
        ExperimentSpec spec = ExperimentSpec.defaults().withName(name);
        spec = spec.withModel(spec.model().withArch(arch)).withDataset(spec.dataset().withName(dataset));
        Provenance p = new Provenance("0.1.0", "0.36.0", "PyTorch 2.7.1", "cpu()", "Linux", "cpu", 2, "17",
                "sha", 42, null, List.of(new ProbeStatus("estimator", true, "TDP")));
        FinalMetrics m = FinalMetrics.builder().accuracy(accuracy).loss(0.2).params(1000).flopsPerSample(2000)
                .modelBytes(4000).trainSeconds(3.0).samplesPerSecond(500).epochsCompleted(1)
                .stopReason(dev.verdant.result.StopReason.EPOCHS).energy(10.0, 9.0, 1.0, 5.0, "estimated:cpu-tdp")
                .co2eGrams(0.001).build();
        return new RunResult(null, name, status, null, spec, p, m, List.of(), List.of(),
                "2025-06-01T10:00:00Z", "2025-06-01T10:00:03Z", List.of());
    }
}
