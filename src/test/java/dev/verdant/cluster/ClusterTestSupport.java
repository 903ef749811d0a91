package dev.verdant.cluster;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/** Helpers shared by the cluster tests: free ports, worker child JVMs, waiting. */
final class ClusterTestSupport {

    private ClusterTestSupport() {
    }

    /** A port free on 127.0.0.1 now (tests never use Hazelcast's default 5701, which one test checks stays closed). */
    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** {@code verdant worker} in a child JVM on this test's class path, its output in {@code log}. */
    static Process startWorker(String name, int port, Path keyFile, Path log) throws IOException {
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "-Xmx512m", "-Dai.djl.pytorch.num_threads=1",
                "-Dai.djl.offline=true", "-DOPT_OUT_TRACKING=true", "dev.verdant.Main", "worker",
                "--join", "127.0.0.1:" + port, "--key", keyFile.toString(), "--name", name);
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    /** Waits up to {@code seconds} for {@code condition}; false if it never held. */
    static boolean waitFor(BooleanSupplier condition, int seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return true;
            }
            Thread.sleep(100);
        }
        return condition.getAsBoolean();
    }

    /** Kills the children (SIGKILL) and waits for them. */
    static void kill(List<Process> children) throws InterruptedException {
        for (Process p : children) {
            p.destroyForcibly();
        }
        for (Process p : children) {
            p.waitFor(20, TimeUnit.SECONDS);
        }
    }
}
