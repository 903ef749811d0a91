package dev.verdant.train;

/** Training could not start or continue; the message says why and what to do. */
public class TrainingException extends RuntimeException {
    public TrainingException(String message) {
        super(message);
    }

    public TrainingException(String message, Throwable cause) {
        super(message, cause);
    }
}
