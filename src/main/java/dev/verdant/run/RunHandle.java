package dev.verdant.run;

import dev.verdant.result.RunResult;
import dev.verdant.result.RunStatus;
import dev.verdant.spec.ExperimentSpec;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The caller's hold on one submitted run: its id once it has one, cancelling, its status and its result. The run
 * itself (the job, its model and meter) stays inside the run layer. Thread-safe.
 */
public final class RunHandle {

    private final ExperimentSpec spec;
    private final CompletableFuture<RunResult> result = new CompletableFuture<>();
    private volatile RunId id;
    private volatile boolean cancelRequested;

    RunHandle(ExperimentSpec spec) {
        this.spec = spec;
    }

    /** The spec the run was submitted with. */
    public ExperimentSpec spec() {
        return spec;
    }

    /**
     * The run's id: empty while it is queued or loading its data; set when it starts (for a stored run, when its
     * store row is made) or, for a run that failed before starting, when it ends.
     */
    public Optional<RunId> id() {
        return Optional.ofNullable(id);
    }

    void identify(RunId runId) {
        id = runId;
    }

    /** Asks the run to stop at the next batch boundary (or not to start); completed epochs are kept. */
    public void cancel() {
        cancelRequested = true;
    }

    public boolean isCancelRequested() {
        return cancelRequested;
    }

    /** {@link RunStatus#RUNNING} while queued or running, then the status it ended with. */
    public RunStatus status() {
        RunResult r = result.getNow(null);
        return r == null ? RunStatus.RUNNING : r.status();
    }

    public boolean isDone() {
        return result.isDone();
    }

    /** Completes with the result when the run ends, whatever its status (it never completes exceptionally). */
    public CompletableFuture<RunResult> result() {
        return result;
    }

    /** Waits up to {@code timeout} for the result. */
    public RunResult await(long timeout, TimeUnit unit) throws InterruptedException, TimeoutException {
        try {
            return result.get(timeout, unit);
        } catch (ExecutionException e) {
            throw new IllegalStateException("a run's result never completes exceptionally", e);
        }
    }

    void complete(RunResult r) {
        result.complete(r);
    }
}
