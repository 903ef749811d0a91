package dev.verdant.compress;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.verdant.data.Split;
import dev.verdant.energy.EnergyMeter;
import dev.verdant.model.Net;
import dev.verdant.model.OnnxExport;
import dev.verdant.result.Int8Inference;
import dev.verdant.result.Phase;

import java.nio.FloatBuffer;
import java.util.Map;

/**
 * Runs a quantised network on ONNX Runtime's integer kernels (CPU) and measures it as {@link Measurement} measures the
 * simulated one: validation accuracy, median latency at batch 1 and 64, inference joules per 1000 samples. The same
 * network before quantisation is timed in fp32 through the same runtime and threads, pass for pass in the same
 * rounds, so the int8 speed-up is read against the same runtime (the step's other figures are DJL's). Where ONNX
 * Runtime cannot run the model (a bit width without integer kernels, a layer the exporter cannot write, a runtime
 * error) the simulated figures are returned, labelled so, with the reason.
 */
final class OrtInt8 {

    /** 8-bit images scaled as {@code b / 255}: their values lie on this grid, so the first layer runs on integers. */
    private static final float BYTE_GRID = 1f / 255;

    private OrtInt8() {
    }

    /**
     * Measures {@code quantised} (its 8-bit description) against {@code plain} (the same network in float).
     *
     * @param simulated the simulated figures, returned labelled when the runtime cannot run the model
     */
    static Int8Inference measure(Net quantised, Net plain, int bits, Split validation, EnergyMeter meter,
                                 CompressionPipeline.Settings s, Measurement.Figures simulated) {
        if (bits != 8) {
            return simulated(simulated, "ONNX Runtime's CPU integer kernels take 8-bit weights; a " + bits
                    + "-bit model can only be simulated");
        }
        if (validation.size() == 0) {
            return simulated(simulated, "no validation samples to run");
        }
        OnnxExport.Int8 int8;
        byte[] fp32;
        try {
            int8 = OnnxExport.toInt8Onnx(quantised, "int8", validation.isBytes() ? BYTE_GRID : null);
            fp32 = OnnxExport.toOnnx(plain, "fp32");
        } catch (IllegalArgumentException e) {
            return simulated(simulated, "the network cannot be written for ONNX Runtime: " + e.getMessage());
        }
        int threads = threads();
        try {
            OrtEnvironment env = OrtEnvironment.getEnvironment();
            try (OrtSession.SessionOptions options = options(threads);
                 OrtSession i8 = env.createSession(int8.onnx(), options);
                 OrtSession f32 = env.createSession(fp32, options)) {
                double accuracy = accuracy(env, i8, validation);
                double[] ms1 = interleaved(env, i8, f32, validation, 1, s);
                double[] ms64 = interleaved(env, i8, f32, validation, 64, s);
                Double per1k = meter == null ? null : joulesPer1k(env, i8, validation, meter, s);
                String note = !validation.isBytes()
                        ? "the inputs are not 8-bit values, so the first layer takes float input"
                        : int8.layers().get(0).equals("float input")
                        ? "the first convolution has one input channel: it keeps its float input (ONNX Runtime's "
                        + "integer kernel ran such a layer 4-6x slower than fp32), its output is quantised once (after its "
                        + "average pooling, run in float, where one follows)"
                        : "input quantised once to 8 bits (exact for 8-bit images)";
                return new Int8Inference(Int8Inference.MEASURED, "onnxruntime " + env.getVersion() + " CPU, "
                        + threads + " intra-op thread" + (threads == 1 ? "" : "s"), accuracy, ms1[0], ms64[0],
                        per1k, ms1[1], ms64[1], int8.layers(), note);
            }
        } catch (OrtException | RuntimeException e) {
            return simulated(simulated, "ONNX Runtime could not run the int8 model (" + e.getMessage() + ")");
        }
    }

    private static Int8Inference simulated(Measurement.Figures f, String why) {
        return new Int8Inference(Int8Inference.SIMULATED, null, f.accuracy(), f.msBatch1(), f.msBatch64(),
                f.joulesPer1k(), null, null, null, why);
    }

