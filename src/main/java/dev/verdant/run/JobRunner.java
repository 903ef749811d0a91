package dev.verdant.run;

import dev.verdant.spec.ExperimentSpec;
import dev.verdant.store.RunStore;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A queue of jobs run on background threads, {@code parallelism} at a time (default one: runs on a
 * 2-core machine compete for the same cores and would distort each other's energy figures).
 */
public final class JobRunner implements AutoCloseable {

    private final ExecutorService executor;
    private final List<RunHandle> jobs = new CopyOnWriteArrayList<>();
    private final RunStore store;

    /** A runner whose runs are stored in {@code store} (null: not stored). */
    public JobRunner(int parallelism, RunStore store) {
        this.store = store;
        if (parallelism < 1) {
            throw new IllegalArgumentException("parallelism must be at least 1, was " + parallelism);
        }
        this.executor = Executors.newFixedThreadPool(parallelism, r -> {
            Thread t = new Thread(r, "verdant-run");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Queues a run and returns the caller's handle on it; the listeners are attached before it can start, so they
     * see every event (after the store, which hears each event first).
     */
    public RunHandle submit(ExperimentSpec spec, RunListener... listeners) {
        Job job = new Job(spec, store);
        for (RunListener l : listeners) {
            job.addListener(l);
        }
        RunHandle handle = job.handle();
        jobs.add(handle);
        executor.execute(() -> {
            try {
                job.runHere();
            } finally {
                jobs.remove(handle);
            }
        });
        return handle;
    }

    /**
     * Plans a spec with {@code repeats: N} as a run group (recorded in this runner's store): queue its members with
     * {@link #submit}, each with {@link RunGroup#joiner()} as a listener, in seed order (one after another at the
     * default parallelism of one).
     */
    public RunGroup startGroup(ExperimentSpec spec) {
        return RunGroup.start(spec, store);
    }

    /**
     * Plans different specs (e.g. one comparison's) as one run group recorded in this runner's store; queue its
     * members as for {@link #startGroup(ExperimentSpec)}.
     */
    public RunGroup startGroup(String name, List<ExperimentSpec> specs) {
        return RunGroup.of(name, specs, store);
    }

    /** Runs queued or running. */
    public List<RunHandle> active() {
        return List.copyOf(jobs);
    }

    /** Asks every queued or running run to stop. */
    public void cancelAll() {
        jobs.forEach(RunHandle::cancel);
    }

    /** Cancels everything and waits up to {@code seconds} for the runs to record their end. */
    public boolean shutdown(long seconds) throws InterruptedException {
        cancelAll();
        executor.shutdown();
        return executor.awaitTermination(seconds, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        try {
            shutdown(30);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
