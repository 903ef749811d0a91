package dev.verdant.sweep;

import dev.verdant.store.RunStore;
import dev.verdant.store.StoredSweep;
import dev.verdant.store.SweepStatus;
import dev.verdant.store.TrialRecord;
import dev.verdant.store.TrialStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A real {@code verdant sweep} in a child JVM, killed with SIGKILL after two trials: the store marks the sweep
 * interrupted, and resuming it runs only what had not finished, so each trial has exactly one result.
 */
class KilledSweepTest {

    @TempDir
    Path dir;

    @Test
    void aKilledSweepResumesAndRunsEachTrialOnce() throws Exception {
        Path file = dir.resolve("sweep.yaml");
        Files.writeString(file, "sweep:\n  name: killed\n  base: " + GridSweepTest.BASE + "\n  parameters:\n"
                + "    training.learningRate: { values: [0.001, 0.003, 0.01, 0.03, 0.1] }\n");
        Path db = dir.resolve("verdant.db");
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "-Dai.djl.pytorch.num_threads=1",
                "-Dai.djl.offline=true", "dev.verdant.Main", "sweep", file.toString(), "--db", db.toString()));
        Process child = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve("child.log").toFile()).start();
        Map<String, Long> committedBeforeKill = new HashMap<>();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (System.nanoTime() < deadline && child.isAlive()) {
                committedBeforeKill = committed(db);
                if (committedBeforeKill.size() >= 2) {
                    break;
                }
                Thread.sleep(50);
            }
        } finally {
            child.destroyForcibly();
            child.waitFor(30, TimeUnit.SECONDS);
        }
        assertTrue(committedBeforeKill.size() >= 2 && committedBeforeKill.size() < 5,
                "the child committed some trials before the kill: " + committedBeforeKill + "; log: "
                        + Files.readString(dir.resolve("child.log")));

        try (RunStore store = RunStore.open(db); LocalTrialExecutor executor = new LocalTrialExecutor(1, store)) {
            StoredSweep killed = store.sweeps().sweeps().get(0);
            assertEquals(SweepStatus.INTERRUPTED, killed.status(), "the dead process's sweep is interrupted");
            assertTrue(store.sweeps().trials(killed.id()).stream().noneMatch(t -> t.status().isOpen()),
                    "no attempt of a dead process stays open");

            SweepResult resumed = new SweepRunner(store, executor, null).resume(killed.id());
            assertEquals(SweepStatus.COMPLETED, resumed.status());
            List<TrialRecord> trials = store.sweeps().trials(killed.id());
            ResumedSweepAssertions.eachConfigurationRanOnce(trials, 5, committedBeforeKill);
            long runsMade = trials.stream().filter(t -> t.runId() != null).count();
            assertEquals(runsMade, store.list(dev.verdant.store.RunFilter.all()).size(),
                    "every run in the store belongs to one attempt");
            assertEquals(5 + trials.stream().filter(t -> t.status() == TrialStatus.INTERRUPTED).count(),
                    trials.size(), "attempts are the results plus the interrupted ones, nothing else");
        }
    }

    /** Trial id -> run id of the attempts the child has committed so far (read while it writes). */
    private static Map<String, Long> committed(Path db) {
        if (!Files.exists(db)) {
            return Map.of();
        }
        try (RunStore store = dev.verdant.store.SqliteRunStore.openReadOnly(db)) {
            List<dev.verdant.store.StoredSweep> sweeps = store.sweeps().sweeps();
            if (sweeps.isEmpty()) {
                return Map.of();
            }
            Map<String, Long> out = new HashMap<>();
            for (TrialRecord t : store.sweeps().trials(sweeps.get(0).id())) {
                if (t.status().hasResult()) {
                    out.put(t.trialId(), t.runId());
                }
            }
            return out;
        } catch (RuntimeException e) {
            return Map.of(); // the child may be creating the file right now
        }
    }
}