    /** The cores, at most 4: LeNet-sized models gain nothing from more, and a desktop keeps cores for the window. */
    private static int threads() {
        return Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));
    }

    private static OrtSession.SessionOptions options(int threads) throws OrtException {
        OrtSession.SessionOptions o = new OrtSession.SessionOptions();
        o.setIntraOpNumThreads(threads);
        o.setInterOpNumThreads(1);
        o.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
        // Waiting threads sleep instead of spinning: on a shared desktop a spinning pool steals the slices its
        // partners need (the same reason libtorch's OpenMP is made passive).
        o.addConfigEntry("session.intra_op.allow_spinning", "0");
        return o;
    }

    private static float[] batch(Split split, int from, int size) {
        int d = split.sampleSize();
        float[] x = new float[size * d];
        for (int k = 0; k < size; k++) {
            split.copySample((from + k) % split.size(), x, k * d);
        }
        return x;
    }

    /** The input shape the session's model was written for, at batch {@code size}. */
    private static long[] shape(OrtSession session, int size) throws OrtException {
        long[] in = ((ai.onnxruntime.TensorInfo) session.getInputInfo().get("input").getInfo()).getShape();
        long[] s = in.clone();
        s[0] = size;
        return s;
    }

    private static double accuracy(OrtEnvironment env, OrtSession s, Split validation) throws OrtException {
        int correct = 0;
        int n = validation.size();
        for (int from = 0; from < n; from += 256) {
            int size = Math.min(256, n - from);
            try (OnnxTensor in = OnnxTensor.createTensor(env, FloatBuffer.wrap(batch(validation, from, size)),
                    shape(s, size));
                 OrtSession.Result r = s.run(Map.of("input", in))) {
                float[][] logits = (float[][]) r.get(0).getValue();
                for (int k = 0; k < size; k++) {
                    int best = 0;
                    for (int c = 1; c < logits[k].length; c++) {
                        best = logits[k][c] > logits[k][best] ? c : best;
                    }
                    correct += best == validation.labels()[from + k] ? 1 : 0;
                }
            }
        }
        return (double) correct / n;
    }

    /** Median milliseconds of {@code a} and {@code b} at batch {@code size}, one pass of each in turn. */
    private static double[] interleaved(OrtEnvironment env, OrtSession a, OrtSession b, Split validation, int size,
                                        CompressionPipeline.Settings s) throws OrtException {
        double[] ta = new double[s.repeats()];
        double[] tb = new double[s.repeats()];
        try (OnnxTensor in = OnnxTensor.createTensor(env, FloatBuffer.wrap(batch(validation, 0, size)),
                shape(a, size))) {
            for (int i = 0; i < s.warmup() + s.repeats(); i++) {
                double x = pass(a, in);
                double y = pass(b, in);
                if (i >= s.warmup()) {
                    ta[i - s.warmup()] = x;
                    tb[i - s.warmup()] = y;
                }
            }
        }
        return new double[] {Measurement.median(ta), Measurement.median(tb)};
    }

    private static double pass(OrtSession s, OnnxTensor in) throws OrtException {
        long t0 = System.nanoTime();
        try (OrtSession.Result r = s.run(Map.of("input", in))) {
            return (System.nanoTime() - t0) / 1e6;
        }
    }

    private static double joulesPer1k(OrtEnvironment env, OrtSession s, Split validation, EnergyMeter meter,
                                      CompressionPipeline.Settings settings) throws OrtException {
        int passes = Math.max(1, (settings.energySamples() + 63) / 64);
        try (OnnxTensor in = OnnxTensor.createTensor(env, FloatBuffer.wrap(batch(validation, 0, 64)), shape(s, 64))) {
            meter.begin(Phase.INFERENCE);
            for (int p = 0; p < passes; p++) {
                s.run(Map.of("input", in)).close();
            }
            return meter.end() * 1000.0 / (passes * 64.0);
        }
    }
}
