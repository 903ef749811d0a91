package dev.verdant.data;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A file server on 127.0.0.1 (ephemeral port) for downloader tests: it can honour or ignore Range requests, and
 * cut the connection half-way through the first response, like a flaky network. Records each request's Range.
 */
final class TestHttpServer implements AutoCloseable {

    final Map<String, byte[]> files = new ConcurrentHashMap<>();
    final List<String> requests = new CopyOnWriteArrayList<>();
    volatile boolean supportsRange = true;
    volatile boolean dropFirstResponse;
    private final HttpServer server;

    TestHttpServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/data/";
    }

    private void handle(HttpExchange ex) throws IOException {
        String name = ex.getRequestURI().getPath().substring("/data/".length());
        String range = ex.getRequestHeaders().getFirst("Range");
        requests.add(name + (range == null ? "" : " " + range));
        byte[] body = files.get(name);
        if (body == null) {
            ex.sendResponseHeaders(404, -1);
            ex.close();
            return;
        }
        int from = 0;
        if (range != null && supportsRange) {
            from = Integer.parseInt(range.substring("bytes=".length(), range.length() - 1));
            ex.getResponseHeaders().add("Content-Range", "bytes " + from + "-" + (body.length - 1) + "/" + body.length);
            ex.sendResponseHeaders(206, body.length - from);
        } else {
            ex.sendResponseHeaders(200, body.length);
        }
        OutputStream out = ex.getResponseBody();
        if (dropFirstResponse) {
            dropFirstResponse = false;
            out.write(body, from, (body.length - from) / 2);
            out.flush();
            // an exception out of a handler makes the server close the connection mid-body
            throw new IOException("simulated network drop");
        }
        out.write(body, from, body.length - from);
        ex.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
