package dev.verdant.run;

import dev.verdant.result.RunResult;
import dev.verdant.result.RunStatus;
import dev.verdant.store.RunFilter;
import dev.verdant.store.RunStore;
import dev.verdant.store.RunSummary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A real {@code verdant run} in a child JVM, killed with SIGKILL mid-training: the store keeps what it had. */
class KilledRunTest {

    @TempDir
    Path dir;

    @Test
    void killedTrainingShowsInterruptedWithEveryCompletedEpoch() throws Exception {
        Path spec = dir.resolve("long.yaml");
        Files.writeString(spec, "name: killed\ntraining: { epochs: 500 }\ndevice: cpu\n");
        Path db = dir.resolve("verdant.db");
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "-Dai.djl.pytorch.num_threads=1",
                "dev.verdant.Main", "run", spec.toString(), "--db", db.toString(), "--quiet"));
        Process child = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve("child.log").toFile()).start();
        int epochsBeforeKill = 0;
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
            while (System.nanoTime() < deadline && child.isAlive()) {
                epochsBeforeKill = committedEpochs(db);
                if (epochsBeforeKill >= 3) {
                    break;
                }
                Thread.sleep(100);
            }
        } finally {
            child.destroyForcibly();
            child.waitFor(30, TimeUnit.SECONDS);
        }
        assertTrue(epochsBeforeKill >= 3, "the child committed epochs before the kill; log: "
                + Files.readString(dir.resolve("child.log")));

        try (RunStore store = RunStore.open(db)) {
            RunSummary run = store.list(RunFilter.all()).get(0);
            assertEquals(RunStatus.INTERRUPTED, run.status());
            RunResult loaded = store.load(run.id()).orElseThrow();
            assertTrue(loaded.epochs().size() >= epochsBeforeKill,
                    loaded.epochs().size() + " epochs kept, " + epochsBeforeKill + " seen before the kill");
            for (int i = 0; i < loaded.epochs().size(); i++) {
                assertEquals(i + 1, loaded.epochs().get(i).epoch());
            }
        }
    }

    /** Epochs the child has committed so far, read through a second connection while it writes. */
    private static int committedEpochs(Path db) {
        if (!Files.exists(db)) {
            return 0;
        }
        try (RunStore store = RunStore.open(db)) {
            List<RunSummary> runs = store.list(RunFilter.all());
            return runs.isEmpty() ? 0 : store.load(runs.get(0).id()).map(r -> r.epochs().size()).orElse(0);
        } catch (RuntimeException e) {
            return 0; // the child may be creating the file right now
        }
    }
}
