package dev.verdant.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.verdant.result.ResultJson;
import dev.verdant.result.RunResult;
import dev.verdant.result.RunStatus;
import dev.verdant.store.RunStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The README's promise for Ctrl-C, held against a real {@code verdant run} child process: SIGINT (and SIGTERM)
 * stop the run at the next batch, the result JSON is still written, the store says {@code cancelled}, and the
 * process exits 3 (issue 19, point 2).
 */
@Timeout(240)
class SignalTest {

    private static final int EPOCHS = 2000;

    @TempDir
    Path dir;

    @Test
    void ctrlCStopsAtTheNextBatchWritesTheResultAndExitsThree() throws Exception {
        stopsCleanlyOn("INT");
    }

    @Test
    void sigtermDoesTheSame() throws Exception {
        stopsCleanlyOn("TERM");
    }

    @Test
    void aSecondCtrlCQuitsAtOnceAndTheStoreKeepsTheEpochs() throws Exception {
        Path spec = dir.resolve("long.yaml");
        Files.writeString(spec, "name: forced\ndataset: { name: digits }\nmodel: { hidden: [32] }\n"
                + "training: { epochs: " + EPOCHS + " }\ndevice: cpu\n");
        Path db = dir.resolve("v.db");
        Path result = dir.resolve("result.json");
        Child child = Child.start("run", spec.toString(), "--out", result.toString(), "--db", db.toString());
        assertTrue(child.awaitLine("epoch 2/", 150), "training never reached epoch 2: " + child.stderr());
        // Another process holds the store's write lock, so the orderly stop cannot finish (it waits to record
        // the run) and the second Ctrl-C surely arrives while it waits: the user's "quit now" must win.
        try (Connection other = DriverManager.getConnection("jdbc:sqlite:" + db);
             Statement st = other.createStatement()) {
            st.execute("BEGIN IMMEDIATE");
            child.signal("INT");
            assertTrue(child.awaitLine("stopping at the next batch", 30), child.stderr());
            child.signal("INT");
            assertTrue(child.process.waitFor(60, TimeUnit.SECONDS), "still running after two Ctrl-C");
            st.execute("ROLLBACK");
        }
        assertEquals(StopOnSignal.FORCED_EXIT, child.process.exitValue(), child.stderr());
        assertTrue(child.stderr().contains("quitting now"), child.stderr());
        assertTrue(!Files.exists(result), "a forced quit writes no result");
        try (RunStore store = RunStore.open(db)) { // opening notices the dead owner
            RunResult stored = store.load(1).orElseThrow();
            assertEquals(RunStatus.INTERRUPTED, stored.status());
            assertTrue(stored.epochs().size() >= 2, "the committed epochs stay: " + stored.epochs().size());
        }
    }

    private void stopsCleanlyOn(String signal) throws Exception {
        Path spec = dir.resolve("long.yaml");
        Files.writeString(spec, "name: long-run\ndataset: { name: digits }\nmodel: { hidden: [32] }\n"
                + "training: { epochs: " + EPOCHS + " }\ndevice: cpu\n");
        Path result = dir.resolve("result.json");
        Path db = dir.resolve("v.db");
        Child child = Child.start("run", spec.toString(), "--out", result.toString(), "--db", db.toString());
        assertTrue(child.awaitLine("epoch 2/", 150), "training never reached epoch 2: " + child.stderr());
        long signalled = System.nanoTime();
        child.signal(signal);
        assertTrue(child.process.waitFor(90, TimeUnit.SECONDS), "still running after SIG" + signal);
        double seconds = (System.nanoTime() - signalled) / 1e9;
        assertEquals(ExitCode.CANCELLED, child.process.exitValue(), child.stderr());
        assertTrue(child.stderr().contains("stopping at the next batch"), child.stderr());

        JsonNode json = ResultJson.mapper().readTree(Files.readString(result));
        assertEquals("cancelled", json.get("status").asText(), json.toString());
        int epochs = json.get("epochs").size();
        assertTrue(epochs >= 2 && epochs < EPOCHS, "epochs in the result: " + epochs);
        long id = json.get("id").asLong();
        try (RunStore store = RunStore.open(db)) {
            RunResult stored = store.load(id).orElseThrow();
            assertEquals(RunStatus.CANCELLED, stored.status());
            assertEquals(epochs, stored.epochs().size(), "every epoch of the result is in the store");
        }
        // "at the next batch": far sooner than the thousands of epochs left (an epoch takes well under a second)
        assertTrue(seconds < 60, "took " + seconds + " s to stop");
    }

    /** A {@code verdant} command in its own JVM, with its stderr collected line by line. */
    static final class Child {
        final Process process;
        private final List<String> lines = new ArrayList<>();
        private final CountDownLatch closed = new CountDownLatch(1);

        private Child(Process process) {
            this.process = process;
            Thread reader = new Thread(() -> {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getErrorStream(),
                        StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = r.readLine()) != null) {
                        synchronized (lines) {
                            lines.add(line);
                            lines.notifyAll();
                        }
                    }
                } catch (IOException ignored) {
                    // the child ended; what it wrote is in lines
                } finally {
                    closed.countDown();
                }
            }, "child-stderr");
            reader.setDaemon(true);
            reader.start();
        }

        /**
         * A prefix that gives the child Ctrl-C's default handling back. A shell starts a background job (`mvn test &`,
         * a CI runner's script) with SIGINT ignored, every process below inherits that, and the JVM then (rightly)
         * never installs a handler for it, so the product's Ctrl-C path could not be tested from there. GNU env's
         * {@code --default-signal} resets it; without that option the child runs as this process does.
         */
        private static final List<String> DEFAULT_SIGINT = envResetsSigint()
                ? List.of("env", "--default-signal=INT") : List.of();

        private static boolean envResetsSigint() {
            try {
                Process p = new ProcessBuilder("env", "--default-signal=INT", "true")
                        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
                return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
            } catch (IOException e) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }

        static Child start(String... args) throws IOException {
            return start(List.of("-Dai.djl.offline=true", "-DOPT_OUT_TRACKING=true"), "dev.verdant.Main", args);
        }

        /** A JVM on the test class path running {@code mainClass} with {@code jvmOptions} and {@code args}. */
        static Child start(List<String> jvmOptions, String mainClass, String... args) throws IOException {
            String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
            List<String> command = new ArrayList<>(DEFAULT_SIGINT);
            command.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m",
                    "-Dai.djl.pytorch.num_threads=1"));
            command.addAll(jvmOptions);
            command.addAll(List.of("-cp", cp, mainClass));
            command.addAll(List.of(args));
            ProcessBuilder pb = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD);
            return new Child(pb.start());
        }

        boolean awaitLine(String fragment, long seconds) throws InterruptedException {
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
            synchronized (lines) {
                while (lines.stream().noneMatch(l -> l.contains(fragment))) {
                    long left = TimeUnit.NANOSECONDS.toMillis(end - System.nanoTime());
                    if (left <= 0 || !process.isAlive() && closed.getCount() == 0) {
                        return lines.stream().anyMatch(l -> l.contains(fragment));
                    }
                    lines.wait(Math.min(left, 500));
                }
                return true;
            }
        }

        void signal(String name) throws IOException, InterruptedException {
            Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).inheritIO().start();
            assertEquals(0, kill.waitFor(), "kill -" + name);
        }

        String stderr() throws InterruptedException {
            closed.await(5, TimeUnit.SECONDS);
            synchronized (lines) {
                return String.join("\n", lines);
            }
        }
    }
}
