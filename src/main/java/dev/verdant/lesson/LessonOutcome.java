package dev.verdant.lesson;

/**
 * What a lesson run showed: the runs, the student's prediction and the answer computed from the runs.
 *
 * @param lesson     the lesson
 * @param quick      whether the specs were shrunk by {@code --quick}
 * @param runs       the runs made
 * @param prediction the chosen answer (0-based), or null when the student made none
 * @param verdict    the answer the runs support, with the measured figures
 */
public record LessonOutcome(Lesson lesson, boolean quick, LessonRuns runs, Integer prediction,
                            OutcomeCheck.Verdict verdict) {

    /** The supported answer's text. */
    public String answerText() {
        int a = verdict.answer();
        return a < lesson.question().choices().size() ? lesson.question().choices().get(a) : "none of the choices";
    }

    /** Whether the prediction matched the measured answer; null without a prediction. */
    public Boolean predictionRight() {
        return prediction == null ? null : prediction == verdict.answer();
    }

    /** The Observe and Explain steps as plain text (CLI, tests). */
    public String summary() {
        StringBuilder s = new StringBuilder();
        if (prediction != null) {
            s.append("You predicted: ").append(lesson.question().choices().get(prediction)).append('\n');
        }
        s.append("Measured answer: ").append(answerText()).append('\n');
        s.append(verdict.measured()).append('\n');
        if (prediction != null) {
            s.append(predictionRight() ? "Your prediction matched the measurement." : "The measurement differs from "
                    + "your prediction.").append('\n');
        }
        if (quick) {
            s.append("(quick mode: tiny data and few epochs; the full lesson may answer differently)\n");
        }
        s.append("Why: ").append(lesson.explanation().strip()).append('\n');
        return s.toString();
    }
}
