package dev.verdant.app.history;

import dev.verdant.result.RunResult;
import dev.verdant.spec.ExperimentSpec;

import java.util.List;

/**
 * One line of the history table.
 *
 * @param id           the store id (or, for a run kept only in this session, its job number)
 * @param name         run name
 * @param dataset      dataset name
 * @param arch         architecture
 * @param strategy     training strategy in brief, e.g. {@code adam 0.001 · cosine · 10 ep}
 * @param compression  compression steps in brief, or {@code none}
 * @param accuracy     validation accuracy of the delivered model (after compression, when it ran); null while
 *                     running or failed
 * @param trainedAccuracy validation accuracy of the trained model, before compression; null while running or failed
 * @param energyJoules total energy; null without a meter
 * @param co2eGrams    emissions; null without a meter
 * @param params       trainable parameters of the delivered model
 * @param status       status label
 * @param date         start time, ISO-8601
 * @param tags         tags
 * @param deliveredSimulated the delivered accuracy comes from simulated quantised arithmetic (its last step was a
 *                     simulated quantize), so the table marks it
 */
public record HistoryRow(long id, String name, String dataset, String arch, String strategy, String compression,
                         Double accuracy, Double energyJoules, Double co2eGrams, Long params, String status,
                         String date, List<String> tags, Double trainedAccuracy, boolean deliveredSimulated) {

    public HistoryRow {
        tags = tags == null ? List.of() : List.copyOf(tags);
    }

    /** A row whose delivered accuracy was measured (the form before the simulated mark existed). */
    public HistoryRow(long id, String name, String dataset, String arch, String strategy, String compression,
                      Double accuracy, Double energyJoules, Double co2eGrams, Long params, String status,
                      String date, List<String> tags, Double trainedAccuracy) {
        this(id, name, dataset, arch, strategy, compression, accuracy, energyJoules, co2eGrams, params, status, date,
                tags, trainedAccuracy, false);
    }

    /** The id of a group header row (see {@link #groupHeader}); no run has it. */
    public static final long GROUP_HEADER_ID = Long.MIN_VALUE;

    /** A header row of a group in the grouped run table: its name says the group's value and run count. */
    public static HistoryRow groupHeader(String title) {
        return new HistoryRow(GROUP_HEADER_ID, title, "", "", "", "", null, null, null, null, "", null, List.of(),
                null);
    }

    /** Whether this is a group header row, not a run. */
    public boolean isGroupHeader() {
        return id == GROUP_HEADER_ID;
    }

    /** A row for a full result (its spec gives strategy and compression). */
    public static HistoryRow of(long id, RunResult r, List<String> tags) {
        ExperimentSpec s = r.spec();
        var m = r.finalMetrics();
        return new HistoryRow(id, r.name(), s == null ? "" : s.dataset().name(),
                s == null ? "" : s.model().arch().label(),
                strategy(s), compression(s), m == null ? null : m.deliveredAccuracy(),
                m == null ? null : m.totalEnergyJoules(), m == null ? null : m.co2eGrams(),
                m == null ? null : m.deliveredParams(), r.status().label(), r.startedAt(), tags,
                m == null ? null : m.accuracy(), simulated(dev.verdant.result.DeliveredFigures.lastStep(r.compression())));
    }

    /** Whether a delivered figure taken from {@code last} (null: the trained model) is simulated. */
    static boolean simulated(dev.verdant.result.CompressionReport last) {
        return last != null && last.simulated();
    }

    /** The training strategy in brief, e.g. {@code adam 0.001 · cosine · 10 ep · resize · early stop}. */
    public static String strategy(ExperimentSpec s) {
        if (s == null) {
            return "";
        }
        var t = s.training();
        StringBuilder b = new StringBuilder(t.optimizer() + " " + t.learningRate() + " · " + t.schedule() + " · "
                + t.epochs() + " ep");
        t.progressive().forEach(p -> b.append(" · ").append(p.type()));
        if (t.earlyStopping() != null) {
            b.append(" · early stop");
        }
        return b.toString();
    }

    /** The compression pipeline in brief, e.g. {@code prune → quantize}, or {@code none}. */
    public static String compression(ExperimentSpec s) {
        if (s == null) {
            return "";
        }
        return s.compression().isEmpty() ? "none"
                : s.compression().stream().map(c -> c.type()).collect(java.util.stream.Collectors.joining(" → "));
    }

    /** Whether the row matches a filter text (name, dataset, arch, status, strategy or a tag; case-insensitive). */
    public boolean matches(String filter) {
        if (filter == null || filter.isBlank()) {
            return true;
        }
        String f = filter.trim().toLowerCase(java.util.Locale.ROOT);
        return (name + " " + dataset + " " + arch + " " + status + " " + strategy + " " + String.join(" ", tags))
                .toLowerCase(java.util.Locale.ROOT).contains(f);
    }
}
