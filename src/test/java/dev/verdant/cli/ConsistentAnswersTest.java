package dev.verdant.cli;

import dev.verdant.result.FinalMetrics;
import dev.verdant.result.Provenance;
import dev.verdant.result.ResultJson;
import dev.verdant.result.RunResult;
import dev.verdant.result.RunStatus;
import dev.verdant.spec.DatasetSpec;
import dev.verdant.spec.ExperimentSpec;
import dev.verdant.spec.TrainingSpec;
import dev.verdant.store.RunFilter;
import dev.verdant.store.RunStore;
import dev.verdant.store.StoreException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 19, points 5 and 6 through the real command tree: the same answer from {@code spec check} and {@code run},
 * imports that refuse what cannot be right, a failed re-run that says so in its exit code, one meaning per exit
 * code, no deleting a run under its trainer, and messages that name their cause.
 */
@Timeout(120)
class ConsistentAnswersTest {

    @TempDir
    Path dir;

    private record Outcome(int code, String out, String err) {
    }

    private static Outcome verdant(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        picocli.CommandLine cli = VerdantCommand.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int code = cli.execute(args);
        return new Outcome(code, out.toString(), err.toString());
    }

    @Test
    void specCheckRefusesAnUnknownRegionExactlyLikeRun() throws IOException {
        Path spec = Files.writeString(dir.resolve("zz.yaml"), "name: zz\nenergy: { region: ZZ }\n");
        Outcome check = verdant("spec", "check", spec.toString());
        Outcome run = verdant("run", spec.toString(), "--no-store", "--quiet");
        assertEquals(ExitCode.FAILED, check.code(), check.out());
        assertEquals(ExitCode.FAILED, run.code());
        assertTrue(check.err().contains("energy.region: 'ZZ' is not in Verdant's grid intensity table"), check.err());
        assertTrue(run.out().contains("energy.region: 'ZZ' is not in Verdant's grid intensity table")
                || run.err().contains("energy.region: 'ZZ' is not in Verdant's grid intensity table"), run.err());
    }

    @Test
    void duplicateKeyFailsSpecCheck() throws IOException {
        Path spec = Files.writeString(dir.resolve("dup.yaml"), "training: { epochs: 3 }\ntraining: { epochs: 9 }\n");
        Outcome check = verdant("spec", "check", spec.toString());
        assertEquals(ExitCode.FAILED, check.code());
        assertTrue(check.err().contains("'training' appears twice"), check.err());
    }

    @Test
    void usageErrorsExitSixtyFourNotTheDivergedCode() {
        assertEquals(ExitCode.USAGE, verdant("run").code());
        assertEquals(ExitCode.USAGE, verdant("runs", "list", "--no-such-option").code());
        assertEquals(ExitCode.USAGE, verdant("no-such-command").code());
        assertEquals(ExitCode.USAGE, verdant("runs", "show", "not-a-number").code());
    }

    @Test
    void importRefusesARunStillMarkedRunning() throws IOException {
        Path json = Files.writeString(dir.resolve("running.json"), ResultJson.write(result(RunStatus.RUNNING,
                ExperimentSpec.defaults().withName("was-running"))));
        Outcome o = verdant("runs", "import", json.toString(), "--db", db());
        assertEquals(ExitCode.FAILED, o.code(), o.out());
        assertTrue(o.err().contains("running.json: the run's status is 'running'"), o.err());
        assertStoreEmpty();
    }

    @Test
    void importRefusesASpecThatFailsValidation() throws IOException {
        ExperimentSpec bad = ExperimentSpec.defaults().withTraining(TrainingSpec.defaults().withEpochs(-5));
        String both = "[" + ResultJson.write(result(RunStatus.COMPLETED, ExperimentSpec.defaults())) + ","
                + ResultJson.write(result(RunStatus.COMPLETED, bad)) + "]";
        Path json = Files.writeString(dir.resolve("bad.json"), both);
        Outcome o = verdant("runs", "import", json.toString(), "--db", db());
        assertEquals(ExitCode.FAILED, o.code(), o.out());
        assertTrue(o.err().contains("bad.json, run 2 of 2: the run's spec is not valid (training.epochs"), o.err());
        assertStoreEmpty(); // all or nothing: the valid first run was not imported either
        try (RunStore store = RunStore.open(dir.resolve("v.db"))) {
            assertThrows(StoreException.class, () -> store.importRun(result(RunStatus.COMPLETED, bad)));
        }
    }

