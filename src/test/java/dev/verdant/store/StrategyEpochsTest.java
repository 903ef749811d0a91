package dev.verdant.store;

import dev.verdant.result.EpochRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Schema v3: an epoch's training-strategy state is stored and loaded unchanged; older epochs keep nulls. */
class StrategyEpochsTest {

    @TempDir
    Path dir;

    @Test
    void strategyStateRoundTrips() {
        try (RunStore store = RunStore.open(dir.resolve("verdant.db"))) {
            long id = store.createRun(Samples.spec("strategies"), Samples.provenance("Intel Xeon"));
            EpochRecord resized = new EpochRecord(1, 1.0, 0.5, 1.1, 0.45, 2.5, 1000, 0.01, 50_000L, 3.0, 3.0,
                    14, 8, 2, 0.25, 120_000L);
            store.appendEpoch(id, resized);
            store.appendEpoch(id, Samples.epoch(2));
            assertEquals(List.of(resized, Samples.epoch(2)), store.load(id).orElseThrow().epochs());
        }
    }
}
