package dev.verdant.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.verdant.result.ResultJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RunCommandTest {

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

    @Test
    void runWritesTheDocumentedResultJson() throws Exception {
        Path spec = dir.resolve("s.yaml");
        Files.writeString(spec, "name: cli-test\ndataset: { name: digits, limit: 400 }\ntraining: { epochs: 2 }\ndevice: cpu\n");
        Path result = dir.resolve("out/result.json");
        Outcome o = verdant("run", spec.toString(), "--out", result.toString(), "--db", dir.resolve("v.db").toString());
        assertEquals(0, o.code(), o.err());
        assertTrue(o.err().contains("epoch 1/2"), o.err());
        assertTrue(o.err().contains("epoch 2/2"), o.err());
        assertTrue(o.err().contains("gCO2e"), "energy and carbon in the progress line: " + o.err());
        JsonNode json = ResultJson.mapper().readTree(Files.readString(result));
        assertEquals("cli-test", json.get("name").asText());
        assertEquals("completed", json.get("status").asText());
        assertTrue(json.get("message").isNull());
        assertEquals(42, json.at("/provenance/seed").asInt());
        assertEquals("cpu()", json.at("/provenance/device").asText());
        assertTrue(json.at("/provenance/engine").asText().startsWith("PyTorch "));
        assertEquals(64, json.at("/provenance/datasetSha256").asText().length());
        for (String field : new String[] {"accuracy", "loss", "params", "flopsPerSample", "modelBytes", "trainSeconds",
                "samplesPerSecond"}) {
            assertFalse(json.at("/final/" + field).isMissingNode(), field);
        }
        assertEquals(17_226, json.at("/final/params").asLong());
        assertEquals(2, json.get("epochs").size());
        assertEquals(json.at("/epochs/1/valAccuracy").asDouble(), json.at("/final/accuracy").asDouble(), 1e-12);
        // energy: this machine has no counters, so the estimator runs and says so
        assertTrue(json.at("/final/energyJoules").asDouble() > 0, json.at("/final").toString());
        assertTrue(json.at("/final/energyMethod").asText().contains(":"), json.at("/final/energyMethod").asText());
        assertTrue(json.at("/final/co2eGrams").asDouble() > 0);
        assertTrue(json.at("/final/costUsd").isNull(), "no price, no cost");
        assertTrue(json.at("/epochs/1/cumulativeEnergyJoules").asDouble() >= json.at("/epochs/0/cumulativeEnergyJoules").asDouble());
        assertTrue(json.at("/provenance/energyProbes").size() >= 2, "every probe tried is listed");
        // stored, and the store shows it
        long id = json.get("id").asLong();
        assertTrue(o.err().contains("stored as run " + id), o.err());
        assertTrue(o.err().startsWith("run " + id + " cli-test: mlp on "), "the run's id from its first line: " + o.err());
        Outcome shown = verdant("runs", "show", Long.toString(id), "--db", dir.resolve("v.db").toString());
        assertEquals(0, shown.code(), shown.err());
        assertTrue(shown.out().contains("cli-test"), shown.out());
        // re-run: same spec and seed as a new run, deterministic on CPU, same machine
        Outcome rerun = verdant("runs", "rerun", Long.toString(id), "--db", dir.resolve("v.db").toString());
        assertEquals(0, rerun.code(), rerun.err());
        assertTrue(rerun.out().contains("re-ran run " + id + " as run " + (id + 1) + " [completed]"), rerun.out());
        assertTrue(rerun.out().contains("same provenance"), rerun.out());
        try (dev.verdant.store.RunStore store = dev.verdant.store.RunStore.open(dir.resolve("v.db"))) {
            assertEquals(store.load(id).orElseThrow().epochs().stream().map(e -> e.valAccuracy()).toList(),
                    store.load(id + 1).orElseThrow().epochs().stream().map(e -> e.valAccuracy()).toList());
        }
        for (String field : new String[] {"epoch", "trainLoss", "trainAccuracy", "valLoss", "valAccuracy", "seconds",
                "samplesPerSecond"}) {
            assertFalse(json.at("/epochs/0/" + field).isMissingNode(), field);
        }
    }

    @Test
    void invalidSpecExitsNonZeroWithTheReasonAndNoStackTrace() throws Exception {
        Path spec = dir.resolve("bad.yaml");
        Files.writeString(spec, "model: { arch: mlpx }\n");
        Outcome o = verdant("run", spec.toString(), "--no-store");
        assertEquals(1, o.code());
        assertTrue(o.err().contains("model.arch: 'mlpx' is not one of mlp, lenet5, dscnn, resnet"), o.err());
        assertFalse(o.err().contains("\tat "), "no stack trace: " + o.err());
    }

    @Test
    void divergedRunExitsWithCodeTwoAndAdvice() throws Exception {
        Path spec = dir.resolve("nan.yaml");
        Files.writeString(spec, "dataset: { limit: 300 }\nmodel: { hidden: [256, 256, 256] }\n"
                + "training: { epochs: 5, optimizer: sgd, learningRate: 10.0 }\ndevice: cpu\n");
        Outcome o = verdant("run", spec.toString(), "--quiet", "--no-store");
        assertEquals(2, o.code(), o.err());
        assertTrue(o.out().contains("\"status\" : \"diverged\""), o.out());
        assertTrue(o.err().contains("lower learning rate"), o.err());
    }

    @Test
    void specDefaultsPrintsACompleteSpecThatParsesBack() {
        Outcome o = verdant("spec", "defaults");
        assertEquals(0, o.code());
        assertEquals(dev.verdant.spec.ExperimentSpec.defaults(), dev.verdant.spec.SpecCodec.parse(o.out()));
        assertTrue(o.out().contains("validationSplit: 0.2"), o.out());
    }

    @Test
    void missingSpecFileIsAClearError() {
        Outcome o = verdant("run", dir.resolve("nope.yaml").toString(), "--no-store");
        assertEquals(1, o.code());
        assertTrue(o.err().contains("file not found"), o.err());
    }
}
