package dev.verdant.bench;

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

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Issue 20 point 4, the int8 speed levers of LeNet-5: each lever (session settings, weight granularity, batch size)
 * is timed as ONNX Runtime fp32 against ONNX Runtime int8 under the same setting, in interleaved rounds (fp32, int8,
 * fp32, int8 ...), and reported as ms per batch and the median per-round ratio, with the load average of each lever.
 * Trains a per-channel and a per-tensor 8-bit LeNet-5 on MNIST first (LIMIT samples, EPOCHS epochs) and checks
 * each int8 model's accuracy through ONNX Runtime against the simulated figure.
 * Usage: OnnxInt8Levers MNIST_FOLDER LIMIT EPOCHS ROUNDS
 */
public final class OnnxInt8Levers {

    private OnnxInt8Levers() {
    }

    /** A session setting: intra-op threads and config entries, applied to both forms. */
    private record Setting(String name, int threads, Map<String, String> entries) {
    }

    public static void main(String[] args) throws Exception {
        String folder = args[0];
        int limit = Integer.parseInt(args[1]);
        int epochs = Integer.parseInt(args[2]);
        int rounds = Integer.parseInt(args[3]);
        Path dir = Files.createTempDirectory("verdant-int8-levers");
        Map<String, Path[]> models = new LinkedHashMap<>();
        LoadedData data = null;
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        for (String granularity : new String[] {"per-channel", "per-tensor"}) {
            Path run = dir.resolve(granularity);
            Files.createDirectories(run);
            Path spec = run.resolve("s.yaml");
            Path result = run.resolve("result.json");
            Path db = run.resolve("v.db");
            Files.writeString(spec, "name: int8-levers\ndataset: { name: mnist, path: " + folder + ", limit: " + limit
                    + " }\nmodel: { arch: lenet5 }\ntraining: { epochs: " + epochs + ", batchSize: 128 }\n"
                    + "compression: [{ type: quantize, bits: 8, granularity: " + granularity + " }]\ndevice: cpu\n");
            if (VerdantCommand.execute("run", spec.toString(), "--out", result.toString(), "--db", db.toString())
                    != 0) {
                throw new IllegalStateException("training failed");
            }
            JsonNode json = ResultJson.mapper().readTree(Files.readString(result));
            long id = json.get("id").asLong();
            Path fp32 = run.resolve("fp32.onnx");
            Path int8 = run.resolve("int8.onnx");
            try (RunStore store = RunStore.openForReading(db)) {
                ModelExport.onnx(store, id, fp32, true, false);
                ModelExport.onnx(store, id, int8, false, true);
                if (granularity.equals("per-channel")) {
                    Files.write(dir.resolve("integer-pool.onnx"), dev.verdant.model.OnnxExport.toInt8OnnxIntegerPool(
                            ModelExport.model(store, id, false).net(), "integer-pool", 1f / 255).onnx());
                }
            }
            if (data == null) {
                data = Datasets.load(SpecCodec.parse(Files.readString(spec)).dataset(), 42);
            }
            try (OrtSession s = env.createSession(int8.toString(), options(new Setting("", 2, Map.of())))) {
                double measured = OnnxInt8Bench.accuracy(env, s, data);
                double simulated = json.at("/final/deliveredAccuracy").asDouble();
                System.out.printf(Locale.ROOT, "%s: int8 accuracy through ONNX Runtime %.4f, simulated %.4f "
                        + "(difference %+.2f points)%n", granularity, measured, simulated, 100 * (measured - simulated));
            }
            models.put(granularity, new Path[] {fp32, int8});
        }
        try (OrtSession s = env.createSession(dir.resolve("integer-pool.onnx").toString(),
                options(new Setting("", 2, Map.of())))) {
            System.out.printf(Locale.ROOT, "per-channel, first pooling on integers (the earlier form): int8 "
                    + "accuracy through ONNX Runtime %.4f%n", OnnxInt8Bench.accuracy(env, s, data));
        }
        if (System.getProperty("bench.profile") != null) {
            Path prof = Path.of(System.getProperty("bench.profile"));
            Files.createDirectories(prof);
            OnnxInt8Bench.profile(env, models.get("per-channel")[0], "ort-fp32", 2, data, prof);
            OnnxInt8Bench.profile(env, models.get("per-channel")[1], "ort-int8", 2, data, prof);
            OnnxInt8Bench.profile(env, dir.resolve("integer-pool.onnx"), "ort-int8-integer-pool", 2, data, prof);
        }
        models.put("integer-pool", new Path[] {models.get("per-channel")[0], dir.resolve("integer-pool.onnx")});
        List<Setting> settings = List.of(
                new Setting("2 threads, no spin (current)", 2, Map.of("session.intra_op.allow_spinning", "0")),
                new Setting("2 threads, spin", 2, Map.of("session.intra_op.allow_spinning", "1")),
                new Setting("1 thread", 1, Map.of("session.intra_op.allow_spinning", "0")),
                new Setting("2 threads, no spin, dynamic_block_base 4", 2, Map.of(
                        "session.intra_op.allow_spinning", "0", "session.dynamic_block_base", "4")),
                new Setting("2 threads, no spin, x64quantprecision (U8U8)", 2, Map.of(
                        "session.intra_op.allow_spinning", "0", "session.x64quantprecision", "1")));
        // the graph forms head to head: the current int8 graph (pooled in float first) against integer pooling
        for (int batch : new int[] {64, 256}) {
            Setting current = new Setting("", 2, Map.of("session.intra_op.allow_spinning", "0"));
            try (OrtSession a = env.createSession(models.get("per-channel")[1].toString(), options(current));
                 OrtSession b = env.createSession(dir.resolve("integer-pool.onnx").toString(), options(current))) {
                float[] x = OnnxInt8Bench.input(data, batch);
                double[] am = new double[rounds];
                double[] bm = new double[rounds];
                double[] ratio = new double[rounds];
                for (int r = 0; r < rounds; r++) {
                    am[r] = OnnxInt8Bench.latency(env, a, x, batch);
                    bm[r] = OnnxInt8Bench.latency(env, b, x, batch);
                    ratio[r] = bm[r] / am[r];
                }
                System.out.printf(Locale.ROOT, "int8 pooled in float first (current) %.3f ms, int8 integer pooling "
                        + "%.3f ms at batch %d: pooled first %.2fx as fast (median of per-round ratios); load %s%n",
                        OnnxInt8Bench.median(am), OnnxInt8Bench.median(bm), batch, OnnxInt8Bench.median(ratio),
                        Files.readString(Path.of("/proc/loadavg")).substring(0, 14));
            }
        }
        if ("forms".equals(System.getProperty("bench.only"))) {
            settings = settings.subList(0, 1); // -Dbench.only=forms: the graph forms under the current setting only
        }
        System.out.printf(Locale.ROOT, "%-46s %-11s %5s %10s %10s %7s  %s%n", "setting", "weights", "batch",
                "fp32 ms", "int8 ms", "ratio", "load average");
        for (Setting s : settings) {
            for (Map.Entry<String, Path[]> m : models.entrySet()) {
                if (!m.getKey().equals("per-channel") && !s.name().endsWith("(current)")
                        && !s.name().equals(System.getProperty("bench.setting", ""))) {
                    continue; // weight granularity is compared under the current setting only
                }
                for (int batch : new int[] {64, 256}) {
                    try (OrtSession f = env.createSession(m.getValue()[0].toString(), options(s));
                         OrtSession q = env.createSession(m.getValue()[1].toString(), options(s))) {
                        float[] x = OnnxInt8Bench.input(data, batch);
                        double[] fm = new double[rounds];
                        double[] qm = new double[rounds];
                        double[] ratio = new double[rounds];
                        for (int r = 0; r < rounds; r++) {
                            fm[r] = OnnxInt8Bench.latency(env, f, x, batch);
                            qm[r] = OnnxInt8Bench.latency(env, q, x, batch);
                            ratio[r] = fm[r] / qm[r];
                        }
                        System.out.printf(Locale.ROOT, "%-46s %-11s %5d %10.3f %10.3f %6.2fx  %s%n", s.name(),
                                m.getKey(), batch, OnnxInt8Bench.median(fm), OnnxInt8Bench.median(qm), OnnxInt8Bench.median(ratio),
                                Files.readString(Path.of("/proc/loadavg")).substring(0, 14));
                    }
                }
            }
        }
    }

    private static OrtSession.SessionOptions options(Setting s) throws Exception {
        OrtSession.SessionOptions o = new OrtSession.SessionOptions();
        o.setIntraOpNumThreads(s.threads());
        o.setInterOpNumThreads(1);
        o.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
        for (Map.Entry<String, String> e : s.entries().entrySet()) {
            o.addConfigEntry(e.getKey(), e.getValue());
        }
        return o;
    }
}
