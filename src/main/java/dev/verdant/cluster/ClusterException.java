package dev.verdant.cluster;

/** A cluster problem the user can act on; the message says what was wrong and what to do. */
public final class ClusterException extends RuntimeException {

    public ClusterException(String message) {
        super(message);
    }

    public ClusterException(String message, Throwable cause) {
        super(message, cause);
    }
}
