package dev.verdant.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import com.fasterxml.jackson.databind.JsonNode;
import dev.verdant.cli.VerdantCommand;
import dev.verdant.data.Datasets;
import dev.verdant.data.LoadedData;
import dev.verdant.model.Batches;
import dev.verdant.model.Net;
import dev.verdant.model.NetBlocks;
import dev.verdant.model.OnnxExport;
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
import java.util.TreeMap;

/**
 * fp32 against int8 inference for a LeNet-5 trained on MNIST and quantised to 8 bits: ONNX Runtime fp32, ONNX Runtime
 * int8 as exported (integer kernels, activations 8-bit up to the logits), ONNX Runtime int8 with the other form of
 * the first layer (integer when the export keeps it float, and the reverse), and DJL (PyTorch) fp32, timed in interleaved rounds at batch 1, 64 and 256 with the same
 * ONNX Runtime thread settings; then validation accuracy of the int8 model against the simulated figure.
 * Usage: OnnxInt8Bench MNIST_FOLDER LIMIT EPOCHS ROUNDS THREADS; {@code -Dbench.arch=mlp} times another
 * architecture (default lenet5). {@code -Dbench.profile=DIR} also writes ONNX
 * Runtime's per-node profile of each form at batch 64 and prints the time per operator type;
 * {@code -Dbench.dump=FILE} writes the int8 graph as ONNX Runtime optimised it.
 */
public final class OnnxInt8Bench {

    private static final int[] BATCHES = {1, 64, 256};
    private static final String[] FORMS = {"ort-fp32", "ort-int8", "ort-int8-other-first", "djl-fp32"};

    private OnnxInt8Bench() {
    }

