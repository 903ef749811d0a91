package dev.verdant.cluster;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Cluster mode is off by default: a {@code verdant run} (no cluster command) holds no listening TCP socket at all,
 * so nothing listens on Hazelcast's port 5701. Read from the child's own file descriptors and Linux's socket table
 * while it trains.
 */
class NoClusterNoSocketTest {

    @TempDir
    Path dir;

    @Test
    void aRunWithoutClusterCommandListensOnNoPort() throws Exception {
        Path spec = dir.resolve("plain.yaml");
        Files.writeString(spec, "name: plain\ntraining: { epochs: 40 }\ndevice: cpu\ndataset: { name: digits, limit: 300 }\n");
        Path log = dir.resolve("child.log");
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "-Dai.djl.pytorch.num_threads=1",
                "-Dai.djl.offline=true", "-DOPT_OUT_TRACKING=true", "dev.verdant.Main", "run", spec.toString(),
                "--no-store").redirectErrorStream(true).redirectOutput(log.toFile()).start();
        int checksWhileTraining = 0;
        Set<Integer> listening = new HashSet<>();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
            while (child.isAlive() && System.nanoTime() < deadline && checksWhileTraining < 20) {
                boolean training = Files.readString(log).contains("epoch");
                Set<Integer> ports = listeningPorts(child.pid());
                if (child.isAlive() && training) {
                    listening.addAll(ports);
                    checksWhileTraining++;
                }
                Thread.sleep(100);
            }
        } finally {
            child.destroyForcibly();
            child.waitFor(20, TimeUnit.SECONDS);
        }
        assertTrue(checksWhileTraining > 0, "the child was seen training; its log: " + Files.readString(log));
        assertEquals(Set.of(), listening, "ports the child listened on");
    }

    @Test
    void theProbeSeesACoordinatorsListeningPort() throws Exception {
        int port = ClusterTestSupport.freePort();
        try (ClusterTrialExecutor coordinator = ClusterTrialExecutor.start(
                ClusterTrialExecutor.Settings.defaults().withPort(port), ClusterKey.random(), null)) {
            Set<Integer> ports = listeningPorts(ProcessHandle.current().pid());
            assertTrue(ports.contains(port), "the coordinator's port " + port + " among " + ports);
            assertEquals("127.0.0.1:" + port, coordinator.address());
        }
        assertTrue(!listeningPorts(ProcessHandle.current().pid()).contains(port), "closed again after stop");
    }

    /** The TCP ports on which process {@code pid} holds a listening socket (state 0A in /proc/net/tcp{,6}). */
    static Set<Integer> listeningPorts(long pid) throws IOException {
        Set<String> inodes = new HashSet<>();
        try (Stream<Path> fds = Files.list(Path.of("/proc", Long.toString(pid), "fd"))) {
            for (Path fd : fds.toList()) {
                try {
                    String target = Files.readSymbolicLink(fd).toString();
                    if (target.startsWith("socket:[")) {
                        inodes.add(target.substring(8, target.length() - 1));
                    }
                } catch (IOException e) {
                    // the descriptor closed meanwhile
                }
            }
        } catch (IOException e) {
            return Set.of(); // the process ended
        }
        Set<Integer> ports = new HashSet<>();
        for (String table : List.of("tcp", "tcp6")) {
            Path p = Path.of("/proc", Long.toString(pid), "net", table);
            if (!Files.exists(p)) {
                continue;
            }
            List<String> lines;
            try {
                lines = Files.readAllLines(p);
            } catch (IOException e) {
                continue;
            }
            for (String line : lines.subList(1, lines.size())) {
                String[] f = line.trim().split("\\s+");
                if (f.length > 9 && f[3].equals("0A") && inodes.contains(f[9])) {
                    ports.add(Integer.parseInt(f[1].substring(f[1].indexOf(':') + 1), 16));
                }
            }
        }
        return ports;
    }
}
