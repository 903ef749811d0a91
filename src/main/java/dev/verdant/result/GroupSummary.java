package dev.verdant.result;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The summary of a run group (one spec run with seeds {@code seed .. seed+n-1}): the members' ids and, for accuracy,
 * energy and training time, the mean with its 95% confidence interval over the members that completed (a cancelled
 * or failed member has no final figures worth averaging). This is the {@code group} object of a group's result JSON.
 *
 * @param groupId      the store's group id; null when the runs were not stored
 * @param runIds       every member's run id, in run order (completed or not; unstored members are left out)
 * @param completed    how many members completed
 * @param accuracy     final validation accuracy of the trained model; null when no member completed
 * @param energyJoules total energy; null when no completed member was metered
 * @param trainSeconds training and validation wall time; null when no member completed
 * @param deliveredAccuracy accuracy of the model each member hands over (after its compression steps; the trained
 *                     model's without compression); null when no member completed
 * @param compressed   whether a completed member delivers a compressed model (then delivered and trained differ)
 */
public record GroupSummary(Long groupId, List<Long> runIds, int completed, Figure accuracy, Figure energyJoules,
                           Figure trainSeconds, Figure deliveredAccuracy, boolean compressed) {

    public GroupSummary {
        runIds = runIds == null ? List.of() : List.copyOf(runIds);
    }

    /**
     * One figure over the group, from {@link GroupStatistics}. With one value there is no spread: {@code sd} and the
     * interval are null (JSON has no NaN).
     *
     * @param n        values averaged
     * @param mean     their mean
     * @param sd       sample standard deviation; null for one value
     * @param ci95Low  lower end of the 95% confidence interval of the mean (Student t); null for one value
     * @param ci95High upper end; null for one value
     */
    public record Figure(int n, double mean, Double sd, Double ci95Low, Double ci95High) {

        /** The figure of {@code values}; null when there are none. */
        public static Figure of(double[] values) {
            if (values.length == 0) {
                return null;
            }
            GroupStatistics s = GroupStatistics.of(values);
            return s.hasInterval() ? new Figure(s.n(), s.mean(), s.sd(), s.low(), s.high())
                    : new Figure(1, s.mean(), null, null, null);
        }

        /** Half the interval's width; NaN for one value. */
        public double halfWidth() {
            return ci95High == null ? Double.NaN : (ci95High - ci95Low) / 2;
        }

        /**
         * {@code mean ± half-width} with {@code format} (a {@link String#format} pattern for one number, e.g.
         * {@code %.4f}); one value prints alone, as it has no interval.
         */
        public String text(String format) {
            String mean = String.format(java.util.Locale.ROOT, format, this.mean);
            return ci95High == null ? mean : mean + " ± " + String.format(java.util.Locale.ROOT, format, halfWidth());
        }

        /** Coefficient of variation, {@code sd / |mean|}; NaN for one value or a zero mean. */
        public double cv() {
            return sd == null || mean == 0 ? Double.NaN : sd / Math.abs(mean);
        }
    }

    /** The summary of {@code members} (in run order). */
    public static GroupSummary of(Long groupId, List<RunResult> members) {
        List<Long> ids = members.stream().map(RunResult::id).filter(java.util.Objects::nonNull).toList();
        List<FinalMetrics> done = completedMetrics(members);
        return new GroupSummary(groupId, ids, done.size(), figure(done, FinalMetrics::accuracy),
                figure(done, FinalMetrics::energyJoules), figure(done, FinalMetrics::trainSeconds),
                figure(done, FinalMetrics::deliveredAccuracy),
                members.stream().anyMatch(r -> r.status() == RunStatus.COMPLETED && DeliveredFigures.compressed(r)));
    }

    /** The final metrics of the members that completed, in order. */
    public static List<FinalMetrics> completedMetrics(List<RunResult> members) {
        return members.stream().filter(r -> r.status() == RunStatus.COMPLETED && r.finalMetrics() != null)
                .map(RunResult::finalMetrics).toList();
    }

    /** The non-null values of one figure of the completed members. */
    public static double[] values(List<FinalMetrics> metrics, Function<FinalMetrics, ? extends Number> figure) {
        List<Double> out = new ArrayList<>();
        for (FinalMetrics m : metrics) {
            Number v = figure.apply(m);
            if (v != null && !Double.isNaN(v.doubleValue())) {
                out.add(v.doubleValue());
            }
        }
        return out.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static Figure figure(List<FinalMetrics> metrics, Function<FinalMetrics, ? extends Number> figure) {
        return Figure.of(values(metrics, figure));
    }
}
