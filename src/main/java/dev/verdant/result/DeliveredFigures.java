package dev.verdant.result;

import java.util.List;

/**
 * The one place that decides which model a run delivers: the network after its last compression step when
 * compression ran (a run cancelled during compression delivers its last completed step), else the trained network.
 * {@link RunResult} applies it to every result it is given without delivered figures, so results stored or written
 * before those fields existed read the same as new ones.
 */
public final class DeliveredFigures {

    private DeliveredFigures() {
    }

    /**
     * {@code metrics} with the delivered figures filled in from {@code compression} (the baseline report first, as in
     * {@link RunResult#compression()}); metrics that already carry them, and null, are returned as they are.
     */
    public static FinalMetrics fill(FinalMetrics metrics, List<CompressionReport> compression) {
        if (metrics == null || metrics.hasDelivered()) {
            return metrics;
        }
        CompressionReport last = lastStep(compression);
        // every phase, compression included, is metered into energyJoules; a separate total keeps readers honest
        Double total = metrics.totalEnergyJoules() != null ? metrics.totalEnergyJoules() : metrics.energyJoules();
        if (last == null) {
            return metrics.withDelivered(metrics.accuracy(), metrics.params(), metrics.modelBytes(), total);
        }
        return metrics.withDelivered(last.accuracy(), last.params(), last.modelBytes(), total);
    }

    /** The last compression step's report; null when no step ran (no reports, or only the baseline). */
    public static CompressionReport lastStep(List<CompressionReport> compression) {
        if (compression == null || compression.isEmpty()) {
            return null;
        }
        CompressionReport last = compression.get(compression.size() - 1);
        return last.index() == 0 ? null : last;
    }

    /** Whether the delivered model is a compressed one (a step ran after the baseline). */
    public static boolean compressed(RunResult run) {
        return lastStep(run.compression()) != null;
    }
}
