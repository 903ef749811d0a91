package dev.verdant.cli;

import picocli.CommandLine;

/**
 * Turns exceptions escaping a command into one clear line on stderr and exit code 1 (no bare stack trace);
 * {@code VERDANT_DEBUG=1} adds the stack trace for bug reports.
 */
final class FriendlyErrors implements CommandLine.IExecutionExceptionHandler {
    @Override
    public int handleExecutionException(Exception ex, CommandLine cmd, CommandLine.ParseResult parsed) {
        String message = ex.getMessage() == null ? ex.getClass().getSimpleName() : ex.getMessage();
        cmd.getErr().println("verdant: " + message);
        if (System.getenv("VERDANT_DEBUG") != null) {
            ex.printStackTrace(cmd.getErr());
        }
        return 1;
    }
}
