package dev.verdant.cluster;

import dev.verdant.result.RunResult;
import dev.verdant.result.RunStatus;
import dev.verdant.run.RunEvent;
import dev.verdant.run.RunListener;
import dev.verdant.spec.ExperimentSpec;
import dev.verdant.spec.SpecCodec;
import dev.verdant.spec.SweepCodec;
import dev.verdant.store.SweepStatus;
import dev.verdant.store.TrialRecord;
import dev.verdant.store.TrialStatus;
import dev.verdant.sweep.SweepResult;
import dev.verdant.sweep.SweepRunner;
import dev.verdant.store.RunFilter;
import dev.verdant.store.RunStore;
import dev.verdant.store.RunSummary;
import dev.verdant.sweep.TrialAttempt;
import dev.verdant.sweep.TrialRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A coordinator in this JVM and two {@code verdant worker} child JVMs on 127.0.0.1. */
class TwoWorkerClusterTest {

    @TempDir
    Path dir;

    /** A 3 x 2 grid over the tiny built-in digits, one epoch per trial. */
    static final String SIX_TRIALS = "sweep:\n  name: six\n  base: { name: tiny, dataset: { name: digits, limit: 300 }, "
            + "model: { hidden: [16] }, training: { epochs: 1, batchSize: 50 }, device: cpu }\n  parameters:\n"
            + "    training.learningRate: { values: [0.001, 0.01, 0.1] }\n"
            + "    model.hidden: { values: [[8], [16]] }\n";

    @Test
    void aSixTrialSweepRunsOnTwoWorkersAndEachTrialIsStoredOnceWithItsWorker() throws Exception {
        Path keyFile = dir.resolve("cluster.key");
        ClusterKey key = ClusterKey.create(keyFile);
        int port = ClusterTestSupport.freePort();
        List<Process> children = new ArrayList<>();
        try (RunStore store = RunStore.open(dir.resolve("verdant.db"));
             ClusterTrialExecutor coordinator = ClusterTrialExecutor.start(
                     ClusterTrialExecutor.Settings.defaults().withPort(port), key, store)) {
            children.add(ClusterTestSupport.startWorker("w1", port, keyFile, dir.resolve("w1.log")));
            children.add(ClusterTestSupport.startWorker("w2", port, keyFile, dir.resolve("w2.log")));
            assertTrue(ClusterTestSupport.waitFor(() -> coordinator.workers().size() == 2, 60),
                    "both workers joined; w1 log: " + log("w1.log"));
            assertEquals(2, coordinator.parallelism());

            SweepResult result = new SweepRunner(store, coordinator, null).run(SweepCodec.parse(SIX_TRIALS, null));
            assertEquals(SweepStatus.COMPLETED, result.status());

            List<TrialRecord> trials = store.sweeps().trials(result.sweepId());
            assertEquals(6, trials.size(), trials.toString());
            Set<Long> runIds = new HashSet<>();
            for (TrialRecord t : trials) {
                assertEquals(TrialStatus.COMPLETED, t.status(), t.toString());
                assertEquals(1, t.attempt());
                assertTrue(t.worker().equals("w1") || t.worker().equals("w2"), t.worker());
                RunResult r = store.load(t.runId()).orElseThrow();
                assertEquals(RunStatus.COMPLETED, r.status());
                assertTrue(r.provenance().worker().startsWith(t.worker() + " ("), r.provenance().worker());
                assertEquals(1, r.epochs().size());
                assertTrue(r.finalMetrics().energyMethod() != null, "the worker's energy method goes with the result");
                assertEquals(t.accuracy(), r.finalMetrics().deliveredAccuracy());
                runIds.add(t.runId());
            }
            assertEquals(6, runIds.size());
            assertEquals(6, store.list(RunFilter.all()).size(), "each trial stored once, nothing else");
            assertEquals(6, coordinator.stats().committed());
            assertEquals(0, coordinator.stats().duplicates());
            assertEquals(List.of(), coordinator.rejections());
        } finally {
            ClusterTestSupport.kill(children);
        }
    }