    public static void main(String[] args) throws Exception {
        String folder = args[0];
        int limit = Integer.parseInt(args[1]);
        int epochs = Integer.parseInt(args[2]);
        int rounds = Integer.parseInt(args[3]);
        int threads = Integer.parseInt(args[4]);
        // -Dbench.reuse=DIR: the trained run of an earlier bench (its folder is printed), to time exports only
        String reuse = System.getProperty("bench.reuse");
        Path dir = reuse != null ? Path.of(reuse) : Files.createTempDirectory("verdant-int8-bench");
        Path spec = dir.resolve("s.yaml");
        Path result = dir.resolve("result.json");
        Path db = dir.resolve("v.db");
        if (reuse == null) {
            Files.writeString(spec, "name: int8-bench\ndataset: { name: mnist, path: " + folder + ", limit: "
                    + limit + " }\nmodel: { arch: " + System.getProperty("bench.arch", "lenet5") + " }\ntraining: { epochs: " + epochs + ", batchSize: 128 }\n"
                    + "compression: [{ type: quantize, bits: 8 }]\ndevice: cpu\n");
            int code = VerdantCommand.execute("run", spec.toString(), "--out", result.toString(), "--db",
                    db.toString());
            if (code != 0) {
                throw new IllegalStateException("training failed: exit " + code);
            }
            System.out.println("trained run kept in " + dir + " (-Dbench.reuse=" + dir + " times it again)");
        }
        JsonNode json = ResultJson.mapper().readTree(Files.readString(result));
        long id = json.get("id").asLong();
        Path fp32 = dir.resolve("fp32.onnx");
        Path int8 = dir.resolve("int8.onnx");
        ModelExport.Exported q;
        Net trained;
        Net quantised;
        try (RunStore store = RunStore.openForReading(db)) {
            ModelExport.onnx(store, id, fp32, true, false);
            q = ModelExport.onnx(store, id, int8, false, true);
            trained = ModelExport.model(store, id, true).net();
            quantised = ModelExport.model(store, id, false).net();
        }
        // the other first-layer form: all-integer when the export keeps it float, float when it is integer
        Path int8Other = dir.resolve("int8-other-first.onnx");
        OnnxExport.Int8 other = q.int8().get(0).equals("float input")
                ? OnnxExport.toInt8OnnxIntegerFirst(quantised, "integer-first", 1f / 255)
                : OnnxExport.toInt8Onnx(quantised, "float-first");
        Files.write(int8Other, other.onnx());
        FORMS[2] = other.layers().get(0).equals("int8") ? "ort-int8-integer-first" : "ort-int8-float-first";
        LoadedData data = Datasets.load(SpecCodec.parse(Files.readString(spec)).dataset(), 42);
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        if (System.getProperty("bench.dump") != null) {
            // the graph ONNX Runtime actually runs, to see which operators it fused into integer kernels
            OrtSession.SessionOptions dump = options(threads);
            dump.setOptimizedModelFilePath(System.getProperty("bench.dump"));
            env.createSession(int8.toString(), dump).close();
        }
        Path[] files = {fp32, int8, int8Other};
        if (System.getProperty("bench.profile") != null) {
            for (int k = 0; k < files.length; k++) {
                profile(env, files[k], FORMS[k], threads, data, Path.of(System.getProperty("bench.profile")));
            }
        }
        System.out.printf(Locale.ROOT, "weighted layers: %s%n", String.join(", ", q.int8()));
        OrtSession[] sessions = new OrtSession[files.length];
        for (int k = 0; k < files.length; k++) {
            sessions[k] = env.createSession(files[k].toString(), options(threads));
        }
        try (NDManager m = NDManager.newBaseManager()) {
            Block djl = NetBlocks.build(trained);
            djl.initialize(m, DataType.FLOAT32, Batches.withBatch(1, trained.inputShape()));
            NetBlocks.copyInto(trained, djl);
            // ms[form][batch][round]
            double[][][] ms = new double[FORMS.length][BATCHES.length][rounds];
            for (int r = 0; r < rounds; r++) {
                for (int b = 0; b < BATCHES.length; b++) {
                    float[] x = input(data, BATCHES[b]);
                    for (int k = 0; k < files.length; k++) {
                        ms[k][b][r] = latency(env, sessions[k], x, BATCHES[b]);
                    }
                    ms[3][b][r] = latency(m, djl, x, BATCHES[b], trained.inputShape());
                }
            }
            System.out.printf(Locale.ROOT, "latency, ms per batch (median of %d interleaved rounds, each the median of "
                    + "50 runs after 10 warm-up; ONNX Runtime %d intra-op threads, DJL default threads):%n", rounds,
                    threads);
            System.out.printf(Locale.ROOT, "  %-22s %10s %10s %10s%n", "form", "batch 1", "batch 64", "batch 256");
            for (int k = 0; k < FORMS.length; k++) {
                System.out.printf(Locale.ROOT, "  %-22s %10.3f %10.3f %10.3f%n", FORMS[k], median(ms[k][0]),
                        median(ms[k][1]), median(ms[k][2]));
            }
            System.out.println("speed-up of ort-int8 (median of per-round ratios):");
            for (int b = 0; b < BATCHES.length; b++) {
                System.out.printf(Locale.ROOT, "  batch %3d: %.2fx ort-fp32, %.2fx djl-fp32, %.2fx %s%n",
                        BATCHES[b], ratio(ms[0][b], ms[1][b]), ratio(ms[3][b], ms[1][b]), ratio(ms[2][b], ms[1][b]),
                        FORMS[2]);
            }
        }
        double simulated = json.at("/final/deliveredAccuracy").asDouble();
        double int8Accuracy = accuracy(env, sessions[1], data);
        System.out.printf(Locale.ROOT, "accuracy on %d validation samples: trained (DJL) %.4f, fp32 ONNX %.4f; "
                        + "simulated int8 (DJL) %.4f, int8 ONNX Runtime %.4f (difference %+.2f points)%n",
                data.validation().size(), json.at("/final/accuracy").asDouble(), accuracy(env, sessions[0], data),
                simulated, int8Accuracy, 100 * (int8Accuracy - simulated));
        for (OrtSession s : sessions) {
            s.close();
        }
    }

    static OrtSession.SessionOptions options(int threads) throws Exception {
        OrtSession.SessionOptions o = new OrtSession.SessionOptions();
        o.setIntraOpNumThreads(threads);
        o.setInterOpNumThreads(1);
        o.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
        // as the quantize step runs it: waiting threads sleep (spinning pools collapse on a shared machine)
        o.addConfigEntry("session.intra_op.allow_spinning", System.getProperty("bench.spin", "0"));
        return o;
    }

    static float[] input(LoadedData data, int batch) {
        float[] x = new float[batch * 784];
        for (int k = 0; k < batch; k++) {
            data.validation().copySample(k % data.validation().size(), x, k * 784);
        }
        return x;
    }

