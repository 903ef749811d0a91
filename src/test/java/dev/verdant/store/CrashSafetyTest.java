package dev.verdant.store;

import dev.verdant.result.RunResult;
import dev.verdant.result.RunStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A run whose process is killed (SIGKILL) mid-training is found interrupted, with its completed epochs. */
class CrashSafetyTest {

    @TempDir
    Path dir;

    @Test
    void aKilledRunIsInterruptedAndKeepsItsEpochs() throws Exception {
        Path db = dir.resolve("verdant.db");
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", classpath, CrashingWriter.class.getName(), db.toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        long runId = -1;
        int committed = 0;
        try (BufferedReader out = new BufferedReader(
                new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while (committed < 3 && (line = out.readLine()) != null) {
                if (line.startsWith("run ")) {
                    runId = Long.parseLong(line.substring(4).trim());
                } else if (line.endsWith(" committed")) {
                    committed++;
                }
            }
            assertEquals(3, committed, "the child stopped before committing 3 epochs");

            // While the child lives, another process opening the store must leave its run alone.
            try (RunStore store = RunStore.open(db)) {
                assertEquals(RunStatus.RUNNING, store.load(runId).orElseThrow().status());
            }
            child.destroyForcibly();
            assertTrue(child.waitFor(30, TimeUnit.SECONDS));
        }

        try (RunStore store = RunStore.open(db)) {
            RunResult run = store.load(runId).orElseThrow();
            assertEquals(RunStatus.INTERRUPTED, run.status());
            assertTrue(run.epochs().size() >= 3, "epochs: " + run.epochs().size());
            for (int i = 0; i < run.epochs().size(); i++) {
                assertEquals(Samples.epoch(i + 1), run.epochs().get(i));
            }
            assertTrue(run.message().contains("stopped"));
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
             ResultSet rs = c.createStatement().executeQuery("PRAGMA integrity_check")) {
            assertEquals("ok", rs.getString(1));
        }
    }
}
