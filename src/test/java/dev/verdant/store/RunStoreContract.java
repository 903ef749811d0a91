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
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What every {@link RunStore} does, run against each implementation (SQLite and in-memory), so code tested with
 * the in-memory store behaves the same on the real one.
 */
abstract class RunStoreContract {

    @TempDir
    Path dir;

    /** A new, empty store of the implementation under test, keeping its files (if any) under {@code dir}. */
    abstract RunStore newStore(Path dir);

    @Test
    void aRunThatIsTrainingCannotBeDeletedOrImportedAsRunning() {
        try (RunStore store = newStore(dir)) {
            long id = store.createRun(Samples.spec("live"), null); // owned by this live process
            assertTrue(store.isTraining(id));
            StoreException e = assertThrows(StoreException.class, () -> store.delete(id));
            assertTrue(e.getMessage().contains("run " + id + " is training"), e.getMessage());
            assertTrue(store.load(id).isPresent());
            store.finishRun(id, Samples.result("live", 0.9, null));
            assertFalse(store.isTraining(id));
            store.delete(id);
            assertTrue(store.load(id).isEmpty());

            RunResult running = Samples.result("exported-while-running", 0.9, null);
            RunResult asRunning = new RunResult(null, running.name(), RunStatus.RUNNING, null, running.spec(),
                    running.provenance(), running.finalMetrics(), running.epochs(), running.power(),
                    running.startedAt(), null, running.compression());
            StoreException imported = assertThrows(StoreException.class, () -> store.importRun(asRunning));
            assertTrue(imported.getMessage().contains("status is 'running'"), imported.getMessage());
            assertEquals(List.of(), store.list(RunFilter.all()));
        }
    }

    @Test
    void aRunIsWrittenAsItHappensAndLoadsWhole() {
        try (RunStore store = newStore(dir)) {
            long id = store.createRun(Samples.spec("live"), Samples.provenance("Intel Xeon"));
            RunResult running = store.load(id).orElseThrow();
            assertEquals(RunStatus.RUNNING, running.status());
            assertNull(running.finalMetrics());
            assertTrue(running.startedAt() != null && running.endedAt() == null);
            assertEquals(Samples.provenance("Intel Xeon"), running.provenance());

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
            assertTrue(store.load(id + 1000).isEmpty());
            assertEquals(RunStatus.COMPLETED, loaded.status());
            assertEquals(done.finalMetrics(), loaded.finalMetrics());
            assertEquals(done.epochs(), loaded.epochs());
            assertEquals(1, loaded.power().size(), "power appended live is not duplicated by finishRun");
            assertEquals(done.startedAt(), loaded.startedAt());
            assertEquals(done.endedAt(), loaded.endedAt());
            assertEquals(Samples.spec("live"), loaded.spec());
            assertEquals(2, store.batches(id).size());
            assertEquals(List.of("{\"kind\":\"prune\",\"sparsity\":0.5}"), store.compressionSteps(id));
            assertEquals(1, loaded.compression().size(), "the step JSON loads as a report");
        }
    }

    @Test
    void finishingKeepsWhatTheResultLeavesOutAndStoresItsPowerWhenNoneCameLive() {
        try (RunStore store = newStore(dir)) {
            long id = store.createRun(Samples.spec("quiet"), Samples.provenance("AMD EPYC"));
            String started = store.load(id).orElseThrow().startedAt();
            store.appendEpoch(id, Samples.epoch(1));
            RunResult r = Samples.result("quiet", 0.8, 50.0);
            EpochRecord withEnergy = new EpochRecord(1, 1.0, 0.6, 1.1, 0.55, 2.5, 1001.0, 0.01, 200_000L, 99.0, 99.0);
            store.finishRun(id, new RunResult(null, "quiet", RunStatus.CANCELLED, "stopped by the user", r.spec(),
                    null, r.finalMetrics(), List.of(withEnergy), r.power(), null, null, List.of()));
            RunResult loaded = store.load(id).orElseThrow();
            assertEquals(RunStatus.CANCELLED, loaded.status());
            assertEquals("stopped by the user", loaded.message());
            assertEquals(Samples.provenance("AMD EPYC"), loaded.provenance(), "null provenance keeps the stored one");
            assertEquals(started, loaded.startedAt(), "null start keeps the stored one");
            assertTrue(loaded.endedAt() != null, "a null end is now");
            assertEquals(List.of(withEnergy), loaded.epochs(), "the result's epoch replaces the live one");
            assertEquals(r.power(), loaded.power(), "no power came live, so the result's is stored");
        }
    }

