package dev.verdant.sweep;

import dev.verdant.result.FinalMetrics;
import dev.verdant.result.RunResult;

/** Reads a sweep objective's metric from a run's final metrics, by the name the result JSON uses. */
final class Metrics {

    private Metrics() {
    }

    /** The metric's value, or null when the run has none (no meter, no final metrics). */
    static Double of(RunResult r, String metric) {
        FinalMetrics m = r == null ? null : r.finalMetrics();
        if (m == null) {
            return null;
        }
        return switch (metric) {
            case "deliveredAccuracy" -> m.deliveredAccuracy() != null ? m.deliveredAccuracy() : m.accuracy();
            case "accuracy" -> m.accuracy();
            case "totalEnergyJoules" -> m.totalEnergyJoules() != null ? m.totalEnergyJoules() : m.energyJoules();
            case "energyJoules" -> m.energyJoules();
            case "trainSeconds" -> m.trainSeconds();
            case "params" -> (double) m.params();
            case "deliveredParams" -> m.deliveredParams() != null ? m.deliveredParams().doubleValue()
                    : (double) m.params();
            case "flopsPerSample" -> (double) m.flopsPerSample();
            case "loss" -> m.loss();
            default -> throw new IllegalArgumentException("unknown sweep metric " + metric);
        };
    }

    /** The run's energy: everything it spent (training, validation, compression), null without a meter. */
    static Double joules(RunResult r) {
        return of(r, "totalEnergyJoules");
    }
}
