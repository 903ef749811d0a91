package dev.verdant.app.history;

import dev.verdant.result.GroupSummary;

import java.util.List;

/**
 * One line of the history's run-group table: a spec run with repeats, its figures as mean ± 95% CI over the members
 * that completed, and the members' ids (selecting the row selects them in the run table).
 *
 * @param id           store group id
 * @param name         the spec's name
 * @param runs         members stored, e.g. {@code 5 of 5} (completed / repeats asked for)
 * @param accuracy     mean ± 95% CI of accuracy, or empty when no member completed
 * @param energyJoules mean ± 95% CI of energy in J, or empty without a meter
 * @param trainSeconds mean ± 95% CI of training time in s
 * @param date         when the group was started, ISO-8601
 * @param runIds       the members' run ids, in run order
 * @param summary      the figures as numbers
 */
public record GroupRow(long id, String name, String runs, String accuracy, String energyJoules, String trainSeconds,
                       String date, List<Long> runIds, GroupSummary summary) {

    public GroupRow {
        runIds = runIds == null ? List.of() : List.copyOf(runIds);
    }

    /** The row of a stored group with {@code repeats} asked for and the summary of its members. */
    public static GroupRow of(long id, String name, int repeats, String date, GroupSummary s) {
        return new GroupRow(id, name, s.completed() + " of " + repeats + " completed",
                // the model each member hands over, as the run table's "delivered acc" column
                s.deliveredAccuracy() != null ? s.deliveredAccuracy().text("%.4f")
                        : s.accuracy() == null ? "" : s.accuracy().text("%.4f"),
                s.energyJoules() == null ? "" : s.energyJoules().text("%.1f"),
                s.trainSeconds() == null ? "" : s.trainSeconds().text("%.1f"), date, s.runIds(), s);
    }
}
