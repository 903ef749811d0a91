package dev.verdant.cluster;

import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import dev.verdant.spec.ExperimentSpec;
import dev.verdant.spec.SpecCodec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** File datasets travel by content hash: a worker's own copy when the hash matches, else checked chunks. */
class DataShippingTest {

    @TempDir
    Path dir;

    @Test
    void aWorkerUsesItsOwnCopyByHashOrFetchesCheckedChunks() throws Exception {
        HazelcastInstance hz = Hazelcast.newHazelcastInstance(ClosedDoor.member("127.0.0.1",
                ClusterTestSupport.freePort()));
        try {
            IMap<String, String> chunks = hz.getMap(ClosedDoor.DATA);
            Path set = Files.createDirectories(dir.resolve("coordinator/mnist"));
            byte[] images = new byte[DataShipping.CHUNK * 2 + 123]; // three chunks
            new Random(1).nextBytes(images);
            Files.write(set.resolve("train-images-idx3-ubyte"), images);
            Files.writeString(set.resolve("train-labels-idx1-ubyte"), "labels");
            ExperimentSpec spec = SpecCodec.parse("name: files\ndataset: { name: mnist, path: " + set + " }\n");

            DataRef ref = new DataShipping(chunks).offer(spec);
            assertEquals(2, ref.files().size());
            assertEquals(3, ref.files().stream().mapToInt(DataRef.DataFile::chunks).max().orElseThrow());
            assertNull(new DataShipping(chunks).offer(SpecCodec.parse("name: builtin\n")), "built-in data goes by name");

            // worker A has its own copy of the images (another name, same bytes) but not the labels
            Path mine = Files.createDirectories(dir.resolve("workerA/data"));
            Files.write(mine.resolve("my-images.bin"), images);
            ExperimentSpec atA = new DataShipping(chunks).resolve(spec, ref, mine, dir.resolve("workerA/cache"));
            Path local = Path.of(atA.dataset().path());
            assertTrue(local.startsWith(dir.resolve("workerA/cache")), local.toString());
            assertArrayEquals(images, Files.readAllBytes(local.resolve("train-images-idx3-ubyte")));
            assertEquals("labels", Files.readString(local.resolve("train-labels-idx1-ubyte")));

            // worker B has nothing: everything comes from the chunks; a corrupted chunk is caught by the hash
            String imagesSha = ref.files().stream().filter(f -> f.path().startsWith("train-images")).findFirst()
                    .orElseThrow().sha256();
            chunks.put(imagesSha + ":1", java.util.Base64.getEncoder().encodeToString(new byte[10]));
            ClusterException bad = assertThrows(ClusterException.class,
                    () -> new DataShipping(chunks).resolve(spec, ref, null, dir.resolve("workerB/cache")));
            assertTrue(bad.getMessage().contains("did not match its hash"), bad.getMessage());
        } finally {
            hz.shutdown();
        }
    }

    @Test
    void aWorkerThatCannotGetCheckedDataReportsTheTrialFailedWithTheReason() throws Exception {
        ClusterKey key = ClusterKey.random();
        int port = ClusterTestSupport.freePort();
        Path csv = dir.resolve("points.csv");
        Files.writeString(csv, "x,y,label\n0.1,0.2,0\n0.3,0.1,1\n");
        ExperimentSpec spec = SpecCodec.parse("name: csv\ndataset: { name: csv, path: " + csv + " }\n"
                + "training: { epochs: 1 }\ndevice: cpu\n");
        try (dev.verdant.store.RunStore store = dev.verdant.store.RunStore.open(dir.resolve("v.db"));
             ClusterTrialExecutor coordinator = ClusterTrialExecutor.start(
                     ClusterTrialExecutor.Settings.defaults().withPort(port), key, store)) {
            dev.verdant.sweep.TrialRun run = coordinator.start(new dev.verdant.sweep.TrialAttempt("s1/t1", 1, spec),
                    new dev.verdant.run.RunListener() { });
            HazelcastInstance raw = com.hazelcast.client.HazelcastClient.newHazelcastClient(
                    ClosedDoor.client("raw", "127.0.0.1", port));
            try {
                IMap<String, String> chunks = raw.getMap(ClosedDoor.DATA);
                String sha = ClusterTrialExecutor.sha256(csv);
                assertTrue(chunks.containsKey(sha + ":0"), "the coordinator offers the file by its hash");
                chunks.put(sha + ":0", java.util.Base64.getEncoder().encodeToString("x,y\n".getBytes()));
            } finally {
                raw.shutdown();
            }
            try (Worker w = Worker.join(new Worker.Settings("w1", "127.0.0.1", port, null, null, null, 500), key)) {
                Thread loop = new Thread(w::runUntilClosed, "worker");
                loop.setDaemon(true);
                loop.start();
                dev.verdant.result.RunResult r = run.result().get(60, java.util.concurrent.TimeUnit.SECONDS);
                assertEquals(dev.verdant.result.RunStatus.FAILED, r.status());
                assertTrue(r.message().contains("did not match its hash"), r.message());
                assertEquals(1, store.list(dev.verdant.store.RunFilter.all()).size(), "stored once, as failed");
            }
        }
    }
}
