package dev.verdant.sweep;

import dev.verdant.result.RunResult;
import dev.verdant.run.RunId;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/** The sweep's hold on one running trial attempt, wherever it runs. */
public interface TrialRun {

    /** The attempt this is. */
    TrialAttempt attempt();

    /** The stored run's id, once the run has one. */
    Optional<RunId> runId();

    /** Where it runs: {@code "local"} or the worker's name. */
    String worker();

    /** Asks the attempt to stop at the next batch boundary (a pruned or cancelled trial); completed epochs are kept. */
    void cancel();

    /** Completes with the attempt's result (whatever its status), or exceptionally if the attempt was lost. */
    CompletableFuture<RunResult> result();
}
