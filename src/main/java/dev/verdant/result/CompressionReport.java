package dev.verdant.result;

/**
 * What one compression step bought and cost, measured after the step. The first report of a run,
 * {@code step: "baseline"}, is the trained model before compression.
 *
 * @param index                0 for the baseline, then the step's 1-based position in the spec's list
 * @param step                 {@code baseline} or the step's label, e.g. {@code prune magnitude 0.9 global}
 * @param type                 {@code baseline}, {@code prune}, {@code lowrank}, {@code quantize} or {@code distill}
 * @param accuracy             validation accuracy after the step
 * @param params               trainable parameters (structurally present, zeros included)
 * @param nonzeroParams        trainable parameters that are not zero
 * @param modelBytes           bytes of the stored model: float32 values, quantised weights at their packed size
 * @param flopsPerSample       forward FLOPs per sample of the layers as built (structurally removed work only;
 *                             zero weights still count here)
 * @param latencyMsBatch1      median milliseconds of one forward pass at batch 1, after warm-up
 * @param latencyMsBatch64     median milliseconds of one forward pass at batch 64, after warm-up
 * @param inferenceJoulesPer1k energy of inference per 1000 samples at batch 64; null without an energy meter
 * @param seconds              wall time of the step itself (fine-tuning included, measurement excluded)
 * @param energyJoules         energy of the step itself; null without an energy meter
 * @param simulated            true when accuracy comes from simulated quantised arithmetic (float kernels on
 *                             quantised values)
 * @param layers               the network's weighted-layer widths after the step, e.g. {@code 784-150-50-10}
 * @param note                 what the step chose or left out (ranks, layers kept whole), or null
 * @param int8                 for an 8-bit {@code quantize} step, the model on integer kernels (measured through
 *                             ONNX Runtime, or simulated with the reason); null for other steps and older runs
 */
public record CompressionReport(int index, String step, String type, double accuracy, long params, long nonzeroParams,
                                long modelBytes, long flopsPerSample, double latencyMsBatch1, double latencyMsBatch64,
                                Double inferenceJoulesPer1k, double seconds, Double energyJoules, boolean simulated,
                                String layers, String note, Int8Inference int8) {

    /** A report without int8 inference figures (every step but quantize; the form before they existed). */
    public CompressionReport(int index, String step, String type, double accuracy, long params, long nonzeroParams,
                             long modelBytes, long flopsPerSample, double latencyMsBatch1, double latencyMsBatch64,
                             Double inferenceJoulesPer1k, double seconds, Double energyJoules, boolean simulated,
                             String layers, String note) {
        this(index, step, type, accuracy, params, nonzeroParams, modelBytes, flopsPerSample, latencyMsBatch1,
                latencyMsBatch64, inferenceJoulesPer1k, seconds, energyJoules, simulated, layers, note, null);
    }

    /** The mark shown next to each simulated figure (accuracy, latency, inference energy). */
    public static final String SIMULATED = "simulated";

    /** Why simulated figures are not what an int8 deployment would show, in one line. */
    public static final String SIMULATED_WHY = "simulated: fp32 kernels plus fake quantisation (weights rounded to "
            + "the integer grid, computed in float); real int8 speed and energy need an int8 runtime (the int8 line "
            + "gives them where ONNX Runtime runs the layers)";
}
