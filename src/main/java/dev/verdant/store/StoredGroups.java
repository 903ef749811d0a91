package dev.verdant.store;

import dev.verdant.result.MachineNoise;
import dev.verdant.result.RunResult;

import java.util.ArrayList;
import java.util.List;

/**
 * Reading run groups back from a {@link RunStore}: a group's members in full, and this machine's noise figure from
 * the most recent groups. Only runs made by Verdant's runner join groups (imports never do), so the groups of a store
 * are runs made on the machine that owns the store.
 */
public final class StoredGroups {

    /** Groups looked at, newest first, when searching for {@link MachineNoise#RECENT_GROUPS} usable ones. */
    private static final int SCAN_LIMIT = 20;

    private StoredGroups() {
    }

    /** The members of group {@code groupId} in run order; empty when the group is unknown or has none. */
    public static List<RunResult> members(RunStore store, long groupId) {
        return store.group(groupId).map(g -> members(store, g)).orElse(List.of());
    }

    /** The members of {@code group}, already read from the store, in run order. */
    public static List<RunResult> members(RunStore store, StoredGroup group) {
        return load(store, group);
    }

    /** This machine's noise from its most recent groups of repeats; null when no usable group is stored. */
    public static MachineNoise noise(RunStore store) {
        List<List<RunResult>> groups = new ArrayList<>();
        for (StoredGroup g : store.groups()) {
            if (groups.size() == SCAN_LIMIT) {
                break;
            }
            if (g.runIds().size() >= 2) {
                groups.add(load(store, g));
            }
        }
        return MachineNoise.of(groups);
    }

    private static List<RunResult> load(RunStore store, StoredGroup g) {
        List<RunResult> out = new ArrayList<>();
        for (long id : g.runIds()) {
            store.load(id).ifPresent(out::add);
        }
        return out;
    }
}
