package dev.verdant.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.verdant.result.GroupStatistics;
import dev.verdant.result.ResultJson;
import dev.verdant.result.RunResult;
import dev.verdant.spec.SpecCodec;
import dev.verdant.store.RunStore;
import dev.verdant.store.StoredGroup;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code verdant run} with {@code repeats: 3}: a real tiny group (digits, 1 epoch), stored and read back. */
class RunGroupCommandTest {

    @TempDir
    Path dir;

    @Test
    void aSpecWithRepeatsRunsAStoredGroupAndSummarisesIt() throws Exception {
        Path spec = dir.resolve("g.yaml");
        Files.writeString(spec, "name: trio\nseed: 7\nrepeats: 3\ndataset: { name: digits, limit: 300 }\n"
                + "model: { hidden: [16] }\ntraining: { epochs: 1 }\ndevice: cpu\n");
        Path db = dir.resolve("v.db");
        Path result = dir.resolve("group.json");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        picocli.CommandLine cli = VerdantCommand.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int code = cli.execute("run", spec.toString(), "--out", result.toString(), "--db", db.toString());
        assertEquals(0, code, err.toString());
        assertTrue(err.toString().contains("run 3 of 3 (seed 9)"), err.toString());

        JsonNode json = ResultJson.mapper().readTree(Files.readString(result));
        JsonNode runs = json.get("runs");
        assertEquals(3, runs.size());
        List<Long> ids = new ArrayList<>();
        double[] accuracy = new double[3];
        double[] energy = new double[3];
        double[] seconds = new double[3];
        for (int i = 0; i < 3; i++) {
            RunResult member = ResultJson.read(runs.get(i).toString());
            ids.add(member.id());
            assertEquals(7L + i, member.spec().seed(), "member " + i + " runs seed + " + i);
            assertEquals(1, member.spec().repeats(), "a member is a single run: re-running it reproduces it");
            accuracy[i] = member.finalMetrics().accuracy();
            energy[i] = member.finalMetrics().energyJoules();
            seconds[i] = member.finalMetrics().trainSeconds();
        }
        JsonNode group = json.get("group");
        assertEquals(ids, toLongs(group.get("runIds")));
        assertEquals(3, group.get("completed").asInt());
        check(group.get("accuracy"), GroupStatistics.of(accuracy));
        check(group.get("energyJoules"), GroupStatistics.of(energy));
        check(group.get("trainSeconds"), GroupStatistics.of(seconds));
        String stdout = out.toString();
        assertTrue(stdout.contains("3 of 3 runs completed; mean ± 95% CI: accuracy "), stdout);
        assertTrue(stdout.contains("group " + group.get("groupId").asLong()), stdout);
        assertEquals(4, stdout.strip().lines().count(), "a line per member, then the group: " + stdout);

        try (RunStore store = RunStore.open(db)) {
            StoredGroup stored = store.group(group.get("groupId").asLong()).orElseThrow();
            assertEquals(ids, stored.runIds());
            assertEquals(3, stored.repeats());
            assertEquals("trio", stored.name());
            for (long id : ids) {
                String specYaml = SpecCodec.toYaml(store.spec(id).orElseThrow());
                assertFalse(specYaml.contains("repeats"), "the stored member spec is a plain single run: " + specYaml);
            }
        }
    }

    private static void check(JsonNode figure, GroupStatistics expected) {
        assertEquals(3, figure.get("n").asInt());
        assertEquals(expected.mean(), figure.get("mean").asDouble(), 1e-12);
        assertEquals(expected.sd(), figure.get("sd").asDouble(), 1e-12);
        assertEquals(expected.low(), figure.get("ci95Low").asDouble(), 1e-12);
        assertEquals(expected.high(), figure.get("ci95High").asDouble(), 1e-12);
        assertTrue(figure.get("ci95Low").asDouble() <= figure.get("mean").asDouble());
    }

    private static List<Long> toLongs(JsonNode array) {
        List<Long> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asLong()));
        return out;
    }
}
