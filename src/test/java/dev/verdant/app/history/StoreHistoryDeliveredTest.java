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
        }
    }
}
