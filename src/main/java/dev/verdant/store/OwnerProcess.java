package dev.verdant.store;

import java.time.Instant;
import java.util.Optional;

/**
 * The process that is writing a run: its PID and start time. A run whose owner is gone was interrupted.
 * The start time guards against PID reuse: a new process that got the same PID started later.
 *
 * @param pid       operating-system process id
 * @param startedMs process start, epoch milliseconds; null when the platform does not tell
 */
record OwnerProcess(long pid, Long startedMs) {

    /** Start times read twice may differ by clock-tick rounding; a reused PID starts far later than this. */
    private static final long START_TOLERANCE_MS = 2_000;

    static OwnerProcess current() {
        ProcessHandle self = ProcessHandle.current();
        return new OwnerProcess(self.pid(), startMs(self).orElse(null));
    }

    /** Whether this process still runs (and is the same process, not a later one with the same PID). */
    boolean isAlive() {
        Optional<ProcessHandle> handle = ProcessHandle.of(pid);
        if (handle.isEmpty() || !handle.get().isAlive()) {
            return false;
        }
        Optional<Long> start = startMs(handle.get());
        return startedMs == null || start.isEmpty() || Math.abs(start.get() - startedMs) <= START_TOLERANCE_MS;
    }

    private static Optional<Long> startMs(ProcessHandle handle) {
        return handle.info().startInstant().map(Instant::toEpochMilli);
    }
}
