package dev.verdant.store;

/**
 * A sweep as stored.
 *
 * @param id             sweep id (its own sequence)
 * @param name           the sweep's name
 * @param method         grid, random, halving or hyperband
 * @param status         where it stands
 * @param stopReason     why it stopped early ({@code budget-joules}, {@code target}, ...); null when it did not
 * @param message        a sentence about how it ended; null while running
 * @param specJson       the sweep spec with its base inlined (JSON), enough to resume it
 * @param createdAt      ISO-8601 creation time
 * @param endedAt        ISO-8601 end time; null while running
 * @param elapsedSeconds wall time spent running it, over all its sessions
 * @param summaryJson    the recommendation and waste ledger written at the end; null before
 */
public record StoredSweep(long id, String name, String method, SweepStatus status, String stopReason,
                          String message, String specJson, String createdAt, String endedAt, double elapsedSeconds,
                          String summaryJson) {
}
