package dev.verdant.result;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The result JSON is a contract: the golden files were written by the positional FinalMetrics (stop reason a
 * string) before the builder and the enums existed, and the builder must reproduce them byte for byte. The four
 * delivered-model fields (issue 11) were added at the end, null until a {@code RunResult} derives them.
 */
class FinalMetricsJsonTest {

    private static String golden(String name) throws IOException {
        try (InputStream in = FinalMetricsJsonTest.class.getResourceAsStream(name)) {
            assertNotNull(in, name);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void builtMetricsWriteTheSameJsonAsBefore() throws IOException {
        FinalMetrics full = FinalMetrics.builder().accuracy(0.9).loss(0.3).params(1000).flopsPerSample(2000)
                .modelBytes(4000).trainSeconds(100.0).samplesPerSecond(50).epochsCompleted(3)
                .stopReason(StopReason.EARLY_STOPPING).energy(12.5, 10.0, 2.5, 7.25, "estimated:cpu-tdp")
                .co2eGrams(0.01).costUsd(0.002).joulesToTarget(9.0).build();
        assertEquals(golden("final-metrics-full.json"), ResultJson.write(full));
        FinalMetrics bare = FinalMetrics.builder().accuracy(0.5).loss(Double.NaN).params(5).flopsPerSample(5)
                .modelBytes(20).trainSeconds(1).samplesPerSecond(1).epochsCompleted(1)
                .stopReason(StopReason.DIVERGED).build();
        assertEquals(golden("final-metrics-bare.json"), ResultJson.write(bare));
    }

    @Test
    void goldenJsonReadsBackAndToBuilderKeepsEveryField() throws IOException {
        FinalMetrics read = ResultJson.mapper().readValue(golden("final-metrics-full.json"), FinalMetrics.class);
        assertEquals(StopReason.EARLY_STOPPING, read.stopReason());
        assertEquals(read, read.toBuilder().build());
        assertEquals(golden("final-metrics-full.json"), ResultJson.write(read));
    }

    @Test
    void labelsAreTheStringsRunsWereAlwaysStoredWith() {
        assertEquals(List.of("epochs", "target", "early-stopping", "cancelled", "diverged"),
                Arrays.stream(StopReason.values()).map(StopReason::label).toList());
        assertEquals(List.of("train", "eval", "compress", "inference", "query"),
                Arrays.stream(Phase.values()).map(Phase::label).toList());
        for (StopReason r : StopReason.values()) {
            assertEquals(r, StopReason.fromLabel(r.label()));
        }
        for (Phase p : Phase.values()) {
            assertEquals(p, Phase.fromLabel(p.label()));
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Phase.fromLabel("warmup"));
        assertEquals("unknown phase 'warmup'; phases are [train, eval, compress, inference, query]", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> StopReason.fromLabel("EARLY_STOPPING"));
    }
}
