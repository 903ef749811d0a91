package dev.verdant.app.history;

import dev.verdant.app.AppSamples;
import dev.verdant.result.RunResult;
import dev.verdant.store.RunStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The store's run list has only trained figures: History reads a compressed run's last step from the store. */
class StoreHistoryDeliveredTest {

    @TempDir
    Path dir;

    @Test
    void aStoredCompressedRunShowsItsDeliveredAccuracy() {
        try (RunStore store = RunStore.open(dir.resolve("runs.db"))) {
            long pruned = store.importRun(AppSamples.compressed(8, "pruned", 0.9694, 0.8914));
            long plain = store.importRun(AppSamples.run(1, "plain", 0.01, 0.93, 40.0));
            List<HistoryRow> rows = new StoreHistory(store).list();
            HistoryRow p = rows.stream().filter(r -> r.id() == pruned).findFirst().orElseThrow();
            assertEquals(0.8914, p.accuracy(), 0.0);
            assertEquals(0.9694, p.trainedAccuracy(), 0.0);
            assertEquals(AppSamples.COMPRESSED_PARAMS, p.params());
            HistoryRow q = rows.stream().filter(r -> r.id() == plain).findFirst().orElseThrow();
            assertEquals(0.93, q.accuracy(), 0.0);
            assertEquals(0.93, q.trainedAccuracy(), 0.0);
            RunResult loaded = store.load(pruned).orElseThrow();
            assertEquals(0.8914, loaded.finalMetrics().deliveredAccuracy(), 0.0, "the full load agrees");
            assertEquals(false, p.deliveredSimulated(), "a pruned model's accuracy is measured");
            assertEquals(false, HistoryRow.of(pruned, loaded, List.of()).deliveredSimulated());
        }
    }

    @Test
    void aSimulatedQuantizeStepMarksTheDeliveredAccuracy() {
        RunResult pruned = AppSamples.compressed(9, "int8", 0.9694, 0.9650);
        var steps = new java.util.ArrayList<>(pruned.compression());
        var p = steps.get(1);
        steps.set(1, new dev.verdant.result.CompressionReport(1, "quantize int8 per-channel", "quantize", 0.9650,
                p.params(), p.nonzeroParams(), 2_500L, p.flopsPerSample(), 0.2, 2.0, 0.5, 1.0, 1.0, true, "784-10",
                null));
        RunResult quantized = pruned.withCompression(steps);
        try (RunStore store = RunStore.open(dir.resolve("runs.db"))) {
            long id = store.importRun(quantized);
            HistoryRow row = new StoreHistory(store).list().get(0);
            assertEquals(0.9650, row.accuracy(), 0.0);
            assertEquals(true, row.deliveredSimulated(), "the delivered accuracy came from simulated arithmetic");
            assertEquals(true, HistoryRow.of(id, store.load(id).orElseThrow(), List.of()).deliveredSimulated());
        }
    }
}
