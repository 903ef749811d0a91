package dev.verdant.store;

import dev.verdant.result.BatchRecord;
import dev.verdant.result.EpochRecord;
import dev.verdant.result.FinalMetrics;
import dev.verdant.result.PowerSample;
import dev.verdant.result.RunResult;
import dev.verdant.result.RunStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RunStoreTest {

    @TempDir
    Path dir;

    @Test
    void aRunIsWrittenAsItHappensAndLoadsWhole() {
        try (RunStore store = RunStore.open(dir.resolve("sub/verdant.db"))) {
            assertEquals(Schema.latestVersion(), store.schemaVersion());
            long id = store.createRun(Samples.spec("live"), Samples.provenance("Intel Xeon"));
            RunResult running = store.load(id).orElseThrow();
            assertEquals(RunStatus.RUNNING, running.status());
            assertNull(running.finalMetrics());
            assertTrue(running.startedAt() != null && running.endedAt() == null);

            store.appendEpoch(id, Samples.epoch(1));
            store.appendBatches(id, List.of(new BatchRecord(1, 0, 2.3, 0.1, 900, 0.1),
                    new BatchRecord(1, 1, 2.0, 0.2, 950, 0.2)));
            store.appendPower(id, List.of(new PowerSample(0.1, 20, "train", "estimated:cpu-tdp")));
            store.appendCompressionStep(id, 0, "{\"kind\":\"prune\",\"sparsity\":0.5}");
            assertEquals(List.of(Samples.epoch(1)), store.load(id).orElseThrow().epochs());

            RunResult done = Samples.result("live", 0.91, 123.0);
            store.finishRun(id, done);
            RunResult loaded = store.load(id).orElseThrow();
            assertEquals(id, loaded.id());
            assertEquals(loaded.spec(), store.spec(id).orElseThrow(), "the spec alone, as stored");
            assertTrue(store.spec(id + 1000).isEmpty());
            assertEquals(RunStatus.COMPLETED, loaded.status());
            assertEquals(done.finalMetrics(), loaded.finalMetrics());
            assertEquals(done.epochs(), loaded.epochs());
            assertEquals(1, loaded.power().size(), "power appended live is not duplicated by finishRun");
            assertEquals(done.endedAt(), loaded.endedAt());
            assertEquals(Samples.spec("live"), loaded.spec());
            assertEquals(2, store.batches(id).size());
            assertEquals(List.of("{\"kind\":\"prune\",\"sparsity\":0.5}"), store.compressionSteps(id));
        }
    }

    @Test
    void nanLossOfADivergedRunSurvives() {
        try (RunStore store = RunStore.open(dir.resolve("v.db"))) {
            RunResult r = Samples.result("nan", 0.1, null);
            EpochRecord diverged = new EpochRecord(1, Double.NaN, 0.1, Double.NaN, 0.1, 1, 1, 0.1, 5, null, null);
            FinalMetrics m = FinalMetrics.builder().accuracy(0.1).loss(Double.NaN).params(5).flopsPerSample(5)
                    .modelBytes(20).trainSeconds(1).samplesPerSecond(1).epochsCompleted(1)
                    .stopReason(dev.verdant.result.StopReason.DIVERGED).build();
            RunResult bad = new RunResult(null, "nan", RunStatus.DIVERGED, "loss became NaN", r.spec(),
                    r.provenance(), m, List.of(diverged), List.of(), "a", "b", List.of());
            long id = store.importRun(bad);
            assertEquals(bad.withId(id), store.load(id).orElseThrow());
        }
    }

    @Test
    void listFiltersByStatusTagAndNameGlob() {
        try (RunStore store = RunStore.open(dir.resolve("v.db"))) {
            long a = store.importRun(Samples.result("mlp-small", 0.9, 100.0));
            long b = store.importRun(Samples.result("mlp-large", 0.95, null));
            long c = store.createRun(Samples.spec("cnn"), Samples.provenance("x"));
            store.tag(a, "baseline");
            store.tag(a, "baseline");
            store.tag(a, "class-3");
            store.tag(c, "class-3");

            assertEquals(List.of(c, b, a), ids(store.list(RunFilter.all())));
            assertEquals(List.of(b, a), ids(store.list(RunFilter.all().withStatus(RunStatus.COMPLETED))));
            assertEquals(List.of(c, a), ids(store.list(RunFilter.all().withTag("class-3"))));
            assertEquals(List.of(b, a), ids(store.list(RunFilter.all().withNameGlob("mlp-*"))));
            assertEquals(List.of(c), ids(store.list(RunFilter.all().withLimit(1))));

            RunSummary sa = store.list(RunFilter.all().withTag("baseline")).get(0);
            assertEquals(List.of("baseline", "class-3"), sa.tags());
            assertEquals(0.9, sa.accuracy());
            assertEquals(100.0, sa.energyJoules());
            assertEquals("digits", sa.dataset());
            assertEquals("mlp", sa.arch());
            assertEquals(3, sa.epochsCompleted());
            RunSummary sc = store.list(RunFilter.all().withStatus(RunStatus.RUNNING)).get(0);
            assertNull(sc.accuracy());
            assertEquals(0, sc.epochsCompleted());

            store.untag(a, "baseline");
            assertEquals(List.of("class-3"), store.tags(a));
        }
    }

    @Test
    void notesKeepTheirOrder() {
        try (RunStore store = RunStore.open(dir.resolve("v.db"))) {
            long id = store.importRun(Samples.result("n", 0.9, null));
            store.note(id, "shown in class on Monday");
            store.note(id, "  try a lower learning rate  ");
            List<Note> notes = store.notes(id);
            assertEquals(List.of("shown in class on Monday", "try a lower learning rate"),
                    notes.stream().map(Note::text).toList());
            assertThrows(StoreException.class, () -> store.note(id, " "));
            assertThrows(StoreException.class, () -> store.note(999, "x"));
        }
    }

    @Test
    void deleteRemovesEverythingAndTheModelFolder() throws Exception {
        Path db = dir.resolve("v.db");
        try (RunStore store = RunStore.open(db)) {
            long keep = store.importRun(Samples.result("keep", 0.9, null));
            long gone = store.importRun(Samples.result("gone", 0.9, null));
            store.tag(gone, "t");
            store.note(gone, "n");
            store.appendBatches(gone, List.of(new BatchRecord(1, 0, 1, 1, 1, 1)));
            Path models = store.modelDir(gone);
            assertEquals(dir.resolve("models").resolve(Long.toString(gone)), models);
            assertEquals(models, store.modelPath(gone).orElseThrow());
            Files.createDirectories(models.resolve("step-0"));
            Files.writeString(models.resolve("step-0/model.params"), "weights");
            Path kept = store.modelDir(keep);

            store.delete(gone);
            assertTrue(store.load(gone).isEmpty());
            assertFalse(Files.exists(models));
            assertTrue(Files.isDirectory(kept));
            assertTrue(store.tags(gone).isEmpty() && store.notes(gone).isEmpty() && store.batches(gone).isEmpty());
            assertEquals(List.of(keep), ids(store.list(RunFilter.all())));
            assertThrows(StoreException.class, () -> store.delete(gone));
        }
    }

    @Test
    void batchesAreThinnedBeyondTheCap() {
        try (RunStore store = RunStore.open(dir.resolve("v.db"))) {
            long id = store.createRun(Samples.spec("many"), null);
            List<BatchRecord> batches = new ArrayList<>();
            for (int i = 0; i < RunStore.MAX_BATCHES_PER_RUN + 2; i++) {
                batches.add(new BatchRecord(1, i, 1, 1, 1, i));
            }
            store.appendBatches(id, batches);
            List<BatchRecord> kept = store.batches(id);
            assertEquals((RunStore.MAX_BATCHES_PER_RUN + 2) / 2, kept.size());
            assertEquals(0, kept.get(0).batch());
            assertEquals(2, kept.get(1).batch());
        }
    }

    @Test
    void aClosedStoreSaysSo() {
        RunStore store = RunStore.open(dir.resolve("v.db"));
        store.close();
        store.close();
        StoreException e = assertThrows(StoreException.class, () -> store.list(RunFilter.all()));
        assertTrue(e.getMessage().contains("closed"));
    }

    private static List<Long> ids(List<RunSummary> summaries) {
        return summaries.stream().map(RunSummary::id).toList();
    }
}
