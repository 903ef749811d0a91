package dev.verdant.app;

import dev.verdant.result.DeliveredFigures;
import dev.verdant.result.FinalMetrics;
import dev.verdant.result.RunResult;

import java.util.Locale;

/**
 * How the window names a run's accuracy: the delivered model's first, the trained model's alongside when compression
 * changed it, so that the figure a user reads is the one of the model they get.
 */
public final class DeliveredText {

    private DeliveredText() {
    }

    /**
     * e.g. {@code delivered 0.8914 (trained 0.9694)}, or {@code accuracy 0.9694} without compression; "" without
     * metrics.
     */
    public static String accuracy(RunResult r) {
        FinalMetrics m = r.finalMetrics();
        if (m == null) {
            return "";
        }
        if (!DeliveredFigures.compressed(r)) {
            return String.format(Locale.ROOT, "accuracy %.4f", m.accuracy());
        }
        return String.format(Locale.ROOT, "delivered %.4f (trained %.4f)", m.deliveredAccuracy(), m.accuracy());
    }
}
