package dev.verdant.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.HexFormat;

/**
 * Fetches one file into a folder so that the final name only ever holds verified bytes: data goes to
 * {@code NAME.part}, a partial {@code .part} is resumed with an HTTP Range request (or restarted when the
 * server ignores Range), I/O failures are retried with doubling pauses, and the {@code .part} is renamed
 * atomically only after its SHA-256 matches.
 */
final class FileDownload {

    private final HttpClient client;
    private final DownloadProgress progress;
    private final int attempts;
    private final Duration backoff;
    private final Duration readTimeout;

    /**
     * @param readTimeout longest wait for the response headers and, during the body, for the next bytes: a stalled
     *                    transfer is abandoned (and retried, resuming) instead of hanging forever
     */
    FileDownload(HttpClient client, DownloadProgress progress, int attempts, Duration backoff, Duration readTimeout) {
        this.client = client;
        this.progress = progress;
        this.attempts = attempts;
        this.backoff = backoff;
        this.readTimeout = readTimeout;
    }

    /** Downloads {@code uri} to {@code dir/file.name()} unless a verified copy is there; returns its path. */
    Path fetch(URI uri, RemoteFile file, Path dir) {
        Path target = dir.resolve(file.name());
        Path part = dir.resolve(file.name() + ".part");
        try {
            Files.createDirectories(dir);
            if (Files.isRegularFile(target) && sha256(target).equals(file.sha256())) {
                progress.message(file.name() + ": already present and verified, skipped");
                return target;
            }
            if (Files.isRegularFile(part) && file.size() >= 0 && Files.size(part) >= file.size()
                    && !sha256(part).equals(file.sha256())) {
                Files.delete(part); // full length but wrong bytes: resuming it could never succeed
            }
            transferWithRetries(uri, file, part);
            String actual = sha256(part);
            if (!actual.equals(file.sha256())) {
                Files.deleteIfExists(part);
                throw new DatasetException(file.name() + " from " + uri + " has the wrong checksum: expected SHA-256 "
                        + file.sha256() + ", got " + actual + "; the download was deleted (a broken mirror or "
                        + "proxy?), try again or use another mirror");
            }
            moveIntoPlace(part, target);
            return target;
        } catch (IOException e) {
            throw new DatasetException(file.name() + ": cannot write into " + dir + " (" + e.getMessage() + ")", e);
        }
    }

    private void transferWithRetries(URI uri, RemoteFile file, Path part) throws IOException {
        for (int attempt = 1; ; attempt++) {
            try {
                transfer(uri, file, part);
                return;
            } catch (IOException e) {
                String why = NetProblem.describe(e, uri);
                if (attempt >= attempts) {
                    throw new DatasetException(file.name() + ": download from " + uri + " failed after " + attempts
                            + " attempts (" + why + "); run the command again to resume, or use --mirror", e);
                }
                Duration pause = backoff.multipliedBy(1L << (attempt - 1));
                progress.message(file.name() + ": " + why + "; retrying in " + pause.toMillis() + " ms");
                sleep(pause);
            }
        }
    }

    /** One HTTP exchange: appends to the part file on 206, starts over on 200. */
    private void transfer(URI uri, RemoteFile file, Path part) throws IOException {
        long have = Files.isRegularFile(part) ? Files.size(part) : 0;
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(readTimeout).GET();
        if (have > 0) {
            request.header("Range", "bytes=" + have + "-");
            progress.message(file.name() + ": resuming at byte " + have);
        }
        HttpResponse<InputStream> response = send(request.build());
        try (InputStream body = response.body()) {
            int status = response.statusCode();
            boolean resumed = status == 206 && response.headers().firstValue("Content-Range")
                    .map(r -> r.startsWith("bytes " + have + "-")).orElse(false);
            if (status == 416 || (status == 206 && !resumed)) {
                Files.deleteIfExists(part); // the server will not continue from our byte: start over cleanly
                throw new IOException("server cannot resume at byte " + have + " (HTTP " + status + ")");
            }
            if (status != 200 && !resumed) {
                failOnStatus(uri, status);
            }
            if (have > 0 && !resumed) {
                progress.message(file.name() + ": server does not resume downloads; starting over");
            }
            long start = resumed ? have : 0;
            long announced = response.headers().firstValueAsLong("Content-Length").stream().map(l -> l + start)
                    .findFirst().orElse(-1);
            if (file.size() >= 0 && announced > file.size()) {
                Files.deleteIfExists(part);
                throw new DatasetException(file.name() + ": " + uri + " announces " + announced + " bytes but the "
                        + "file has " + file.size() + "; not downloaded (a different file, or a broken mirror?)");
            }
            long total = file.size() >= 0 ? file.size() : announced;
            try (StallGuard guard = new StallGuard(body, readTimeout)) {
                copy(guard.stream(), part, start, resumed, file.name(), total, file.size(), uri);
            }
        }
    }

    private static void failOnStatus(URI uri, int status) throws IOException {
        if (status >= 500 || status == 408 || status == 429) {
            throw new IOException("HTTP " + status + " from " + uri); // the server's trouble may pass: retried
        }
        String hint = status == 404 || status == 410 ? ": the mirror does not have this file (check --mirror)" : "";
        throw new DatasetException("HTTP " + status + " for " + uri + hint);
    }

    /** Copies the body into the part file, never past {@code limit} bytes in all when the size is known (>= 0). */
    private void copy(InputStream body, Path part, long start, boolean append, String name, long total, long limit,
                      URI uri) throws IOException {
        StandardOpenOption mode = append ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING;
        try (OutputStream out = Files.newOutputStream(part, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                mode)) {
            byte[] buf = new byte[1 << 16];
            long done = start;
            progress.bytes(name, done, total);
            int n;
            while ((n = body.read(buf)) >= 0) {
                if (limit >= 0 && done + n > limit) {
                    out.close();
                    Files.deleteIfExists(part);
                    throw new DatasetException(name + ": " + uri + " sent more than the file's " + limit + " bytes; "
                            + "stopped there and deleted the download (a different file, or a broken mirror?)");
                }
                out.write(buf, 0, n);
                done += n;
                progress.bytes(name, done, total);
            }
        }
    }

    private HttpResponse<InputStream> send(HttpRequest request) throws IOException {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DatasetException("download of " + request.uri() + " was interrupted", e);
        }
    }

    private static void sleep(Duration pause) {
        try {
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DatasetException("download interrupted while waiting to retry", e);
        }
    }

    /** Renames atomically where the file system can; a plain replace otherwise (never a copy). */
    static void moveIntoPlace(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    static String sha256(Path file) throws IOException {
        var md = ContentHash.sha256();
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buf = new byte[1 << 16];
            int n;
            while ((n = in.read(buf)) >= 0) {
                md.update(buf, 0, n);
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }
}