    @Test
    void rerunThatFailsExitsNonZero() {
        ExperimentSpec gone = ExperimentSpec.defaults().withName("gone")
                .withDataset(DatasetSpec.defaults().withName("csv").withPath(dir.resolve("deleted.csv").toString()));
        long id;
        try (RunStore store = RunStore.open(dir.resolve("v.db"))) {
            id = store.importRun(result(RunStatus.COMPLETED, gone));
        }
        Outcome o = verdant("runs", "rerun", Long.toString(id), "--db", db());
        assertEquals(ExitCode.FAILED, o.code(), o.out() + o.err());
        assertTrue(o.out().contains("[failed]"), o.out());
        assertTrue(o.err().contains("the re-run failed: csv: " + dir.resolve("deleted.csv")), o.err());
    }

    @Test
    void deletingARunThatIsTrainingIsRefused() {
        long id;
        try (RunStore store = RunStore.open(dir.resolve("v.db"))) {
            // a run this (live) process owns, as a trainer would: status running
            id = store.createRun(ExperimentSpec.defaults(), null);
            long running = id;
            StoreException e = assertThrows(StoreException.class, () -> store.delete(running));
            assertTrue(e.getMessage().contains("is training (process " + ProcessHandle.current().pid() + ")"),
                    e.getMessage());
        }
        Outcome o = verdant("runs", "delete", Long.toString(id), "--yes", "--db", db());
        assertEquals(ExitCode.FAILED, o.code());
        assertTrue(o.err().contains("run " + id + " is still training; cancel it first"), o.err());
        try (RunStore store = RunStore.open(dir.resolve("v.db"))) {
            assertTrue(store.load(id).isPresent(), "the run is still there");
        }
    }

    @Test
    void outIntoTheChildOfAFileIsRefusedBeforeTrainingWithTheReason() throws IOException {
        Path spec = Files.writeString(dir.resolve("s.yaml"), "name: s\ntraining: { epochs: 50 }\ndevice: cpu\n");
        Files.writeString(dir.resolve("afile"), "I am a file");
        long start = System.nanoTime();
        Outcome o = verdant("run", spec.toString(), "--out", dir.resolve("afile/result.json").toString(),
                "--no-store", "--quiet");
        assertEquals(ExitCode.FAILED, o.code());
        assertTrue(o.err().contains(dir.resolve("afile") + " is a file, not a folder"), o.err());
        assertTrue((System.nanoTime() - start) / 1e9 < 20, "refused before 50 epochs of training");
    }

    @Test
    void missingImportFileSaysItDoesNotExist() {
        Outcome o = verdant("runs", "import", dir.resolve("nope.json").toString(), "--db", db());
        assertEquals(ExitCode.FAILED, o.code());
        assertTrue(o.err().contains("nope.json does not exist"), o.err());
    }

    @Test
    void exportCreatesAMissingFolderAndNamesAFileInTheWay() throws IOException {
        long id;
        try (RunStore store = RunStore.open(dir.resolve("v.db"))) {
            id = store.importRun(result(RunStatus.COMPLETED, ExperimentSpec.defaults()));
        }
        Path into = dir.resolve("new/folder/runs.json");
        Outcome ok = verdant("runs", "export", Long.toString(id), "--format", "json", "--out", into.toString(),
                "--db", db());
        assertEquals(0, ok.code(), ok.err());
        assertTrue(Files.readString(into).contains("\"status\" : \"completed\""));
        Files.writeString(dir.resolve("plain"), "x");
        Outcome blocked = verdant("runs", "export", Long.toString(id), "--format", "csv", "--out",
                dir.resolve("plain/runs.csv").toString(), "--db", db());
        assertEquals(ExitCode.FAILED, blocked.code());
        assertTrue(blocked.err().contains(dir.resolve("plain") + " is a file, not a folder"), blocked.err());
    }

