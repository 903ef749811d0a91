package dev.verdant.store;

import dev.verdant.result.Provenance;
import dev.verdant.result.RunResult;
import dev.verdant.spec.ModelSpec;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RunComparisonTest {

    @Test
    void specDifferencesAreDottedPathsAndMetricDeltasAreAgainstTheFirstRun() {
        RunResult a = Samples.result("a", 0.90, 100.0).withId(1L);
        RunResult b0 = Samples.result("b", 0.93, null).withId(2L);
        RunResult b = new RunResult(2L, "b", b0.status(), null,
                b0.spec().withName("b").withModel(ModelSpec.defaults().withHidden(List.of(256, 64))),
                b0.provenance(), b0.finalMetrics(), b0.epochs(), b0.power(), b0.startedAt(), b0.endedAt(), List.of());

        RunComparison c = RunComparison.of(List.of(a, b));
        assertEquals(List.of(1L, 2L), c.runIds());
        assertEquals(List.of(new RunComparison.SpecDifference("name", List.of("a", "b")),
                new RunComparison.SpecDifference("model.hidden", List.of("[128, 64]", "[256, 64]"))),
                c.specDifferences());

        RunComparison.MetricRow accuracy = row(c, "accuracy");
        assertEquals(List.of(0.90, 0.93), accuracy.values());
        assertNull(accuracy.deltas().get(0));
        assertEquals(0.03, accuracy.deltas().get(1), 1e-12);
        RunComparison.MetricRow energy = row(c, "energyJoules");
        assertEquals(Arrays.asList(100.0, null), energy.values());
        assertEquals(Arrays.asList(null, null), energy.deltas());
    }

    @Test
    void identicalSpecsHaveNoDifferences() {
        RunResult a = Samples.result("same", 0.9, 1.0);
        assertTrue(RunComparison.of(List.of(a, a)).specDifferences().isEmpty());
    }

    @Test
    void provenanceDifferencesNameTheChangedFields() {
        Provenance before = Samples.provenance("Intel Xeon");
        Provenance after = new Provenance("0.2.0", before.djlVersion(), before.engine(), before.device(),
                before.os(), "AMD EPYC", before.cpuCores(), before.javaVersion(), before.datasetSha256(),
                before.seed(), null, List.of(new dev.verdant.result.ProbeStatus("rapl", true, "ok"),
                before.energyProbes().get(1)));
        assertEquals(List.of(new FieldDifference("verdantVersion", "0.1.0", "0.2.0"),
                        new FieldDifference("cpu", "Intel Xeon", "AMD EPYC"),
                        new FieldDifference("energyProbes[0].available", "false", "true"),
                        new FieldDifference("energyProbes[0].reason", "no /sys/class/powercap", "ok")),
                RunComparison.provenanceDifferences(before, after));
        assertTrue(RunComparison.provenanceDifferences(before, before).isEmpty());
    }

    private static RunComparison.MetricRow row(RunComparison c, String metric) {
        return c.metrics().stream().filter(m -> m.metric().equals(metric)).findFirst().orElseThrow();
    }
}