    /** Milliseconds per run of one batch: median of 50 runs after 10 warm-up runs. */
    static double latency(OrtEnvironment env, OrtSession s, float[] x, int batch) throws Exception {
        long[] shape = ((ai.onnxruntime.TensorInfo) s.getInputInfo().get("input").getInfo()).getShape();
        shape[0] = batch;
        try (OnnxTensor in = OnnxTensor.createTensor(env, FloatBuffer.wrap(x), shape)) {
            double[] t = new double[50];
            for (int k = -10; k < t.length; k++) {
                long start = System.nanoTime();
                try (OrtSession.Result r = s.run(Map.of("input", in))) {
                    if (k >= 0) {
                        t[k] = (System.nanoTime() - start) / 1e6;
                    }
                }
            }
            return median(t);
        }
    }

    /** DJL's forward pass, logits read back, timed the same way. */
    private static double latency(NDManager m, Block block, float[] x, int batch, long[] shape) {
        double[] t = new double[50];
        try (NDManager sub = m.newSubManager()) {
            NDArray in = sub.create(x, Batches.withBatch(batch, shape));
            for (int k = -10; k < t.length; k++) {
                long start = System.nanoTime();
                try (NDManager step = sub.newSubManager()) {
                    NDArray out = block.forward(new ParameterStore(step, false), new NDList(in), false)
                            .singletonOrThrow();
                    out.toFloatArray();
                    out.close();
                }
                if (k >= 0) {
                    t[k] = (System.nanoTime() - start) / 1e6;
                }
            }
        }
        return median(t);
    }

    static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    /** Median over rounds of slow/fast. */
    private static double ratio(double[] slow, double[] fast) {
        double[] r = new double[slow.length];
        for (int i = 0; i < r.length; i++) {
            r[i] = slow[i] / fast[i];
        }
        return median(r);
    }

    /** ONNX Runtime's profile of 200 runs at batch 64: milliseconds per run by operator type. */
    static void profile(OrtEnvironment env, Path model, String form, int threads, LoadedData data, Path dir)
            throws Exception {
        Files.createDirectories(dir);
        OrtSession.SessionOptions o = options(threads);
        o.enableProfiling(dir.resolve(form).toString());
        float[] x = input(data, 64);
        String file;
        try (OrtSession s = env.createSession(model.toString(), o)) {
            long[] shape = ((ai.onnxruntime.TensorInfo) s.getInputInfo().get("input").getInfo()).getShape();
            shape[0] = 64;
            OnnxTensor in = OnnxTensor.createTensor(env, FloatBuffer.wrap(x), shape);
            for (int k = 0; k < 200; k++) {
                s.run(Map.of("input", in)).close();
            }
            file = s.endProfiling();
            in.close();
        }
        Map<String, double[]> byOp = new TreeMap<>();
        for (JsonNode e : ResultJson.mapper().readTree(Files.readString(Path.of(file)))) {
            if ("Node".equals(e.path("cat").asText()) && e.path("name").asText().endsWith("_kernel_time")) {
                String op = e.at("/args/op_name").asText() + e.at("/args/output_type_shape/0").toString()
                        .replace("\"", "");
                double[] v = byOp.computeIfAbsent(op, k -> new double[2]);
                v[0] += e.path("dur").asDouble() / 1e3 / 200;
                v[1] += 1.0 / 200;
            }
        }
        StringBuilder line = new StringBuilder(form + " profile, ms per batch of 64 by operator and output:");
        double total = 0;
        for (Map.Entry<String, double[]> op : byOp.entrySet()) {
            line.append(String.format(Locale.ROOT, "%n    %-40s %.3f (x%.0f)", op.getKey(), op.getValue()[0],
                    op.getValue()[1]));
            total += op.getValue()[0];
        }
        System.out.println(line.append(String.format(Locale.ROOT, "; total %.3f", total)));
    }

    static double accuracy(OrtEnvironment env, OrtSession s, LoadedData data) throws Exception {
        int n = data.validation().size();
        int correct = 0;
        for (int from = 0; from < n; from += 1000) {
            int size = Math.min(1000, n - from);
            float[] x = new float[size * 784];
            for (int k = 0; k < size; k++) {
                data.validation().copySample(from + k, x, k * 784);
            }
            long[] shape = ((ai.onnxruntime.TensorInfo) s.getInputInfo().get("input").getInfo()).getShape();
            shape[0] = size;
            try (OnnxTensor in = OnnxTensor.createTensor(env, FloatBuffer.wrap(x), shape);
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
