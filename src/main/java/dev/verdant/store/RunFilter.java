package dev.verdant.store;

import dev.verdant.result.RunStatus;

/**
 * Which runs {@link RunStore#list(RunFilter)} returns; null fields do not filter.
 *
 * @param status   only runs with this status
 * @param tag      only runs carrying this tag
 * @param nameGlob only runs whose name matches this glob ({@code *}, {@code ?}, {@code [..]}; case-sensitive)
 * @param limit    at most this many runs, newest first
 */
public record RunFilter(RunStatus status, String tag, String nameGlob, Integer limit) {

    /** Every run. */
    public static RunFilter all() {
        return new RunFilter(null, null, null, null);
    }

    public RunFilter withStatus(RunStatus newStatus) {
        return new RunFilter(newStatus, tag, nameGlob, limit);
    }

    public RunFilter withTag(String newTag) {
        return new RunFilter(status, newTag, nameGlob, limit);
    }

    public RunFilter withNameGlob(String newGlob) {
        return new RunFilter(status, tag, newGlob, limit);
    }

    public RunFilter withLimit(Integer newLimit) {
        return new RunFilter(status, tag, nameGlob, newLimit);
    }
}
