package dev.verdant.sweep;

import dev.verdant.result.RunResult;
import dev.verdant.run.JobRunner;
import dev.verdant.run.RunHandle;
import dev.verdant.run.RunId;
import dev.verdant.run.RunListener;
import dev.verdant.store.RunStore;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/** Runs trial attempts in this JVM through a {@link JobRunner} whose runs are stored in the given store. */
public final class LocalTrialExecutor implements TrialExecutor {

    private final JobRunner runner;
    private final int parallelism;

    /** {@code parallelism} attempts at once (one on a 2-core machine, so runs do not distort each other's energy). */
    public LocalTrialExecutor(int parallelism, RunStore store) {
        this.parallelism = parallelism;
        this.runner = new JobRunner(parallelism, store);
    }

    @Override
    public TrialRun start(TrialAttempt attempt, RunListener listener) {
        RunHandle handle = runner.submit(attempt.spec(), listener);
        return new TrialRun() {
            @Override
            public TrialAttempt attempt() {
                return attempt;
            }

            @Override
            public Optional<RunId> runId() {
                return handle.id();
            }

            @Override
            public String worker() {
                return "local";
            }

            @Override
            public void cancel() {
                handle.cancel();
            }

            @Override
            public CompletableFuture<RunResult> result() {
                return handle.result();
            }
        };
    }

    /** Runs here use the sweep's own store, so a promoted trial can go on from its previous rung's model. */
    @Override
    public boolean continuesTrials() {
        return true;
    }

    @Override
    public int parallelism() {
        return parallelism;
    }

    @Override
    public void close() {
        runner.close();
    }
}
