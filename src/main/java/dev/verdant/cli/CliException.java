package dev.verdant.cli;

/**
 * A command cannot do what was asked; the message says what is wrong and what to do (printed as one line by
 * {@link FriendlyErrors}, exit code 1).
 */
final class CliException extends RuntimeException {

    CliException(String message) {
        super(message);
    }

    CliException(String message, Throwable cause) {
        super(message, cause);
    }
}
