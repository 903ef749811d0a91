package dev.verdant.lesson;

import dev.verdant.result.RunResult;
import dev.verdant.run.JobRunner;
import dev.verdant.run.RunGroup;
import dev.verdant.run.RunHandle;
import dev.verdant.run.RunListener;
import dev.verdant.spec.ExperimentSpec;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.stream.IntStream;

/**
 * Runs a lesson's specs, each as a run group on a {@link JobRunner} (stored when the runner has a store), then
 * computes the outcome from those runs. Blocking: call it off the UI thread. A halving lesson first trains every
 * spec briefly (the first rung), then ranks them; its full-length runs double as the grid's runs and as the promoted
 * runs (same spec and seed: on the CPU the run is deterministic, so training it twice would only waste energy).
 */
public final class LessonRunner {

    private final JobRunner runner;
    private final List<RunHandle> active = new CopyOnWriteArrayList<>();
    private volatile boolean cancelled;

    /** Runs on {@code runner}; the groups are recorded in the runner's store, if it has one. */
    public LessonRunner(JobRunner runner) {
        this.runner = runner;
    }

    /**
     * Runs {@code lesson} and judges it. {@code listeners} hear every run's events (progress, live charts);
     * {@code progress} hears one line per run started.
     */
    public LessonOutcome run(Lesson lesson, boolean quick, Integer prediction, Consumer<String> progress,
                             RunListener... listeners) throws InterruptedException {
        if (prediction != null && (prediction < 0 || prediction >= lesson.question().choices().size())) {
            throw new IllegalArgumentException("the prediction must be one of the choices 1-"
                    + lesson.question().choices().size() + ", was " + (prediction + 1));
        }
        List<ExperimentSpec> specs = lesson.specsToRun(quick);
        List<String> labels = specs.stream().map(ExperimentSpec::name).toList();
        List<Long> groups = new ArrayList<>();
        List<RunResult> rung = new ArrayList<>();
        List<RunResult> promoted = new ArrayList<>();
        if (lesson.check() instanceof OutcomeCheck.Halving h) {
            for (ExperimentSpec s : specs) {
                ExperimentSpec short1 = s.withName(s.name() + "-rung1")
                        .withTraining(s.training().withEpochs(Math.min(h.rungEpochs(), s.training().epochs())));
                rung.add(runGroup(short1, groups, progress, listeners).get(0));
            }
        }
        List<RunResult> grid = new ArrayList<>();
        for (ExperimentSpec s : specs) {
            grid.add(runGroup(s, groups, progress, listeners).get(0));
        }
        if (lesson.check() instanceof OutcomeCheck.Halving h) {
            IntStream.range(0, specs.size()).boxed()
                    .sorted(Comparator.comparingDouble(i -> -accuracy(rung.get(i)))).limit(h.keep())
                    .forEach(i -> promoted.add(grid.get(i)));
        }
        LessonRuns runs = new LessonRuns(labels, grid, rung, promoted, groups);
        return new LessonOutcome(lesson, quick, runs, prediction, lesson.check().judge(runs));
    }

    /** Asks the runs queued or running to stop; the lesson then fails with what was measured so far. */
    public void cancel() {
        cancelled = true;
        active.forEach(RunHandle::cancel);
    }

    private List<RunResult> runGroup(ExperimentSpec spec, List<Long> groups, Consumer<String> progress,
                                     RunListener... listeners) throws InterruptedException {
        if (cancelled) {
            throw new InterruptedException("the lesson was cancelled");
        }
        RunGroup group = runner.startGroup(spec);
        if (group.id() != null) {
            groups.add(group.id());
        }
        List<RunHandle> handles = new ArrayList<>();
        for (int i = 0; i < group.size(); i++) {
            RunListener[] all = new RunListener[listeners.length + 1];
            all[0] = group.joiner();
            System.arraycopy(listeners, 0, all, 1, listeners.length);
            progress.accept("running " + spec.name() + (group.size() > 1 ? " (" + (i + 1) + "/" + group.size() + ")"
                    : "") + ": " + spec.model().arch().label() + ", " + spec.training().epochs() + " epoch(s)");
            RunHandle h = runner.submit(group.member(i), all);
            handles.add(h);
            active.add(h);
        }
        List<RunResult> results = new ArrayList<>();
        for (RunHandle h : handles) {
            try {
                results.add(h.result().get());
            } catch (java.util.concurrent.ExecutionException e) {
                throw new IllegalStateException("a run's result never completes exceptionally", e);
            } finally {
                active.remove(h);
            }
        }
        return results;
    }

    private static double accuracy(RunResult r) {
        return r == null || r.finalMetrics() == null ? -1 : r.finalMetrics().accuracy();
    }
}
