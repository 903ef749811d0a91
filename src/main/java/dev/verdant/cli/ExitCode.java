package dev.verdant.cli;

import dev.verdant.result.RunStatus;

/**
 * The process exit codes of {@code verdant}, each with one meaning (the README's table lists them): scripts can
 * tell a diverged run from a usage mistake, and a cancelled run from a failure.
 */
final class ExitCode {

    /** The command did what was asked; a run completed. */
    static final int OK = 0;
    /** Something failed: bad spec, bad data, a store or file problem, a run that failed (the reason is on stderr). */
    static final int FAILED = 1;
    /** The run diverged (the loss became NaN or infinite). */
    static final int DIVERGED = 2;
    /** The run was cancelled (Ctrl-C, SIGTERM): it stopped at a batch boundary and its result was written. */
    static final int CANCELLED = 3;
    /** The command line itself was wrong: unknown option, missing argument (BSD's EX_USAGE). */
    static final int USAGE = 64;

    private ExitCode() {
    }

    /** The exit code for a run that ended with {@code status}. */
    static int of(RunStatus status) {
        return switch (status) {
            case COMPLETED -> OK;
            case DIVERGED -> DIVERGED;
            case CANCELLED -> CANCELLED;
            default -> FAILED;
        };
    }
}
