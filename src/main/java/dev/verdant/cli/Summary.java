package dev.verdant.cli;

import dev.verdant.energy.CarbonModel;
import dev.verdant.result.CompressionReport;
import dev.verdant.result.EpochRecord;
import dev.verdant.result.GroupSummary;
import dev.verdant.result.RunResult;

import java.util.Locale;

/** Human-readable one-liners for epochs and results. */
final class Summary {

    private Summary() {
    }

    static String epochLine(EpochRecord e, int totalEpochs) {
        return epochLine(e, totalEpochs, null);
    }

    /** The epoch line; with a carbon model, the cumulative energy is also given in gCO2e. */
    static String epochLine(EpochRecord e, int totalEpochs, CarbonModel carbon) {
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT,
                "epoch %d/%d  loss %.4f  train acc %.4f  val loss %.4f  val acc %.4f  %.1f s  %,.0f samples/s",
                e.epoch(), totalEpochs, e.trainLoss(), e.trainAccuracy(), e.valLoss(), e.valAccuracy(),
                e.seconds(), e.samplesPerSecond()));
        if (e.energyJoules() != null) {
            line.append(String.format(Locale.ROOT, "  %.1f J (total %.1f J", e.energyJoules(),
                    e.cumulativeEnergyJoules()));
            if (carbon != null) {
                line.append(String.format(Locale.ROOT, ", %.4f gCO2e", carbon.co2eGrams(e.cumulativeEnergyJoules())));
            }
            line.append(')');
        }
        return line.toString();
    }

    /**
     * One compression step: what it kept and what it cost. A step computed with simulated quantised arithmetic
     * marks each simulated figure (accuracy, latency, inference energy) and says why on a second line.
     */
    static String stepLine(CompressionReport c, int totalSteps) {
        String sim = c.simulated() ? " (" + CompressionReport.SIMULATED + ")" : "";
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT,
                "step %d/%d %-14s acc %.4f%s  params %,d (non-zero %,d)  %,d bytes  %,d FLOPs/sample  "
                        + "latency %.3f ms (batch 1), %.3f ms (batch 64)%s", c.index(), totalSteps, c.step(),
                c.accuracy(), sim, c.params(), c.nonzeroParams(), c.modelBytes(), c.flopsPerSample(),
                c.latencyMsBatch1(), c.latencyMsBatch64(), sim));
        if (c.inferenceJoulesPer1k() != null) {
            line.append(String.format(Locale.ROOT, "  %.3f J per 1k inferences%s", c.inferenceJoulesPer1k(), sim));
        }
        if (c.simulated()) {
            line.append(System.lineSeparator()).append("    ").append(CompressionReport.SIMULATED_WHY);
        }
        if (c.int8() != null) {
            line.append(System.lineSeparator()).append("    ").append(int8Line(c.int8()));
        }
        return line.toString();
    }

    /** The quantize step's model on integer kernels: measured through ONNX Runtime, or simulated and why. */
    static String int8Line(dev.verdant.result.Int8Inference q) {
        if (!q.measured()) {
            return "int8 inference " + dev.verdant.result.Int8Inference.SIMULATED + ": " + q.note();
        }
        StringBuilder s = new StringBuilder(String.format(Locale.ROOT, "int8 inference %s, %s: acc %.4f  latency "
                        + "%.3f ms (batch 1), %.3f ms (batch 64)", q.how(), q.runtime(), q.accuracy(),
                q.latencyMsBatch1(), q.latencyMsBatch64()));
        if (q.inferenceJoulesPer1k() != null) {
            s.append(String.format(Locale.ROOT, "  %.3f J per 1k inferences", q.inferenceJoulesPer1k()));
        }
        if (q.fp32LatencyMsBatch64() != null) {
            s.append(String.format(Locale.ROOT, "; fp32 on the same runtime %.3f ms (batch 1), %.3f ms (batch 64): "
                    + "int8 %.2fx its speed at batch 64", q.fp32LatencyMsBatch1(), q.fp32LatencyMsBatch64(),
                    q.fp32LatencyMsBatch64() / q.latencyMsBatch64()));
        }
        s.append(String.format(Locale.ROOT, "; integer kernels in %d of %d weighted layers (%s)", q.integerLayers(),
                q.layers().size(), String.join(", ", q.layers())));
        return s.toString();
    }

    static String line(RunResult r) {
        if (r.finalMetrics() == null) {
            return r.name() + ": " + r.status().label() + (r.message() == null ? "" : " - " + r.message());
        }
        StringBuilder s = new StringBuilder(String.format(Locale.ROOT, "%s: %s, accuracy %.4f after %d epochs, %.1f s",
                r.name(), r.status().label(), r.finalMetrics().accuracy(), r.finalMetrics().epochsCompleted(),
                r.finalMetrics().trainSeconds()));
        if (dev.verdant.result.DeliveredFigures.compressed(r)) {
            s.append(String.format(Locale.ROOT, ", delivered after compression %.4f (%,d bytes)",
                    r.finalMetrics().deliveredAccuracy(), r.finalMetrics().deliveredModelBytes()));
        }
        if (r.finalMetrics().energyJoules() != null) {
            s.append(String.format(Locale.ROOT, ", %.1f J (%s), %.3f gCO2e", r.finalMetrics().energyJoules(),
                    r.finalMetrics().energyMethod(), r.finalMetrics().co2eGrams()));
        }
        if (r.id() != null) {
            s.append(", stored as run ").append(r.id());
        }
        return s.toString();
    }

    /**
     * The group's summary: members and mean ± 95% CI (Student t) of accuracy, energy and time over the completed
     * members, e.g. {@code group 3: 5 runs, 5 completed: accuracy 0.9120 ± 0.0100, energy 12.3 ± 1.2 J, ...}.
     */
    static String groupLine(String name, GroupSummary g, int planned) {
        StringBuilder s = new StringBuilder(name);
        if (g.groupId() != null) {
            s.append(" (group ").append(g.groupId()).append(", runs ")
                    .append(g.runIds().stream().map(String::valueOf).collect(java.util.stream.Collectors.joining(", ")))
                    .append(')');
        }
        s.append(String.format(Locale.ROOT, ": %d of %d runs completed", g.completed(), planned));
        if (g.accuracy() == null) {
            return s.append("; no figures to average").toString();
        }
        s.append("; mean ± 95% CI: ");
        if (g.compressed() && g.deliveredAccuracy() != null) {
            s.append("delivered accuracy ").append(g.deliveredAccuracy().text("%.4f")).append(" (trained ")
                    .append(g.accuracy().text("%.4f")).append(')');
        } else {
            s.append("accuracy ").append(g.accuracy().text("%.4f"));
        }
        if (g.energyJoules() != null) {
            s.append(", energy ").append(g.energyJoules().text("%.1f")).append(" J");
            if (g.energyJoules().sd() != null) {
                s.append(String.format(Locale.ROOT, " (CV %.1f%%)", 100 * g.energyJoules().cv()));
            }
        }
        s.append(", time ").append(g.trainSeconds().text("%.1f")).append(" s");
        if (g.completed() == 1) {
            s.append(" (one run: no interval)");
        }
        return s.toString();
    }
}
