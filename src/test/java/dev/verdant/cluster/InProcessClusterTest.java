package dev.verdant.cluster;

import dev.verdant.result.RunResult;
import dev.verdant.result.RunStatus;
import dev.verdant.run.RunEvent;
import dev.verdant.run.RunListener;
import dev.verdant.spec.ExperimentSpec;
import dev.verdant.spec.SpecCodec;
import dev.verdant.store.RunStore;
import dev.verdant.sweep.TrialAttempt;
import dev.verdant.sweep.TrialRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A coordinator and a worker in this JVM (the worker is still a real Hazelcast client over TCP on 127.0.0.1): a
 * trial's events reach the sweep's listener and the store as they happen, the result is stored once with the
 * worker's name, and the trained model arrives in the coordinator's model folder.
 */
class InProcessClusterTest {

    @TempDir
    Path dir;

    @Test
    void aTrialRunsOnAWorkerAndIsStoredOnceWithItsNameAndModel() throws Exception {
        ClusterKey key = ClusterKey.random();
        int port = ClusterTestSupport.freePort();
        try (RunStore store = RunStore.open(dir.resolve("verdant.db"));
             ClusterTrialExecutor coordinator = ClusterTrialExecutor.start(
                     ClusterTrialExecutor.Settings.defaults().withPort(port), key, store);
             Worker worker = Worker.join(new Worker.Settings("w1", "127.0.0.1", port, null, null, null, 500), key)) {
            Thread loop = new Thread(worker::runUntilClosed, "test-worker");
            loop.setDaemon(true);
            loop.start();
            List<String> heard = new CopyOnWriteArrayList<>();
            RunListener listener = new RunListener() {
                @Override
                public void onStarted(RunEvent.Started e) {
                    heard.add("started " + e.runId().value());
                }

                @Override
                public void onEpoch(RunEvent.EpochEnded e) {
                    // the store heard the epoch first: it is committed before any other listener sees it
                    heard.add("epoch " + e.epoch().epoch() + " stored "
                            + store.load(e.runId().value()).orElseThrow().epochs().size());
                }

                @Override
                public void onFinished(RunEvent.Finished e) {
                    heard.add("finished " + e.result().status().label());
                }
            };
            ExperimentSpec spec = SpecCodec.parse("name: tiny\ntraining: { epochs: 2 }\ndevice: cpu\n"
                    + "dataset: { name: digits, limit: 200 }\n");
            TrialRun run = coordinator.start(new TrialAttempt("s1/t1", 1, spec), listener);
            RunResult r = run.result().get(90, TimeUnit.SECONDS);

            assertEquals(RunStatus.COMPLETED, r.status(), r.message());
            assertNotNull(r.id());
            assertEquals(List.of("started " + r.id(), "epoch 1 stored 1", "epoch 2 stored 2", "finished completed"),
                    heard);
            RunResult stored = store.load(r.id()).orElseThrow();
            assertTrue(stored.provenance().worker().startsWith("w1 ("), stored.provenance().worker());
            assertEquals(2, stored.epochs().size());
            assertEquals(1, store.list(dev.verdant.store.RunFilter.all()).size());
            assertTrue(Files.exists(store.modelDir(r.id()).resolve("model-0000.params")),
                    "the trained parameters came back to the coordinator's model folder");
            assertEquals("w1", run.worker());
            assertEquals(1, coordinator.stats().committed());
            assertEquals(List.of(), coordinator.rejections());
            assertEquals(List.of("w1"), coordinator.workers().stream().map(ClusterTrialExecutor.WorkerView::name).toList());
        }
    }
}
