package dev.verdant.run;

import dev.verdant.spec.ExperimentSpec;
import dev.verdant.store.RunStore;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A queue of jobs run on background threads, {@code parallelism} at a time (default one: runs on a
 * 2-core machine compete for the same cores and would distort each other's energy figures).
 */
public final class JobRunner implements AutoCloseable {

    private final ExecutorService executor;
    private final List<Job> jobs = new CopyOnWriteArrayList<>();
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

    /** Queues a run; subscribers are attached before it can start, so they see every event. */
    @SafeVarargs
    public final Job submit(ExperimentSpec spec, Consumer<RunEvent>... subscribers) {
        Job job = new Job(spec, store);
        for (Consumer<RunEvent> s : subscribers) {
            job.subscribe(s);
        }
        jobs.add(job);
        executor.execute(() -> {
            try {
                job.runHere();
            } finally {
                jobs.remove(job);
            }
        });
        return job;
    }

    /**
     * Queues a spec with {@code repeats: N} as its run group's N members (seeds {@code seed .. seed+N-1}), in seed
     * order: one after another at the default parallelism of one. Each member joins the stored group as soon as it
     * is stored (so a member killed mid-run still belongs to it), before the other subscribers see it start or end.
     */
    @SafeVarargs
    public final List<Job> submitGroup(ExperimentSpec spec, Consumer<RunEvent>... subscribers) {
        RunGroup group = RunGroup.start(spec, store);
        List<Job> members = new java.util.ArrayList<>();
        for (int i = 0; i < group.size(); i++) {
            List<Consumer<RunEvent>> all = new java.util.ArrayList<>();
            all.add(group::onEvent);
            all.addAll(List.of(subscribers));
            @SuppressWarnings("unchecked")
            Consumer<RunEvent>[] ordered = all.toArray(new Consumer[0]);
            members.add(submit(group.member(i), ordered));
        }
        return members;
    }

    /** Jobs queued or running. */
    public List<Job> active() {
        return List.copyOf(jobs);
    }

    /** Asks every queued or running job to stop. */
    public void cancelAll() {
        jobs.forEach(Job::cancel);
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