    @Test
    void importedRunsGetNewIdsThatAreNeverReused() {
        try (RunStore store = newStore(dir)) {
            RunResult r = Samples.result("imported", 0.9, 10.0).withId(77L);
            long a = store.importRun(r);
            long b = store.importRun(r);
            assertNotEquals(a, b);
            assertEquals(r.withId(a), store.load(a).orElseThrow());
            store.delete(b);
            long c = store.importRun(new RunResult(null, null, null, null, r.spec(), null, null, List.of(),
                    List.of(), null, null, List.of()));
            assertTrue(c > b, "ids are never reused");
            RunResult defaults = store.load(c).orElseThrow();
            assertEquals("imported", defaults.name(), "a missing name is the spec's");
            assertEquals(RunStatus.COMPLETED, defaults.status());
            assertThrows(StoreException.class, () -> store.importRun(new RunResult(null, "no spec",
                    RunStatus.COMPLETED, null, null, null, null, List.of(), List.of(), null, null, List.of())));
        }
    }

    @Test
    void nanLossOfADivergedRunSurvives() {
        try (RunStore store = newStore(dir)) {
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
        try (RunStore store = newStore(dir)) {
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
            assertEquals(List.of(a), ids(store.list(RunFilter.all().withNameGlob("mlp-?mall"))));
            assertEquals(List.of(b), ids(store.list(RunFilter.all().withNameGlob("mlp-[l-m]*"))));
            assertEquals(List.of(c), ids(store.list(RunFilter.all().withNameGlob("[^m]*"))));
            assertTrue(store.list(RunFilter.all().withNameGlob("MLP-*")).isEmpty(), "GLOB is case-sensitive");

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
            store.appendEpoch(c, Samples.epoch(1));
            assertEquals(1, store.list(RunFilter.all().withStatus(RunStatus.RUNNING)).get(0).epochsCompleted(),
                    "a running run counts its stored epochs");

            store.untag(a, "baseline");
            store.untag(a, "never-there");
            assertEquals(List.of("class-3"), store.tags(a));
        }
    }

    @Test
    void notesKeepTheirOrder() {
        try (RunStore store = newStore(dir)) {
            long id = store.importRun(Samples.result("n", 0.9, null));
            long first = store.note(id, "shown in class on Monday");
            long second = store.note(id, "  try a lower learning rate  ");
            assertTrue(second > first);
            List<Note> notes = store.notes(id);
            assertEquals(List.of("shown in class on Monday", "try a lower learning rate"),
                    notes.stream().map(Note::text).toList());
            assertEquals(List.of(first, second), notes.stream().map(Note::id).toList());
            assertEquals(id, notes.get(0).runId());
            assertThrows(StoreException.class, () -> store.note(id, " "));
            assertThrows(StoreException.class, () -> store.tag(id, ""));
            assertThrows(StoreException.class, () -> store.note(999, "x"));
        }
    }

    @Test
    void writesToAnUnknownRunFailWithTheRunId() {
        try (RunStore store = newStore(dir)) {
            for (Runnable write : List.<Runnable>of(() -> store.appendEpoch(42, Samples.epoch(1)),
                    () -> store.appendBatches(42, List.of(new BatchRecord(1, 0, 1, 1, 1, 1))),
                    () -> store.appendPower(42, List.of(new PowerSample(0.1, 1, "train", "m"))),
                    () -> store.appendCompressionStep(42, 0, "{}"),
                    () -> store.finishRun(42, Samples.result("x", 0.5, null)),
                    () -> store.tag(42, "t"), () -> store.modelDir(42), () -> store.delete(42))) {
                StoreException e = assertThrows(StoreException.class, write::run);
                assertTrue(e.getMessage().contains("no run with id 42"), e.getMessage());
            }
            assertTrue(store.tags(42).isEmpty() && store.notes(42).isEmpty() && store.batches(42).isEmpty()
                    && store.compressionSteps(42).isEmpty() && store.modelPath(42).isEmpty());
        }
    }

    @Test
    void deleteRemovesEverythingAndTheModelFolder() throws Exception {
        try (RunStore store = newStore(dir)) {
            long keep = store.importRun(Samples.result("keep", 0.9, null));
            long gone = store.importRun(Samples.result("gone", 0.9, null));
            store.tag(gone, "t");
            store.note(gone, "n");
            store.appendBatches(gone, List.of(new BatchRecord(1, 0, 1, 1, 1, 1)));
            assertTrue(store.modelPath(gone).isEmpty(), "no folder handed out yet");
            Path models = store.modelDir(gone);
            assertTrue(Files.isDirectory(models));
            assertEquals(models, store.modelDir(gone), "the same folder every time");
            assertEquals(models, store.modelPath(gone).orElseThrow());
            Files.createDirectories(models.resolve("step-0"));
            Files.writeString(models.resolve("step-0/model.params"), "weights");
            Path kept = store.modelDir(keep);
            assertNotEquals(models, kept);

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
        try (RunStore store = newStore(dir)) {
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
            store.appendBatches(id, List.of(new BatchRecord(1, 2, 9, 9, 9, 9)));
            assertEquals(9, store.batches(id).get(1).loss(), "a batch with the same (epoch, batch) replaces");
        }
    }

    @Test
    void powerSamplesKeepTheirOrderAndAreThinnedBeyondTheCap() {
        try (RunStore store = newStore(dir)) {
            long id = store.createRun(Samples.spec("power"), null);
            List<PowerSample> samples = new ArrayList<>();
            for (int i = 0; i < RunStore.MAX_POWER_SAMPLES_PER_RUN; i++) {
                samples.add(new PowerSample(i, 20 + i % 7, "train", "estimated:cpu-tdp"));
            }
            store.appendPower(id, samples);
            assertEquals(samples, store.load(id).orElseThrow().power());
            store.appendPower(id, List.of(new PowerSample(-1, 5, "eval", "estimated:cpu-tdp")));
            List<PowerSample> kept = store.load(id).orElseThrow().power();
            assertEquals((RunStore.MAX_POWER_SAMPLES_PER_RUN + 1 + 1) / 2, kept.size());
            assertEquals(List.of(0.0, 2.0, 4.0), kept.subList(0, 3).stream().map(PowerSample::seconds).toList(),
                    "thinned in order of arrival, not by time");
            assertEquals(-1.0, kept.get(kept.size() - 1).seconds());
        }
    }

    @Test
    void ownRunsStayRunningWhenRecovering() {
        try (RunStore store = newStore(dir)) {
            long id = store.createRun(Samples.spec("alive"), null);
            assertEquals(List.of(), store.recoverInterrupted());
            assertEquals(RunStatus.RUNNING, store.load(id).orElseThrow().status());
        }
    }

    @Test
    void aClosedStoreSaysSo() {
        RunStore store = newStore(dir);
        store.close();
        store.close();
        StoreException e = assertThrows(StoreException.class, () -> store.list(RunFilter.all()));
        assertTrue(e.getMessage().contains("closed"));
        assertThrows(StoreException.class, () -> store.createRun(Samples.spec("late"), null));
    }

    static List<Long> ids(List<RunSummary> summaries) {
        return summaries.stream().map(RunSummary::id).toList();
    }
}
