package dev.verdant.data;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 19, point 3: a download stops at the file's known size, gives up on a stalled transfer (and resumes),
 * and says why a connection failed instead of "(null)". Each case is a real local HTTP server misbehaving.
 */
@Timeout(60)
class BoundedDownloadTest {

    private static final Duration READ_TIMEOUT = Duration.ofMillis(400);

    @TempDir
    Path dir;
    private HttpServer server;
    private final byte[] file = bytes(300_000);
    private final List<String> messages = new CopyOnWriteArrayList<>();
    private final AtomicLong maxBytesSeen = new AtomicLong();

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    @Test
    void mirrorAnnouncingMoreBytesThanTheFileIsRefusedBeforeReading() throws IOException {
        serve((ex, n) -> {
            ex.sendResponseHeaders(200, file.length * 6L);
            try (OutputStream out = ex.getResponseBody()) {
                for (int i = 0; i < 6; i++) {
                    out.write(file);
                }
            }
        });
        DatasetException e = assertThrows(DatasetException.class, () -> download(1));
        assertTrue(e.getMessage().contains("announces " + file.length * 6L + " bytes but the file has "
                + file.length), e.getMessage());
        assertFalse(Files.exists(dir.resolve("data.gz.part")));
        assertFalse(Files.exists(dir.resolve("data.gz")));
    }

    @Test
    void mirrorThatNeverStopsSendingIsCutAtTheExpectedSize() throws IOException {
        AtomicLong sent = new AtomicLong();
        serve((ex, n) -> {
            ex.sendResponseHeaders(200, 0); // chunked: no length announced, and it never ends on its own
            try (OutputStream out = ex.getResponseBody()) {
                while (sent.get() < 200_000_000L) {
                    out.write(file);
                    sent.addAndGet(file.length);
                }
            } catch (IOException clientWentAway) {
                // the downloader hung up at the expected size: what this test wants
            }
        });
        DatasetException e = assertThrows(DatasetException.class, () -> download(1));
        assertTrue(e.getMessage().contains("sent more than the file's " + file.length + " bytes"), e.getMessage());
        assertTrue(maxBytesSeen.get() <= file.length, "never wrote past the size: " + maxBytesSeen.get());
        assertFalse(Files.exists(dir.resolve("data.gz.part")), "the oversized download was deleted");
        assertTrue(sent.get() < 100_000_000L, "the server was stopped long before 200 MB: " + sent.get());
    }

    @Test
    void stalledTransferTimesOutAndResumes() throws IOException {
        serve((ex, n) -> {
            String range = ex.getRequestHeaders().getFirst("Range");
            if (n == 1) {
                ex.sendResponseHeaders(200, file.length);
                OutputStream out = ex.getResponseBody();
                out.write(file, 0, file.length / 2);
                out.flush();
                sleep(20_000); // stalls, connection open: only a read timeout ends this
                return;
            }
            int from = range == null ? 0 : Integer.parseInt(range.substring(6, range.length() - 1));
            ex.getResponseHeaders().add("Content-Range", "bytes " + from + "-" + (file.length - 1) + "/"
                    + file.length);
            ex.sendResponseHeaders(206, file.length - from);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(file, from, file.length - from);
            }
        });
        long start = System.nanoTime();
        download(3);
        assertArrayEquals(file, Files.readAllBytes(dir.resolve("data.gz")));
        assertTrue(messages.stream().anyMatch(m -> m.contains("stalled: no data for 400 ms")), messages.toString());
        assertTrue(messages.stream().anyMatch(m -> m.contains("resuming at byte")), messages.toString());
        assertTrue((System.nanoTime() - start) / 1e9 < 15, "did not wait for the stalled server");
    }

    @Test
    void serverThatNeverAnswersTimesOut() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread acceptor = new Thread(() -> {
                try (Socket s = silent.accept()) {
                    Thread.sleep(20_000);
                } catch (IOException | InterruptedException ignored) {
                    // test over
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            DatasetException e = assertThrows(DatasetException.class, () -> downloader(1)
                    .download("mnist", dir, "http://127.0.0.1:" + silent.getLocalPort() + "/data/"));
            assertTrue(e.getMessage().contains("did not answer in time"), e.getMessage());
            acceptor.interrupt();
        }
    }

    @Test
    void refusedConnectionIsNamedNotNull() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort(); // closed again at once: nothing listens there
        }
        DatasetException e = assertThrows(DatasetException.class, () -> downloader(2)
                .download("mnist", dir, "http://127.0.0.1:" + port + "/data/"));
        assertTrue(e.getMessage().contains("failed after 2 attempts (connection refused by 127.0.0.1:" + port),
                e.getMessage());
        assertFalse(e.getMessage().contains("null"), e.getMessage());
    }

    /** A handler that gets the request number (1 for the first). */
    @FunctionalInterface
    private interface Handler {
        void handle(com.sun.net.httpserver.HttpExchange ex, int n) throws IOException;
    }

    private void serve(Handler handler) throws IOException {
        AtomicInteger requests = new AtomicInteger();
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "test-http");
            t.setDaemon(true);
            return t;
        }));
        server.createContext("/", ex -> {
            try {
                handler.handle(ex, requests.incrementAndGet());
            } finally {
                ex.close();
            }
        });
        server.start();
    }

    private void download(int attempts) {
        downloader(attempts).download("mnist", dir, "http://127.0.0.1:" + server.getAddress().getPort() + "/data/");
    }

    private DatasetDownloader downloader(int attempts) {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(2)).build();
        Map<String, List<RemoteFile>> table = Map.of("mnist", List.of(new RemoteFile("data.gz", file.length,
                DatasetDownloaderTest.sha(file))));
        DownloadProgress progress = new DownloadProgress() {
            @Override
            public void bytes(String name, long done, long total) {
                maxBytesSeen.accumulateAndGet(done, Math::max);
            }

            @Override
            public void message(String text) {
                messages.add(text);
            }
        };
        return new DatasetDownloader(client, table, progress, attempts, Duration.ofMillis(5), READ_TIMEOUT);
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static byte[] bytes(int n) {
        byte[] b = new byte[n];
        new Random(7).nextBytes(b);
        return b;
    }
}