    @Test
    void aKilledWorkersTrialCompletesOnTheOtherAndIsStoredOnceBesideTheInterruptedAttempt() throws Exception {
        Path keyFile = dir.resolve("cluster.key");
        ClusterKey key = ClusterKey.create(keyFile);
        int port = ClusterTestSupport.freePort();
        List<Process> children = new ArrayList<>();
        try (RunStore store = RunStore.open(dir.resolve("verdant.db"));
             ClusterTrialExecutor coordinator = ClusterTrialExecutor.start(
                     ClusterTrialExecutor.Settings.defaults().withPort(port).withLeaseMillis(4000), key, store)) {
            Process w1 = ClusterTestSupport.startWorker("w1", port, keyFile, dir.resolve("w1.log"));
            Process w2 = ClusterTestSupport.startWorker("w2", port, keyFile, dir.resolve("w2.log"));
            children.add(w1);
            children.add(w2);
            assertTrue(ClusterTestSupport.waitFor(() -> coordinator.workers().size() == 2, 60),
                    "both workers joined; w1 log: " + log("w1.log"));

            AtomicReference<String> firstEpochWorker = new AtomicReference<>();
            ExperimentSpec spec = SpecCodec.parse("name: long\ntraining: { epochs: 15 }\ndevice: cpu\n"
                    + "dataset: { name: digits }\n");
            TrialRun[] holder = new TrialRun[1];
            Object lock = new Object();
            RunListener listener = new RunListener() {
                @Override
                public void onEpoch(RunEvent.EpochEnded e) {
                    synchronized (lock) {
                        if (firstEpochWorker.get() == null && holder[0] != null) {
                            firstEpochWorker.set(holder[0].worker());
                        }
                    }
                }
            };
            synchronized (lock) {
                holder[0] = coordinator.start(new TrialAttempt("s1/t1", 1, spec), listener);
            }
            TrialRun run = holder[0];
            assertTrue(ClusterTestSupport.waitFor(() -> firstEpochWorker.get() != null, 90),
                    "an epoch arrived; w1 log: " + log("w1.log"));
            String victim = firstEpochWorker.get();
            (victim.equals("w1") ? w1 : w2).destroyForcibly(); // SIGKILL: no goodbye, no result
            String survivor = victim.equals("w1") ? "w2" : "w1";

            RunResult r = run.result().get(120, TimeUnit.SECONDS);
            assertEquals(RunStatus.COMPLETED, r.status(), r.message());
            assertEquals(survivor, run.worker());
            assertEquals(2, run.attempt().attempt());
            assertTrue(r.provenance().worker().startsWith(survivor + " ("), r.provenance().worker());

            List<RunSummary> stored = store.list(RunFilter.all());
            assertEquals(2, stored.size(), "the killed attempt and the completed one");
            long completed = stored.stream().filter(s -> s.status() == RunStatus.COMPLETED).count();
            assertEquals(1, completed, "the trial is stored as completed exactly once");
            RunSummary killed = stored.stream().filter(s -> s.status() != RunStatus.COMPLETED).findFirst().orElseThrow();
            assertEquals(RunStatus.INTERRUPTED, killed.status());
            RunResult killedRun = store.load(killed.id()).orElseThrow();
            assertTrue(killedRun.provenance().worker().startsWith(victim + " ("), killedRun.provenance().worker());
            assertTrue(killedRun.message().contains("attempt 2"), killedRun.message());
            assertTrue(killedRun.epochs().size() >= 1, "the epochs that arrived before the kill are kept");
            assertEquals(1, coordinator.stats().retried());
        } finally {
            ClusterTestSupport.kill(children);
        }
    }

    private String log(String name) {
        try {
            return Files.readString(dir.resolve(name));
        } catch (java.io.IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }
}
