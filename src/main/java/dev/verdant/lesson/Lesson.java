package dev.verdant.lesson;

import dev.verdant.spec.ExperimentSpec;

import java.util.List;

/**
 * One guided lesson, as read from {@code assets/lessons/<id>/}: the idea ({@code lesson.md}), the specs it runs, the
 * question the student answers first and the check that computes the answer from the runs.
 *
 * @param id          folder name, e.g. {@code joule}
 * @param title       e.g. "What does a joule buy?"
 * @param chapter     the survey chapter it belongs to
 * @param paper       the paper the idea comes from
 * @param markdown    the text of {@code lesson.md}
 * @param question    what to predict
 * @param specs       the specs run (each as a run group, in order)
 * @param check       how the answer is computed from the runs
 * @param explanation the general explanation shown after the measured outcome
 * @param quick       how {@code --quick} shrinks the specs
 * @param upgrade     which upcoming feature the lesson will use once merged (shown in the text), or null
 */
public record Lesson(String id, String title, String chapter, String paper, String markdown, Question question,
                     List<ExperimentSpec> specs, OutcomeCheck check, String explanation, QuickMode quick,
                     String upgrade) {

    public Lesson {
        specs = List.copyOf(specs);
        if (specs.isEmpty()) {
            throw new IllegalArgumentException("lesson '" + id + "' runs no specs");
        }
    }

    /** The specs as run: shrunk by {@link #quick} when {@code quickMode} is set. */
    public List<ExperimentSpec> specsToRun(boolean quickMode) {
        return quickMode ? specs.stream().map(quick::apply).toList() : specs;
    }
}
