package dev.verdant.run;

import dev.verdant.result.GroupSummary;
import dev.verdant.result.RunResult;
import dev.verdant.spec.ExperimentSpec;
import dev.verdant.store.RunStore;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;

/**
 * A spec with {@code repeats: N} run as N ordinary jobs, one after another, with seeds {@code seed .. seed+N-1}.
 * Each member is a normal stored run with its own id and provenance; its stored spec has its own seed and repeats 1,
 * so re-running one member reproduces it. The store records the group (created up front) and each member as soon as
 * its job has stored it (a member killed mid-run still belongs to the group). The jobs themselves are plain {@link Job}s: this class only plans and collects them.
 * Thread-safe: members queued on a {@link JobRunner} are recorded from their run threads.
 */
public final class RunGroup {

    private final ExperimentSpec spec;
    private final RunStore store;
    private final Long groupId;
    private final List<ExperimentSpec> members;
    private final List<RunResult> results = new ArrayList<>();
    private final RunListener joiner = new RunListener() {
        @Override
        public void onStarted(RunEvent.Started started) {
            if (started.runId().stored() && groupId != null) {
                store.addToGroup(groupId, started.runId().value());
            }
        }

        @Override
        public void onFinished(RunEvent.Finished finished) {
            record(finished.result());
        }
    };

    private RunGroup(ExperimentSpec spec, RunStore store) {
        this(spec, memberSpecs(spec), store);
    }

    private RunGroup(ExperimentSpec spec, List<ExperimentSpec> members, RunStore store) {
        this.spec = spec;
        this.store = store;
        this.members = List.copyOf(members);
        this.groupId = store == null ? null : store.createGroup(spec);
    }

    /**
     * A group of different specs run one after another, e.g. the specs of one comparison folder
     * ({@code batchnorm-vs-none}), so that History lists them together. The store records it under {@code name}
     * with as many "repeats" as it has members; its spec is the first member's under that name (the members'
     * own specs are stored with each run).
     */
    public static RunGroup of(String name, List<ExperimentSpec> specs, RunStore store) {
        if (specs.isEmpty()) {
            throw new IllegalArgumentException("a run group needs at least one spec");
        }
        ExperimentSpec head = specs.get(0).withName(name).withRepeats(Math.min(specs.size(),
                ExperimentSpec.MAX_REPEATS));
        return new RunGroup(head, specs.stream().map(s -> s.withRepeats(1)).toList(), store);
    }

    /** Plans the group of {@code spec} and, when {@code store} is not null, records it there. */
    public static RunGroup start(ExperimentSpec spec, RunStore store) {
        return new RunGroup(spec, store);
    }

    /** The members' specs: the same spec with seeds {@code seed + i} and repeats 1. */
    public static List<ExperimentSpec> memberSpecs(ExperimentSpec spec) {
        return LongStream.range(0, spec.repeats()).mapToObj(i -> spec.withSeed(spec.seed() + i).withRepeats(1))
                .toList();
    }

    /** The spec as written, with its repeats. */
    public ExperimentSpec spec() {
        return spec;
    }

    /** The store's group id; null when the runs are not stored. */
    public Long id() {
        return groupId;
    }

    /** How many runs the group has. */
    public int size() {
        return members.size();
    }

    /** The spec of member {@code index} (0-based). */
    public ExperimentSpec member(int index) {
        return members.get(index);
    }

    /**
     * A job for member {@code index}, stored in the group's store. It joins the group itself: stored as soon as it
     * starts, its result recorded when it ends (this subscriber comes first, before any the caller adds).
     */
    public Job job(int index) {
        return Job.of(members.get(index), store).addListener(joiner);
    }

    /** Records a member's result (in run order; its membership was stored when it started). Returns it. */
    public synchronized RunResult record(RunResult result) {
        results.add(result);
        return result;
    }

    /**
     * The listener that makes a run a member: it joins the group once stored ({@code onStarted}, so a member killed
     * mid-run still belongs to it) and its result is recorded when it ends. Attach it before other listeners, so the
     * membership is stored before they hear of the run.
     */
    public RunListener joiner() {
        return joiner;
    }

    /** The members' results recorded so far, in run order. */
    public synchronized List<RunResult> results() {
        return List.copyOf(results);
    }

    /** Mean and 95% CI of accuracy, energy and time over the completed members recorded so far. */
    public synchronized GroupSummary summary() {
        return GroupSummary.of(groupId, results);
    }
}
