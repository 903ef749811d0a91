package dev.verdant.cluster;

import dev.verdant.store.RunFilter;
import dev.verdant.store.RunStore;
import dev.verdant.store.StoredSweep;
import dev.verdant.store.SweepStatus;
import dev.verdant.store.TrialRecord;
import dev.verdant.sweep.SweepResult;
import dev.verdant.sweep.SweepRunner;
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
 * {@code verdant sweep FILE --cluster} in a child JVM with one worker JVM, the coordinator killed with SIGKILL after
 * two trials; a new coordinator on the same port resumes the sweep from SQLite, the same worker reconnects by
 * itself, and no trial that finished before the kill runs again.
 */
class CoordinatorRestartTest {

    @TempDir
    Path dir;

    @Test
    void aKilledCoordinatorResumesTheSweepWithoutRerunningFinishedTrials() throws Exception {
        Path file = dir.resolve("sweep.yaml");
        Files.writeString(file, TwoWorkerClusterTest.SIX_TRIALS);
        Path keyFile = dir.resolve("cluster.key");
        ClusterKey key = ClusterKey.create(keyFile);
        Path db = dir.resolve("verdant.db");
        int port = ClusterTestSupport.freePort();
        List<Process> children = new ArrayList<>();
        Process coordinator = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "-Dai.djl.offline=true", "dev.verdant.Main", "sweep",
                file.toString(), "--db", db.toString(), "--cluster", "--port", Integer.toString(port), "--key",
                keyFile.toString(), "--workers", "1").redirectErrorStream(true)
                .redirectOutput(dir.resolve("coordinator.log").toFile()).start();
        children.add(coordinator);
        Map<String, Long> before = Map.of();
        try {
            children.add(ClusterTestSupport.startWorker("w1", port, keyFile, dir.resolve("w1.log")));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(150);
            while (System.nanoTime() < deadline && coordinator.isAlive()) {
                before = committed(db);
                if (before.size() >= 2) {
                    break;
                }
                Thread.sleep(50);
            }
            coordinator.destroyForcibly();
            coordinator.waitFor(30, TimeUnit.SECONDS);
            assertTrue(before.size() >= 2 && before.size() < 6, "two to five trials committed before the kill: "
                    + before + "; coordinator log: " + Files.readString(dir.resolve("coordinator.log")));

            try (RunStore store = RunStore.open(db);
                 ClusterTrialExecutor again = ClusterTrialExecutor.start(
                         ClusterTrialExecutor.Settings.defaults().withPort(port), key, store)) {
                StoredSweep killed = store.sweeps().sweeps().get(0);
                assertEquals(SweepStatus.INTERRUPTED, killed.status());
                assertTrue(ClusterTestSupport.waitFor(() -> again.workers().size() == 1, 60),
                        "the worker reconnected by itself; its log: " + log("w1.log"));

                SweepResult resumed = new SweepRunner(store, again, null).resume(killed.id());
                assertEquals(SweepStatus.COMPLETED, resumed.status());
                List<TrialRecord> trials = store.sweeps().trials(killed.id());
                Map<String, List<TrialRecord>> results =
                        dev.verdant.sweep.ResumedSweepAssertions.eachConfigurationRanOnce(trials, 6, before);
                long completedRuns = store.list(RunFilter.all()).stream()
                        .filter(r -> r.status() == dev.verdant.result.RunStatus.COMPLETED).count();
                assertEquals(6, completedRuns, "six completed runs: none ran twice");
                assertTrue(results.values().stream().allMatch(l -> "w1".equals(l.get(0).worker())));
            }
        } finally {
            ClusterTestSupport.kill(children);
        }
    }

    /** Trial id -> run id of the attempts committed so far (read while the coordinator writes). */
    private static Map<String, Long> committed(Path db) {
        if (!Files.exists(db)) {
            return Map.of();
        }
        try (RunStore store = dev.verdant.store.SqliteRunStore.openReadOnly(db)) {
            List<StoredSweep> sweeps = store.sweeps().sweeps();
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
            return Map.of();
        }
    }

    private String log(String name) {
        try {
            return Files.readString(dir.resolve(name));
        } catch (java.io.IOException e) {
            return "(no log)";
        }
    }
}
