package dev.verdant.app.live;

/**
 * What a chart point stands for, for its tooltip.
 *
 * @param run       the run's label
 * @param epoch     1-based epoch, or 0 for a run's final figure
 * @param accuracy  validation accuracy
 * @param joules    cumulative energy; null without a meter
 * @param seconds   cumulative wall seconds
 * @param co2eGrams cumulative emissions; null without a meter
 * @param stage     what the point follows when it is not an epoch, e.g. {@code after prune magnitude 0.5}; else null
 */
public record PointInfo(String run, int epoch, double accuracy, Double joules, double seconds, Double co2eGrams,
                        String stage) {

    /** e.g. {@code #1 quickstart · epoch 2 · accuracy 0.912 · 153.2 J · 0.0201 gCO2e}. */
    public String describe() {
        StringBuilder b = new StringBuilder(run);
        if (stage != null) {
            b.append(" · ").append(stage);
        } else if (epoch > 0) {
            b.append(" · epoch ").append(epoch);
        }
        b.append(String.format(" · accuracy %.3f", accuracy));
        b.append(joules == null ? String.format(" · %.1f s (no energy meter)", seconds)
                : String.format(" · %.1f J", joules));
        b.append(co2eGrams == null ? " · gCO2e n/a" : String.format(" · %.4f gCO2e", co2eGrams));
        return b.toString();
    }
}
