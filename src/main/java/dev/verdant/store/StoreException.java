package dev.verdant.store;

/** A store operation failed; the message says what and, where it can, what to do about it. */
public final class StoreException extends RuntimeException {

    public StoreException(String message) {
        super(message);
    }

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
