package dev.verdant.run;

import dev.verdant.result.RunResult;
import dev.verdant.result.RunStatus;
import dev.verdant.spec.ExperimentSpec;
import dev.verdant.spec.SpecCodec;
import dev.verdant.store.InMemoryRunStore;
import dev.verdant.store.RunStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Regression: pruning masks are applied in place to parameters; on a fresh runner thread, where libtorch's
 * grad mode is on, that failed with "a leaf Variable that requires grad is being used in an in-place operation".
 */
class CompressionAfterStoredRunTest {

    @TempDir
    Path dir;

    @Test
    void pruneRunsOnAFreshRunnerThreadAfterAStoredRun() throws Exception {
        ExperimentSpec plain = SpecCodec.parse("name: plain\ndataset: { limit: 300 }\ntraining: { epochs: 1 }\ndevice: cpu\n");
        ExperimentSpec prune = SpecCodec.parse("name: prune\ndataset: { limit: 300 }\ntraining: { epochs: 1 }\ndevice: cpu\n"
                + "compression:\n  - { type: prune, sparsity: 0.5 }\n");
        try (RunStore store = new InMemoryRunStore(); JobRunner stored = new JobRunner(1, store)) {
            assertEquals(RunStatus.COMPLETED, stored.submit(plain).result().get(60, TimeUnit.SECONDS).status());
        }
        try (JobRunner unstored = new JobRunner(1, null)) {
            RunResult r = unstored.submit(prune).result().get(60, TimeUnit.SECONDS);
            assertEquals(RunStatus.COMPLETED, r.status(), r.message());
            assertEquals(2, r.compression().size());
        }
    }
}
