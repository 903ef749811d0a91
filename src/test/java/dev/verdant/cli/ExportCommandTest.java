package dev.verdant.cli;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import com.fasterxml.jackson.databind.JsonNode;
import dev.verdant.data.Datasets;
import dev.verdant.data.LoadedData;
import dev.verdant.data.Split;
import dev.verdant.result.ResultJson;
import dev.verdant.spec.DatasetSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code verdant export RUN_ID --format onnx}: the file ONNX Runtime runs classifies as the stored run did. */
class ExportCommandTest {

    @TempDir
    Path dir;

    private record Outcome(int code, String out, String err) {
    }

    private static Outcome verdant(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        picocli.CommandLine cli = VerdantCommand.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int code = cli.execute(args);
        return new Outcome(code, out.toString(), err.toString());
    }

    /** Accuracy of an ONNX file on a split, through ONNX Runtime. */
    private static double ortAccuracy(Path onnx, Split split, long[] shape) throws Exception {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        long[] dims = new long[shape.length + 1];
        dims[0] = split.size();
        System.arraycopy(shape, 0, dims, 1, shape.length);
        try (OrtSession s = env.createSession(onnx.toString(), new OrtSession.SessionOptions());
             OnnxTensor in = OnnxTensor.createTensor(env, FloatBuffer.wrap(split.features()), dims);
             OrtSession.Result r = s.run(Map.of("input", in))) {
            float[][] logits = (float[][]) r.get("logits").orElseThrow().getValue();
            int correct = 0;
            for (int i = 0; i < logits.length; i++) {
                int best = 0;
                for (int k = 1; k < logits[i].length; k++) {
                    best = logits[i][k] > logits[i][best] ? k : best;
                }
                correct += best == split.labels()[i] ? 1 : 0;
            }
            return (double) correct / split.size();
        }
    }

    @Test
    void exportsTheTrainedAndTheCompressedModel() throws Exception {
        Path spec = dir.resolve("s.yaml");
        Files.writeString(spec, "name: export-test\ndataset: { name: digits }\nmodel: { arch: mlp }\n"
                + "training: { epochs: 6 }\ncompression: [{ type: quantize, bits: 8 }]\ndevice: cpu\n");
        Path result = dir.resolve("result.json");
        String db = dir.resolve("v.db").toString();
        Outcome run = verdant("run", spec.toString(), "--out", result.toString(), "--db", db);
        assertEquals(0, run.code(), run.err());
        // the quantize step's int8 figures, measured on ONNX Runtime's integer kernels and labelled so
        assertTrue(run.err().contains("int8 inference measured (onnxruntime int8), onnxruntime 1."), run.err());
        assertTrue(run.err().contains("integer kernels in 2 of 3 weighted layers (float input, int8, int8)"), run.err());
        JsonNode json = ResultJson.mapper().readTree(Files.readString(result));
        long id = json.get("id").asLong();
        assertEquals("measured (onnxruntime int8)", json.at("/compression/1/int8/how").asText(), json.toString());
        assertEquals("int8", json.at("/compression/1/int8/layers/1").asText());
        assertTrue(json.at("/compression/1/int8/latencyMsBatch64").asDouble() > 0);
        LoadedData data = Datasets.load(DatasetSpec.defaults(), 42);

        Path trained = dir.resolve("trained.onnx");
        Outcome t = verdant("export", Long.toString(id), "--format", "onnx", "--trained", "-o", trained.toString(),
                "--db", db);
        assertEquals(0, t.code(), t.err());
        assertTrue(t.out().contains("trained model of run " + id), t.out());
        assertEquals(json.at("/final/accuracy").asDouble(), ortAccuracy(trained, data.validation(),
                data.sampleShape()), 1e-9, "ONNX Runtime classifies the validation split as DJL did");

        Path delivered = dir.resolve("delivered.onnx");
        Outcome d = verdant("export", Long.toString(id), "--out", delivered.toString(), "--db", db);
        assertEquals(0, d.code(), d.err());
        assertTrue(d.out().contains("compressed model"), d.out());
        assertEquals(json.at("/final/deliveredAccuracy").asDouble(), ortAccuracy(delivered, data.validation(),
                data.sampleShape()), 1e-9, "the quantised model's simulated accuracy, reproduced by ONNX Runtime");

        // int8 for integer kernels (QDQ): the first layer keeps a float input, the others run on integers
        Path int8 = dir.resolve("int8.onnx");
        Outcome q = verdant("export", Long.toString(id), "--int8", "-o", int8.toString(), "--db", db);
        assertEquals(0, q.code(), q.err());
        assertTrue(q.out().contains("weighted layers: float input, int8, int8 ("), q.out());
        assertEquals(json.at("/final/deliveredAccuracy").asDouble(), ortAccuracy(int8, data.validation(),
                data.sampleShape()), 0.001, "int8 through ONNX Runtime within 0.1 point of the simulated accuracy");
        Outcome notQuantised = verdant("export", Long.toString(id), "--int8", "--trained", "--db", db);
        assertEquals(ExitCode.FAILED, notQuantised.code());
        assertTrue(notQuantised.err().contains("needs a run whose compression ends with a quantize step"),
                notQuantised.err());

        Outcome bad = verdant("export", Long.toString(id), "--format", "tflite", "--db", db);
        assertEquals(ExitCode.USAGE, bad.code());
        assertTrue(bad.err().contains("use --format onnx"), bad.err());
        Outcome missing = verdant("export", "999", "--db", db);
        assertEquals(ExitCode.FAILED, missing.code());
        assertTrue(missing.err().contains("no run with id 999"), missing.err());
    }
}
