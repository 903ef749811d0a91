package dev.verdant.data;

import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;

/**
 * Says why a network exchange failed. Java's HttpClient throws a {@code ConnectException} with no message for a
 * refused connection, so "failed after 4 attempts (null)" told nothing; the exception types and the cause chain do.
 */
final class NetProblem {

    private NetProblem() {
    }

    static String describe(IOException e, URI uri) {
        String host = uri.getHost() + (uri.getPort() > 0 ? ":" + uri.getPort() : "");
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof HttpConnectTimeoutException) {
                return "connecting to " + host + " timed out (a firewall, or the host is down?)";
            }
            if (t instanceof ConnectException) {
                return "connection refused by " + host + " (no server listens there; check the URL or --mirror)";
            }
            if (t instanceof UnknownHostException) {
                return "unknown host " + uri.getHost() + " (no network, or a typo in the URL?)";
            }
            if (t instanceof NoRouteToHostException) {
                return "no route to " + host + " (no network?)";
            }
            if (t instanceof HttpTimeoutException || t instanceof SocketTimeoutException) {
                return host + " did not answer in time (" + (t.getMessage() == null ? "timeout" : t.getMessage())
                        + ")";
            }
            if (t instanceof javax.net.ssl.SSLException) {
                return "the secure connection to " + host + " failed (" + t.getMessage() + ")";
            }
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                return t.getMessage();
            }
        }
        return e.getClass().getSimpleName();
    }
}
