package dev.verdant.lesson;

import java.util.List;

/**
 * What the student predicts before the runs: a prompt and the choices, one of which the runs will turn out to
 * support (which one is computed by the lesson's {@link OutcomeCheck}, never written here).
 *
 * @param prompt  the question, e.g. "Which network buys the most accuracy per joule?"
 * @param choices the possible answers, in the order the check numbers them (0-based)
 */
public record Question(String prompt, List<String> choices) {

    public Question {
        choices = List.copyOf(choices);
        if (choices.size() < 2) {
            throw new IllegalArgumentException("a question needs at least two choices: '" + prompt + "'");
        }
    }
}