    @Test
    void readOnlyStoreFolderStillListsAndRunSaysWhy() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("ro"));
        Path file = folder.resolve("v.db");
        try (RunStore store = RunStore.open(file)) {
            store.importRun(result(RunStatus.COMPLETED, ExperimentSpec.defaults().withName("kept-run")));
        }
        try (ReadOnlyFolder ro = ReadOnlyFolder.make(folder)) {
            Outcome list = verdant("runs", "list", "--db", file.toString());
            assertEquals(0, list.code(), list.err());
            assertTrue(list.out().contains("kept-run"), list.out());
            assertTrue(list.err().contains("note: reading the store read-only"), list.err());

            Path spec = Files.writeString(dir.resolve("s.yaml"), "name: s\ndevice: cpu\n");
            Outcome run = verdant("run", spec.toString(), "--db", file.toString(), "--quiet");
            assertEquals(ExitCode.FAILED, run.code());
            assertTrue(run.err().contains("the folder " + folder + " cannot be written"), run.err());
            assertFalse(run.err().contains("SQLITE_CANTOPEN"), run.err());
        }
    }

    private String db() {
        return dir.resolve("v.db").toString();
    }

    private void assertStoreEmpty() {
        try (RunStore store = RunStore.open(dir.resolve("v.db"))) {
            assertEquals(List.of(), store.list(RunFilter.all()));
        }
    }

    static RunResult result(RunStatus status, ExperimentSpec spec) {
        FinalMetrics m = FinalMetrics.builder().accuracy(0.9).loss(0.2).params(1000).flopsPerSample(2000)
                .modelBytes(4000).trainSeconds(3.0).samplesPerSecond(500).epochsCompleted(2)
                .stopReason(dev.verdant.result.StopReason.EPOCHS).energy(10.0, 9.0, 1.0, 5.0, "estimated:cpu-tdp")
                .co2eGrams(0.001).build();
        return new RunResult(null, spec.name(), status, null, spec, (Provenance) null, m, List.of(), List.of(),
                "2025-06-01T10:00:00Z", status == RunStatus.RUNNING ? null : "2025-06-01T10:00:03Z", List.of());
    }

    /**
     * Makes a folder unwritable for this test: {@code chmod a-w} (enough for an ordinary user), and where that
     * does not stop us (root), the immutable attribute, which binds root too.
     */
    static final class ReadOnlyFolder implements AutoCloseable {
        private final Path folder;
        private boolean immutable;

        private ReadOnlyFolder(Path folder) {
            this.folder = folder;
        }

        static ReadOnlyFolder make(Path folder) throws IOException, InterruptedException {
            ReadOnlyFolder ro = new ReadOnlyFolder(folder);
            Files.setPosixFilePermissions(folder, java.nio.file.attribute.PosixFilePermissions.fromString("r-xr-xr-x"));
            if (writable(folder)) {
                ro.immutable = true;
                Process p = new ProcessBuilder("chattr", "+i", folder.toString()).redirectErrorStream(true).start();
                String output = new String(p.getInputStream().readAllBytes());
                assertEquals(0, p.waitFor(), "chattr +i: " + output);
            }
            assertFalse(writable(folder), "could not make " + folder + " read-only");
            return ro;
        }

        private static boolean writable(Path folder) {
            try {
                Files.delete(Files.createTempFile(folder, "probe", null));
                return true;
            } catch (IOException e) {
                return false;
            }
        }

        @Override
        public void close() throws IOException, InterruptedException {
            if (immutable) {
                new ProcessBuilder("chattr", "-i", folder.toString()).inheritIO().start().waitFor();
            }
            Files.setPosixFilePermissions(folder, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }
}
