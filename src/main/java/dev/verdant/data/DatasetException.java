package dev.verdant.data;

/**
 * A dataset that cannot be used as it is. The message names the file, where in it the problem is
 * (byte offset or line) and what was expected, so the user can fix or re-download it.
 */
public class DatasetException extends RuntimeException {
    public DatasetException(String message) {
        super(message);
    }

    public DatasetException(String message, Throwable cause) {
        super(message, cause);
    }
}
