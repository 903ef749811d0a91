package dev.verdant.bench;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import com.fasterxml.jackson.databind.JsonNode;
import dev.verdant.cli.VerdantCommand;
import dev.verdant.data.Datasets;
import dev.verdant.data.LoadedData;
import dev.verdant.result.ResultJson;
import dev.verdant.run.ModelExport;
import dev.verdant.spec.SpecCodec;
import dev.verdant.store.RunStore;

import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;

/**
 * fp32 against int8 inference through ONNX Runtime for a LeNet-5 trained on MNIST and quantised to 8 bits: latency
 * per batch of 64 (median of interleaved rounds) and validation accuracy of the int8 model against the simulated
 * figure. Usage: OnnxInt8Bench MNIST_FOLDER LIMIT EPOCHS ROUNDS THREADS
 */
public final class OnnxInt8Bench {

    private OnnxInt8Bench() {
    }

    public static void main(String[] args) throws Exception {
        String folder = args[0];
        int limit = Integer.parseInt(args[1]);
        int epochs = Integer.parseInt(args[2]);
        int rounds = Integer.parseInt(args[3]);
        int threads = Integer.parseInt(args[4]);
        Path dir = Files.createTempDirectory("verdant-int8-bench");
        Path spec = dir.resolve("s.yaml");
        Files.writeString(spec, "name: int8-bench\ndataset: { name: mnist, path: " + folder + ", limit: " + limit
                + " }\nmodel: { arch: lenet5 }\ntraining: { epochs: " + epochs + ", batchSize: 128 }\n"
                + "compression: [{ type: quantize, bits: 8 }]\ndevice: cpu\n");
        Path result = dir.resolve("result.json");
        Path db = dir.resolve("v.db");
        int code = VerdantCommand.execute("run", spec.toString(), "--out", result.toString(), "--db", db.toString());
        if (code != 0) {
            throw new IllegalStateException("training failed: exit " + code);
        }
        JsonNode json = ResultJson.mapper().readTree(Files.readString(result));
        long id = json.get("id").asLong();
        Path fp32 = dir.resolve("fp32.onnx");
        Path int8 = dir.resolve("int8.onnx");
        ModelExport.Exported q;
        try (RunStore store = RunStore.openForReading(db)) {
            ModelExport.onnx(store, id, fp32, true, false);
            q = ModelExport.onnx(store, id, int8, false, true);
        }
        LoadedData data = Datasets.load(SpecCodec.parse(Files.readString(spec)).dataset(), 42);
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        OrtSession.SessionOptions options = new OrtSession.SessionOptions();
        options.setIntraOpNumThreads(threads);
        options.setInterOpNumThreads(1);
        options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
        OrtSession.SessionOptions dump = new OrtSession.SessionOptions();
        dump.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
        if (System.getProperty("bench.dump") != null) {
            // the graph ONNX Runtime actually runs, to see which operators it fused into integer kernels
            dump.setOptimizedModelFilePath(System.getProperty("bench.dump"));
            env.createSession(int8.toString(), dump).close();
        }
        try (OrtSession f = env.createSession(fp32.toString(), options);
             OrtSession i = env.createSession(int8.toString(), options)) {
            float[] x = Arrays.copyOf(data.validation().features(), 64 * 784);
            double[] tf = new double[rounds];
            double[] ti = new double[rounds];
            for (int r = 0; r < rounds; r++) {
                tf[r] = latency(env, f, x);
                ti[r] = latency(env, i, x);
            }
            Arrays.sort(tf);
            Arrays.sort(ti);
            double mf = tf[rounds / 2];
            double mi = ti[rounds / 2];
            System.out.printf(Locale.ROOT, "weighted layers: %s%n", String.join(", ", q.int8()));
            System.out.printf(Locale.ROOT, "latency per batch of 64 (median of %d, %d threads): fp32 %.3f ms, "
                    + "int8 %.3f ms, speed-up %.2fx%n", rounds, threads, mf * 1e3, mi * 1e3, mf / mi);
            System.out.printf(Locale.ROOT, "accuracy on %d validation samples: trained (DJL) %.4f, fp32 ONNX %.4f; "
                            + "simulated int8 (DJL) %.4f, int8 ONNX Runtime %.4f (difference %.2f points)%n",
                    data.validation().size(), json.at("/final/accuracy").asDouble(),
                    accuracy(env, f, data), json.at("/final/deliveredAccuracy").asDouble(), accuracy(env, i, data),
                    100 * (accuracy(env, i, data) - json.at("/final/deliveredAccuracy").asDouble()));
        }
    }

    /** Seconds per run of one batch of 64: median of 50 runs after 10 warm-up runs. */
    private static double latency(OrtEnvironment env, OrtSession s, float[] x) throws Exception {
        try (OnnxTensor in = OnnxTensor.createTensor(env, FloatBuffer.wrap(x), new long[] {64, 1, 28, 28})) {
            double[] t = new double[50];
            for (int k = -10; k < t.length; k++) {
                long start = System.nanoTime();
                try (OrtSession.Result r = s.run(Map.of("input", in))) {
                    if (k >= 0) {
                        t[k] = (System.nanoTime() - start) / 1e9;
                    }
                }
            }
            Arrays.sort(t);
            return t[t.length / 2];
        }
    }

    private static double accuracy(OrtEnvironment env, OrtSession s, LoadedData data) throws Exception {
        int n = data.validation().size();
        int correct = 0;
        for (int from = 0; from < n; from += 1000) {
            int size = Math.min(1000, n - from);
            float[] x = new float[size * 784];
            for (int k = 0; k < size; k++) {
                data.validation().copySample(from + k, x, k * 784);
            }
            try (OnnxTensor in = OnnxTensor.createTensor(env, FloatBuffer.wrap(x), new long[] {size, 1, 28, 28});
                 OrtSession.Result r = s.run(Map.of("input", in))) {
                float[][] logits = (float[][]) r.get(0).getValue();
                for (int k = 0; k < size; k++) {
                    int best = 0;
                    for (int c = 1; c < 10; c++) {
                        best = logits[k][c] > logits[k][best] ? c : best;
                    }
                    correct += best == data.validation().labels()[from + k] ? 1 : 0;
                }
            }
        }
        return (double) correct / n;
    }
}
