package dev.verdant.data;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A read timeout for an HTTP body. Java's HttpClient times out only until the response headers arrive; a server
 * that then stops sending leaves {@code read()} blocked forever. This watches the stream from a daemon thread and
 * closes it when no byte has arrived for the timeout, so the blocked read fails with an IOException that says so
 * (and the download is retried, resuming where it stopped).
 */
final class StallGuard implements AutoCloseable {

    private final InputStream body;
    private final long timeoutNanos;
    private final ScheduledExecutorService watcher;
    private final ScheduledFuture<?> check;
    private volatile long lastProgress = System.nanoTime();
    private volatile boolean stalled;

    StallGuard(InputStream body, Duration timeout) {
        this.body = body;
        this.timeoutNanos = timeout.toNanos();
        this.watcher = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "verdant-download-watch");
            t.setDaemon(true);
            return t;
        });
        long period = Math.max(10, timeout.toMillis() / 10);
        this.check = watcher.scheduleAtFixedRate(this::checkStall, period, period, TimeUnit.MILLISECONDS);
    }

    private void checkStall() {
        if (!stalled && System.nanoTime() - lastProgress > timeoutNanos) {
            stalled = true;
            try {
                body.close();
            } catch (IOException ignored) {
                // closing is how the blocked read is woken up; a failure to close changes nothing here
            }
        }
    }

    /** The body, as a stream whose reads fail with "stalled" once the guard has closed it. */
    InputStream stream() {
        return new FilterInputStream(body) {
            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                try {
                    int n = super.read(b, off, len);
                    lastProgress = System.nanoTime();
                    if (stalled) {
                        throw stalledException();
                    }
                    return n;
                } catch (IOException e) {
                    throw stalled ? stalledException() : e;
                }
            }

            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                int n = read(one, 0, 1);
                return n < 0 ? -1 : one[0] & 0xff;
            }
        };
    }

    private IOException stalledException() {
        return new IOException("the transfer stalled: no data for " + TimeUnit.NANOSECONDS.toMillis(timeoutNanos)
                + " ms");
    }

    @Override
    public void close() {
        check.cancel(false);
        watcher.shutdownNow();
    }
}
