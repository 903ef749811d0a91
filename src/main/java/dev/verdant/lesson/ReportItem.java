package dev.verdant.lesson;

import dev.verdant.result.RunResult;
import dev.verdant.store.RunStore;
import dev.verdant.store.StoredGroup;
import dev.verdant.store.StoredGroups;

import java.util.ArrayList;
import java.util.List;

/**
 * One entry of a report: a single stored run, or a run group (a spec repeated with different seeds) whose figures
 * are reported as mean and 95% interval.
 *
 * @param label   e.g. {@code run 12} or {@code group 3}
 * @param name    the spec's name
 * @param runs    the run, or the group's members in run order
 * @param groupId the group's id; null for a single run
 */
public record ReportItem(String label, String name, List<RunResult> runs, Long groupId) {

    public ReportItem {
        runs = List.copyOf(runs);
    }

    /**
     * Reads the entries named by {@code ids} from {@code store}: {@code 12} is run 12, {@code g3} (or
     * {@code group:3}) is run group 3. Throws {@link IllegalArgumentException} with a sentence saying what was wrong.
     */
    public static List<ReportItem> load(RunStore store, List<String> ids) {
        if (ids.isEmpty()) {
            throw new IllegalArgumentException("name at least one run id (e.g. 12) or group id (e.g. g3); "
                    + "'verdant runs list' shows them");
        }
        List<ReportItem> items = new ArrayList<>();
        for (String raw : ids) {
            String id = raw.strip().toLowerCase(java.util.Locale.ROOT);
            boolean group = id.startsWith("g");
            String digits = id.replaceFirst("^(group:|g)", "");
            long n;
            try {
                n = Long.parseLong(digits);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + raw + "' is neither a run id (a number, e.g. 12) nor a group "
                        + "id (g and a number, e.g. g3)");
            }
            if (group) {
                StoredGroup g = store.group(n).orElseThrow(() -> new IllegalArgumentException("there is no run "
                        + "group " + n + " in " + store.dbFile()));
                List<RunResult> members = StoredGroups.members(store, g);
                if (members.isEmpty()) {
                    throw new IllegalArgumentException("run group " + n + " has no runs yet");
                }
                items.add(new ReportItem("group " + n, g.name(), members, n));
            } else {
                RunResult r = store.load(n).orElseThrow(() -> new IllegalArgumentException("there is no run " + n
                        + " in " + store.dbFile() + "; 'verdant runs list' shows the stored runs"));
                items.add(new ReportItem("run " + n, r.name(), List.of(r), null));
            }
        }
        return items;
    }

    /** The first run (its spec stands for the item's spec: group members differ only in seed). */
    public RunResult first() {
        return runs.get(0);
    }
}
