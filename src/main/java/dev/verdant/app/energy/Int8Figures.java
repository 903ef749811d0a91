package dev.verdant.app.energy;

import dev.verdant.result.CompressionReport;
import dev.verdant.result.Int8Inference;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The text of the panel's int8 section: for each 8-bit {@code quantize} step, its model on integer kernels, with
 * every figure saying which model it belongs to (delivered or an intermediate step) and how it was obtained
 * (measured on ONNX Runtime, simulated, and the energy meter's method). Kept apart from the view so the wording is
 * decided in one place, without JavaFX.
 */
public final class Int8Figures {

    /** The label of the fp32 figures timed beside the int8 ones on the same runtime. */
    public static final String FP32_SAME_RUNTIME = "measured (onnxruntime fp32)";

    /**
     * One quantize step's int8 figures.
     *
     * @param heading  which model and how, e.g. {@code Delivered model (step 2 of 2: quantize int8): measured ...}
     * @param lines    the figures, one labelled sentence each
     * @param measured true when the figures were measured on integer kernels, false when they stayed simulated
     */
    public record Row(String heading, List<String> lines, boolean measured) {

        public Row {
            lines = List.copyOf(lines);
        }
    }

    private Int8Figures() {
    }

    /**
     * The rows of {@code steps} (baseline first, as a run stores them) that carry int8 figures.
     *
     * @param energyMethod how the run's energy meter obtained joules (e.g. {@code estimated:cpu-tdp}), or null
     */
    public static List<Row> rows(List<CompressionReport> steps, String energyMethod) {
        List<Row> rows = new ArrayList<>();
        int last = steps.isEmpty() ? 0 : steps.get(steps.size() - 1).index();
        for (CompressionReport c : steps) {
            if (c.int8() != null) {
                rows.add(row(c, last, energyMethod));
            }
        }
        return rows;
    }

    static Row row(CompressionReport c, int lastIndex, String energyMethod) {
        Int8Inference q = c.int8();
        String model = (c.index() == lastIndex ? "Delivered model" : "Model after an intermediate step, not the "
                + "delivered one") + " (step " + c.index() + " of " + lastIndex + ": " + c.step() + ")";
        List<String> lines = new ArrayList<>();
        if (!q.measured()) {
            lines.add("Not run on integer kernels: " + q.note() + ".");
            lines.add(fmt("int8 latency %.3f ms per batch of 64, %.3f ms at batch 1, accuracy %.4f: %s (fp32 "
                    + "kernels plus fake quantisation)", q.latencyMsBatch64(), q.latencyMsBatch1(), q.accuracy(),
                    Int8Inference.SIMULATED));
            if (q.inferenceJoulesPer1k() != null) {
                lines.add(fmt("int8 energy %.3f J per 1k inferences: %s%s", q.inferenceJoulesPer1k(),
                        Int8Inference.SIMULATED, joulesMethod(energyMethod)));
            }
            return new Row(model + ": " + Int8Inference.SIMULATED, lines, false);
        }
        lines.add(fmt("int8 latency %.3f ms per batch of 64, %.3f ms at batch 1: %s, %s", q.latencyMsBatch64(),
                q.latencyMsBatch1(), Int8Inference.MEASURED, q.runtime()));
        lines.add(q.inferenceJoulesPer1k() == null
                ? "int8 energy: n/a (no energy meter ran for this run)"
                : fmt("int8 energy %.3f J per 1k inferences at batch 64: %s%s", q.inferenceJoulesPer1k(),
                Int8Inference.MEASURED, joulesMethod(energyMethod)));
        if (q.fp32LatencyMsBatch64() != null) {
            lines.add(fmt("fp32 on the same runtime (same network before quantisation): %.3f ms per batch of 64, "
                    + "%.3f ms at batch 1: %s, timed in the same interleaved rounds", q.fp32LatencyMsBatch64(),
                    q.fp32LatencyMsBatch1(), FP32_SAME_RUNTIME));
            double ratio = q.fp32LatencyMsBatch64() / q.latencyMsBatch64();
            lines.add(fmt("speed at batch 64: int8 runs at %.2fx fp32's speed (%s)", ratio, ratio >= 1
                    ? fmt("%.2fx faster", ratio) : fmt("%.2fx slower", 1 / ratio)));
        }
        lines.add(fmt("int8 accuracy as run: %.4f, %s; simulated: %.4f", q.accuracy(), Int8Inference.MEASURED,
                c.accuracy()));
        lines.add(fmt("integer kernels in %d of %d weighted layers: %s", q.integerLayers(), q.layers().size(),
                layers(q.layers())));
        if (q.note() != null) {
            lines.add("Note: " + q.note() + ".");
        }
        return new Row(model + ": " + Int8Inference.MEASURED, lines, true);
    }

    /** {@code 1 float input, 2 int8, ...}: each weighted layer by position with the kernel it ran on. */
    private static String layers(List<String> kinds) {
        List<String> s = new ArrayList<>();
        for (int i = 0; i < kinds.size(); i++) {
            s.add("layer " + (i + 1) + " " + kinds.get(i));
        }
        return String.join(", ", s);
    }

    private static String joulesMethod(String energyMethod) {
        if (energyMethod == null) {
            return "; joules: meter method not recorded";
        }
        return "; joules " + energyMethod + (dev.verdant.result.EnergyMethod.estimated(energyMethod) ? " (an estimate)" : "");
    }

    private static String fmt(String f, Object... args) {
        return String.format(Locale.ROOT, f, args);
    }
}
