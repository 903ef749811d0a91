package dev.verdant.result;

import java.util.List;

/**
 * How a quantised model runs on integer kernels, reported by a {@code quantize} step next to its simulated figures:
 * measured through ONNX Runtime (CPU) where it runs the step's layers, or the simulated figures again, labelled so,
 * with the reason.
 *
 * @param how                  {@link #MEASURED} or {@link #SIMULATED}
 * @param runtime              what ran it, e.g. {@code onnxruntime 1.23.2 CPU, 2 intra-op threads}; null when simulated
 * @param accuracy             validation accuracy of the int8 model as run (the simulated accuracy when simulated)
 * @param latencyMsBatch1      median milliseconds of one int8 forward pass of 1 sample
 * @param latencyMsBatch64     median milliseconds of one int8 forward pass of 64 samples
 * @param inferenceJoulesPer1k int8 inference energy per 1000 samples at batch 64; null without an energy meter
 * @param fp32LatencyMsBatch1  the same network before quantisation, fp32, through the same runtime and threads,
 *                             batch 1 (timed in the same interleaved rounds); null when simulated
 * @param fp32LatencyMsBatch64 as {@code fp32LatencyMsBatch1} at batch 64
 * @param layers               per weighted layer, in order: {@code int8} (integer kernel, integer input),
 *                             {@code float input} (int8 weights, float input) or {@code float} (inside a residual,
 *                             concatenated or gated block: float kernel on the dequantised weights); empty when
 *                             simulated
 * @param note                 why the figures are simulated, or what the measured form differs in; may be null
 */
public record Int8Inference(String how, String runtime, double accuracy, double latencyMsBatch1,
                            double latencyMsBatch64, Double inferenceJoulesPer1k, Double fp32LatencyMsBatch1,
                            Double fp32LatencyMsBatch64, List<String> layers, String note) {

    /** The label of figures measured on ONNX Runtime's integer kernels. */
    public static final String MEASURED = "measured (onnxruntime int8)";
    /** The label of figures that could only be simulated. */
    public static final String SIMULATED = "simulated";

    public Int8Inference {
        layers = layers == null ? List.of() : List.copyOf(layers);
    }

    /** True when the figures were measured on integer kernels. */
    public boolean measured() {
        return MEASURED.equals(how);
    }

    /** Weighted layers that ran on integer kernels. */
    public long integerLayers() {
        return layers.stream().filter("int8"::equals).count();
    }
}
