package dev.verdant.data;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(30)
class DatasetDownloaderTest {

    @TempDir
    Path dir;
    private TestHttpServer server;
    private final byte[] images = bytes(200_000, 1);
    private final byte[] labels = bytes(1_000, 2);
    private final AtomicLong lastBytes = new AtomicLong();

    @BeforeEach
    void start() throws IOException {
        server = new TestHttpServer();
        server.files.put("images.gz", images);
        server.files.put("labels.gz", labels);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void downloadsAndVerifiesEveryFile() throws IOException {
        Path out = downloader(table("images.gz", images, "labels.gz", labels)).download("mnist", dir,
                server.baseUrl());
        assertEquals(dir, out);
        assertArrayEquals(images, Files.readAllBytes(dir.resolve("images.gz")));
        assertArrayEquals(labels, Files.readAllBytes(dir.resolve("labels.gz")));
        assertFalse(Files.exists(dir.resolve("images.gz.part")));
        assertEquals(labels.length, lastBytes.get());
    }

    @Test
    void checksumMismatchLeavesNoFileAndNamesBothHashes() {
        String wrong = "0".repeat(64);
        Map<String, List<RemoteFile>> t = Map.of("mnist", List.of(new RemoteFile("labels.gz", -1, wrong)));
        DatasetException e = assertThrows(DatasetException.class,
                () -> downloader(t).download("mnist", dir, server.baseUrl()));
        assertTrue(e.getMessage().contains("expected SHA-256 " + wrong), e.getMessage());
        assertTrue(e.getMessage().contains("got " + sha(labels)), e.getMessage());
        assertFalse(Files.exists(dir.resolve("labels.gz")));
        assertFalse(Files.exists(dir.resolve("labels.gz.part")));
    }

    @Test
    void interruptedTransferResumesWithRange() throws IOException {
        server.dropFirstResponse = true;
        downloader(table("images.gz", images)).download("mnist", dir, server.baseUrl());
        assertArrayEquals(images, Files.readAllBytes(dir.resolve("images.gz")));
        assertEquals(2, server.requests.size(), server.requests.toString());
        assertTrue(server.requests.get(1).startsWith("images.gz bytes="), server.requests.toString());
        assertFalse(server.requests.get(1).endsWith("bytes=0-"), server.requests.toString());
    }

    @Test
    void serverWithoutRangeSupportRestartsFromScratch() throws IOException {
        server.supportsRange = false;
        Files.write(dir.resolve("images.gz.part"), "stale bytes from another file".getBytes(StandardCharsets.UTF_8));
        downloader(table("images.gz", images)).download("mnist", dir, server.baseUrl());
        assertArrayEquals(images, Files.readAllBytes(dir.resolve("images.gz")));
        assertTrue(server.requests.get(0).contains("bytes="), "a resume was attempted first");
    }

    @Test
    void missingFileIsAClearErrorWithoutRetries() {
        Map<String, List<RemoteFile>> t = Map.of("mnist", List.of(new RemoteFile("nope.gz", -1, sha(labels))));
        DatasetException e = assertThrows(DatasetException.class,
                () -> downloader(t).download("mnist", dir, server.baseUrl()));
        assertTrue(e.getMessage().contains("HTTP 404"), e.getMessage());
        assertTrue(e.getMessage().contains("nope.gz"), e.getMessage());
        assertEquals(1, server.requests.size());
        assertFalse(Files.exists(dir.resolve("nope.gz")));
    }

    @Test
    void verifiedFileIsNotDownloadedAgain() throws IOException {
        Files.write(dir.resolve("labels.gz"), labels);
        downloader(table("labels.gz", labels)).download("mnist", dir, server.baseUrl());
        assertTrue(server.requests.isEmpty());
    }

    @Test
    void cifarArchiveIsUnpackedToTheBatchFolderAndLoads() throws IOException {
        byte[] archive = cifarArchive();
        server.files.put("cifar-10-binary.tar.gz", archive);
        Path out = downloader(table("cifar-10-binary.tar.gz", archive)).download("cifar10", dir, server.baseUrl());
        assertFalse(Files.exists(dir.resolve("cifar-10-binary.tar.gz")));
        assertTrue(Files.exists(dir.resolve("cifar-10-batches-bin/batches.meta.txt")));
        assertFalse(Files.exists(dir.resolve("cifar-10-batches-bin/readme.html")), "only data files");
        LoadedData d = CifarFolder.load(out);
        assertEquals(15, d.train().size());
        downloader(table("cifar-10-binary.tar.gz", archive)).download("cifar10", dir, server.baseUrl());
        assertEquals(1, server.requests.size(), "a complete batch folder is not downloaded again");
    }

    @Test
    void unknownDatasetIsRejected() {
        DatasetException e = assertThrows(DatasetException.class,
                () -> new DatasetDownloader(DownloadProgress.NONE).download("imagenet", dir, null));
        assertTrue(e.getMessage().contains("[mnist, fashion-mnist, cifar10]"), e.getMessage());
    }

    private DatasetDownloader downloader(Map<String, List<RemoteFile>> table) {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        return new DatasetDownloader(client, table, (f, done, total) -> lastBytes.set(done), 3, Duration.ofMillis(5));
    }

    private static Map<String, List<RemoteFile>> table(Object... nameAndBytes) {
        List<RemoteFile> files = new java.util.ArrayList<>();
        for (int i = 0; i < nameAndBytes.length; i += 2) {
            byte[] b = (byte[]) nameAndBytes[i + 1];
            files.add(new RemoteFile((String) nameAndBytes[i], b.length, sha(b)));
        }
        String dataset = files.get(0).name().startsWith("cifar") ? "cifar10" : "mnist";
        return Map.of(dataset, files);
    }

    static String sha(byte[] b) {
        return HexFormat.of().formatHex(ContentHash.sha256().digest(b));
    }

    private static byte[] bytes(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    /** A gzipped ustar archive laid out like the real one: a folder, the batches, a meta file and a readme. */
    private static byte[] cifarArchive() throws IOException {
        ByteArrayOutputStream tar = new ByteArrayOutputStream();
        String folder = "cifar-10-batches-bin/";
        tarEntry(tar, folder, new byte[0], '5');
        for (int i = 1; i <= 5; i++) {
            tarEntry(tar, folder + "data_batch_" + i + ".bin", CifarFolderTest.records(3, i), '0');
        }
        tarEntry(tar, folder + "test_batch.bin", CifarFolderTest.records(3, 0), '0');
        tarEntry(tar, folder + "batches.meta.txt", "airplane\n".getBytes(StandardCharsets.US_ASCII), '0');
        tarEntry(tar, folder + "readme.html", "<html>".getBytes(StandardCharsets.US_ASCII), '0');
        tar.write(new byte[1024]);
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
            out.write(tar.toByteArray());
        }
        return gz.toByteArray();
    }

    private static void tarEntry(ByteArrayOutputStream tar, String name, byte[] content, char type) {
        byte[] h = new byte[512];
        put(h, 0, name);
        put(h, 100, "0000644");
        put(h, 108, "0000000");
        put(h, 116, "0000000");
        put(h, 124, String.format("%011o", content.length));
        put(h, 136, "00000000000");
        h[156] = (byte) type;
        put(h, 257, "ustar");
        put(h, 263, "00");
        java.util.Arrays.fill(h, 148, 156, (byte) ' ');
        int sum = 0;
        for (byte b : h) {
            sum += b & 0xff;
        }
        put(h, 148, String.format("%06o", sum));
        tar.writeBytes(h);
        tar.writeBytes(content);
        tar.writeBytes(new byte[(512 - content.length % 512) % 512]);
    }

    private static void put(byte[] h, int offset, String s) {
        byte[] b = s.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(b, 0, h, offset, b.length);
    }
}
