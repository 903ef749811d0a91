package dev.verdant.cluster;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.hazelcast.client.HazelcastClient;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import com.hazelcast.topic.ITopic;
import dev.verdant.result.RunResult;
import dev.verdant.result.RunStatus;
import dev.verdant.run.RunListener;
import dev.verdant.spec.ExperimentSpec;
import dev.verdant.spec.SpecCodec;
import dev.verdant.store.RunFilter;
import dev.verdant.store.RunStore;
import dev.verdant.sweep.TrialAttempt;
import dev.verdant.sweep.TrialRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The closed door: a worker with another key runs nothing, forged and unsigned messages and entries are rejected and
 * logged, a correctly signed result of a stale attempt is a duplicate, and the key file is private.
 */
class ClosedDoorTest {

    @TempDir
    Path dir;

    @Test
    void keyFileIsCreatedPrivateAndNeverOverwritten() throws Exception {
        Path file = dir.resolve("k/cluster.key");
        ClusterKey key = ClusterKey.create(file);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertEquals(key.fingerprint(), ClusterKey.load(file).fingerprint());
        ClusterException again = assertThrows(ClusterException.class, () -> ClusterKey.create(file));
        assertTrue(again.getMessage().contains("left unchanged"), again.getMessage());
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        ClusterException open = assertThrows(ClusterException.class, () -> ClusterKey.load(file));
        assertTrue(open.getMessage().contains("chmod 600"), open.getMessage());
        assertTrue(key.verify("text", key.sign("text")));
        assertFalse(ClusterKey.random().verify("text", key.sign("text")));
        assertFalse(key.verify("text!", key.sign("text")));
    }

    @Test
    void wrongKeyWorkerRunsNothingAndForgedMessagesAreRejected() throws Exception {
        ClusterKey key = ClusterKey.random();
        ClusterKey stranger = ClusterKey.random();
        int port = ClusterTestSupport.freePort();
        try (RunStore store = RunStore.open(dir.resolve("verdant.db"));
             ClusterTrialExecutor coordinator = ClusterTrialExecutor.start(
                     ClusterTrialExecutor.Settings.defaults().withPort(port), key, store)) {
            ExperimentSpec spec = SpecCodec.parse("name: guarded\ntraining: { epochs: 1 }\ndevice: cpu\n"
                    + "dataset: { name: digits, limit: 200 }\n");
            TrialRun run = coordinator.start(new TrialAttempt("s1/t1", 1, spec), new RunListener() { });

            // a worker with another key sees the trial, cannot verify it, and leaves it alone
            try (Worker wrong = Worker.join(new Worker.Settings("intruder", "127.0.0.1", port, null, null, null, 500),
                    stranger)) {
                Thread loop = new Thread(wrong::runUntilClosed, "wrong-key-worker");
                loop.setDaemon(true);
                loop.start();
                assertTrue(ClusterTestSupport.waitFor(() -> !wrong.rejections().isEmpty(), 30));
                assertTrue(wrong.rejections().get(0).contains("signed with another key"), wrong.rejections().get(0));
                Thread.sleep(1500);
                assertEquals(0, wrong.trialsRun());
                assertEquals("pending", coordinator.running().get(0).state());
            }
            assertTrue(store.list(RunFilter.all()).isEmpty(), "no trial accepted from the wrong-key worker");
            assertTrue(coordinator.workers().stream().noneMatch(w -> w.name().equals("intruder")),
                    "its self-description is not listed: it does not verify");

            HazelcastInstance raw = HazelcastClient.newHazelcastClient(ClosedDoor.client("raw", "127.0.0.1", port));
            try {
                ITopic<String> events = raw.getReliableTopic(ClosedDoor.EVENTS);
                IMap<String, String> trials = raw.getMap(ClosedDoor.TRIALS);
                int before = coordinator.rejections().size();
                // a forged result (another key), an unsigned one, and a tampered body under a valid signature
                events.publish(Wire.seal(stranger, "finished", "intruder", finished("s1/t1", 1, spec)));
                events.publish("{\"kind\":\"finished\",\"from\":\"intruder\",\"body\":\"{}\"}");
                String genuine = Wire.seal(key, "notice", "w1", Wire.body().put("trialId", "s1/t1"));
                events.publish(genuine.replace("s1/t1", "s1/t2"));
                assertTrue(ClusterTestSupport.waitFor(() -> coordinator.rejections().size() >= before + 3, 20),
                        coordinator.rejections().toString());
                // a correctly signed result of an attempt that is not running is a duplicate, not a run
                events.publish(Wire.seal(key, "finished", "w9", finished("s1/t1", 7, spec)));
                assertTrue(ClusterTestSupport.waitFor(() -> coordinator.stats().duplicates() == 1, 20));
                // an overwritten trial entry is restored from the coordinator's own copy
                String offered = trials.get("s1/t1");
                trials.put("s1/t1", TrialEntry.open(key, offered).leasedBy("intruder", "x").seal(stranger, "intruder"));
                assertTrue(ClusterTestSupport.waitFor(() -> offered.equals(trials.get("s1/t1")), 20),
                        "the coordinator restored the entry");
                assertTrue(coordinator.rejections().stream().anyMatch(s -> s.contains("restored")),
                        coordinator.rejections().toString());
            } finally {
                raw.shutdown();
            }
            assertTrue(store.list(RunFilter.all()).isEmpty(), "nothing forged was stored");

            // the genuine worker then runs the trial, once
            try (Worker good = Worker.join(new Worker.Settings("w1", "127.0.0.1", port, null, null, null, 500), key)) {
                Thread loop = new Thread(good::runUntilClosed, "good-worker");
                loop.setDaemon(true);
                loop.start();
                RunResult r = run.result().get(90, TimeUnit.SECONDS);
                assertEquals(RunStatus.COMPLETED, r.status(), r.message());
            }
            assertEquals(1, store.list(RunFilter.all()).size());
            assertEquals(1, run.attempt().attempt());
        }
    }

    private static ObjectNode finished(String trialId, int attempt, ExperimentSpec spec) {
        ObjectNode b = Wire.body();
        b.put("trialId", trialId);
        b.put("attempt", attempt);
        b.put("jobMillis", 1);
        String now = Instant.now().toString();
        Wire.put(b, "result", new RunResult(null, spec.name(), RunStatus.COMPLETED, null, spec, null, null, List.of(),
                List.of(), now, now, List.of()));
        return b;
    }
}
