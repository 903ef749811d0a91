package dev.verdant.store;

import java.util.List;

/**
 * A run group as stored: one spec run {@code repeats} times with seeds {@code seed .. seed+repeats-1}. Members are
 * ordinary runs; a deleted member leaves the group, and a group still running has fewer members than repeats.
 *
 * @param id        group id (its own sequence, not a run id)
 * @param name      the spec's name
 * @param repeats   how many runs the spec asked for
 * @param createdAt ISO-8601 time the group was created
 * @param runIds    the members' run ids, in run order
 */
public record StoredGroup(long id, String name, int repeats, String createdAt, List<Long> runIds) {

    public StoredGroup {
        runIds = runIds == null ? List.of() : List.copyOf(runIds);
    }
}
