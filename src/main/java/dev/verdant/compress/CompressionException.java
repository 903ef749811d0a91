package dev.verdant.compress;

/** A compression pipeline that cannot run as specified; the message names the step or layer and what to change. */
public class CompressionException extends RuntimeException {

    public CompressionException(String message) {
        super(message);
    }

    public CompressionException(String message, Throwable cause) {
        super(message, cause);
    }
}
