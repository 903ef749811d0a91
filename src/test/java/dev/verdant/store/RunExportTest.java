package dev.verdant.store;

import dev.verdant.result.RunResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RunExportTest {

    @TempDir
    Path dir;

    @Test
    void anExportedRunImportsBackEqualExceptTheId() {
        try (RunStore store = RunStore.open(dir.resolve("v.db"))) {
            long id = store.createRun(Samples.spec("roundtrip"), Samples.provenance("Intel Xeon"));
            RunResult finished = Samples.result("roundtrip", 0.92, 55.5);
            for (var e : finished.epochs()) {
                store.appendEpoch(id, e);
            }
            store.appendPower(id, finished.power());
            store.finishRun(id, finished);
            RunResult stored = store.load(id).orElseThrow();

            String json = RunExport.json(List.of(stored));
            List<RunResult> parsed = RunExport.parseJson(json);
            long copy = store.importRun(parsed.get(0));
            assertEquals(stored.withId(copy), store.load(copy).orElseThrow());
            assertEquals(finished.withId(id), stored);
        }
    }

    @Test
    void severalRunsExportAsAnArray() {
        List<RunResult> runs = List.of(Samples.result("a", 0.9, null).withId(1L),
                Samples.result("b", 0.8, 2.0).withId(2L));
        String json = RunExport.json(runs);
        assertTrue(json.strip().startsWith("["));
        assertEquals(runs, RunExport.parseJson(json));
    }

    @Test
    void csvHasOneRowPerRunOrPerEpoch() {
        List<RunResult> runs = List.of(Samples.result("a,b", 0.9, null).withId(1L),
                Samples.result("c", 0.8, 2.0).withId(2L));
        String[] lines = RunExport.runsCsv(runs).split("\n");
        assertEquals(3, lines.length);
        assertEquals(String.join(",", RunExport.RUN_COLUMNS), lines[0]);
        assertTrue(lines[1].startsWith("1,\"a,b\",completed,digits,mlp,7,3,0.9,"), lines[1]);
        assertTrue(lines[2].contains(",2.0,20.0,"), lines[2]);

        String[] epochLines = RunExport.epochsCsv(runs).split("\n");
        assertEquals(1 + 6, epochLines.length);
        assertTrue(epochLines[4].startsWith("2,c,1,1.0,"), epochLines[4]);
    }

    @Test
    void csvQuotesOnlyWhatNeedsIt() {
        assertEquals("plain", RunExport.escape("plain"));
        assertEquals("\"say \"\"hi\"\"\"", RunExport.escape("say \"hi\""));
    }
}
