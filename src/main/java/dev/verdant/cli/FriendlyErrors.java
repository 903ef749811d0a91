package dev.verdant.cli;

import picocli.CommandLine;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Turns exceptions escaping a command into one clear line on stderr and exit code 1 (no bare stack trace);
 * {@code VERDANT_DEBUG=1} adds the stack trace for bug reports. A file error is described by its reason
 * ({@link IoProblem}), not only its path.
 */
final class FriendlyErrors implements CommandLine.IExecutionExceptionHandler {
    @Override
    public int handleExecutionException(Exception ex, CommandLine cmd, CommandLine.ParseResult parsed) {
        cmd.getErr().println("verdant: " + message(ex));
        if (System.getenv("VERDANT_DEBUG") != null) {
            ex.printStackTrace(cmd.getErr());
        }
        cmd.getErr().flush();
        return ExitCode.FAILED;
    }

    /** One line saying what went wrong and, where the exception knows, why. */
    static String message(Throwable ex) {
        if (ex instanceof UncheckedIOException u) {
            return IoProblem.describe(u.getCause());
        }
        if (ex instanceof IOException io) {
            return IoProblem.describe(io);
        }
        String message = ex.getMessage();
        if (message == null || message.isBlank()) {
            Throwable cause = ex.getCause();
            return cause != null && cause != ex ? message(cause) : ex.getClass().getSimpleName();
        }
        return message;
    }
}
