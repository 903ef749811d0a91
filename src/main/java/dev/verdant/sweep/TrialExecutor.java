package dev.verdant.sweep;

import dev.verdant.run.RunListener;

/**
 * Runs trial attempts: {@link LocalTrialExecutor} in this JVM, or the cluster coordinator on its workers. The
 * listener hears the attempt's events exactly as it would hear a local run's (the sweep scheduler promotes and stops
 * trials from them; the window draws them).
 */
public interface TrialExecutor extends AutoCloseable {

    /** Queues an attempt; it starts when a slot (a local thread, a worker) is free. */
    TrialRun start(TrialAttempt attempt, RunListener listener);

    /** How many attempts run at once (for planning a rung). */
    int parallelism();

    /**
     * Whether an attempt may start from a stored run's model ({@code transfer: {mode: continue}}), which needs the
     * sweep's store where the attempt runs. False unless an executor says so: a cluster worker has its own store, so
     * promoted trials are trained again from scratch there.
     */
    default boolean continuesTrials() {
        return false;
    }

    @Override
    void close();
}
