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

    /**
     * The row of a group of different recipes (a comparison folder run as one group): a mean and confidence interval
     * over different recipes would mean nothing, so each member's figure is listed in run order instead.
     */
    public static GroupRow comparison(long id, String name, String date, List<dev.verdant.result.RunResult> members,
                                      GroupSummary s) {
        java.util.function.Function<java.util.function.Function<dev.verdant.result.FinalMetrics, Double>, String>
                each = f -> members.stream().map(r -> r.finalMetrics() == null || f.apply(r.finalMetrics()) == null
                        ? "—" : String.format(java.util.Locale.ROOT, "%.4g", f.apply(r.finalMetrics())))
                .collect(java.util.stream.Collectors.joining(" / "));
        return new GroupRow(id, name, members.size() + " recipes (comparison)",
                each.apply(m -> m.deliveredAccuracy() != null ? m.deliveredAccuracy() : m.accuracy()),
                each.apply(dev.verdant.result.FinalMetrics::energyJoules),
                each.apply(m -> m.trainSeconds()), date, s.runIds(), s);
    }

    /** Whether {@code members} are different recipes rather than repeats of one (their specs differ beyond the seed). */
    public static boolean isComparison(List<dev.verdant.result.RunResult> members) {
        return members.stream().map(r -> r.spec() == null ? null : r.spec().withSeed(0).withName("").withRepeats(1))
                .distinct().count() > 1;
    }
}
