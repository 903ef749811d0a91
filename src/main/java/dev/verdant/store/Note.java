package dev.verdant.store;

/**
 * A free-text note on a run.
 *
 * @param id        the note's id
 * @param runId     the run it belongs to
 * @param createdAt ISO-8601 time it was written
 * @param text      the note
 */
public record Note(long id, long runId, String createdAt, String text) {
}
