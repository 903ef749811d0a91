package dev.verdant.lesson;

import dev.verdant.result.RunResult;
import dev.verdant.result.RunStatus;

import java.util.ArrayList;
import java.util.List;

/**
 * The runs a lesson just made, by role: for each spec its main run (the full-length run, the first member of its
 * group), and for a halving lesson also the short first-rung runs and the promoted ones.
 *
 * @param labels   each spec's label (its name)
 * @param grid     each spec's full run, in spec order (null where the spec never produced one)
 * @param rung     halving only: the short first-rung runs, in spec order
 * @param promoted halving only: the promoted runs, trained fully
 * @param groupIds the stored run groups made (for {@code verdant report}); empty when not stored
 */
public record LessonRuns(List<String> labels, List<RunResult> grid, List<RunResult> rung, List<RunResult> promoted,
                         List<Long> groupIds) {

    public LessonRuns {
        labels = List.copyOf(labels);
        grid = java.util.Collections.unmodifiableList(new ArrayList<>(grid));
        rung = List.copyOf(rung);
        promoted = List.copyOf(promoted);
        groupIds = List.copyOf(groupIds);
    }

    /** Number of specs. */
    public int specCount() {
        return labels.size();
    }

    /** Spec {@code i}'s label. */
    public String label(int i) {
        return labels.get(i);
    }

    /** Spec {@code i}'s full run, or null. */
    public RunResult main(int i) {
        return i < grid.size() ? grid.get(i) : null;
    }

    /** Every run made, in the order made. */
    public List<RunResult> all() {
        List<RunResult> all = new ArrayList<>();
        rung.forEach(all::add);
        promoted.forEach(all::add);
        grid.stream().filter(java.util.Objects::nonNull).forEach(all::add);
        return all;
    }

    /** Why runs did not complete, for error messages; "none" when all did. */
    public String failures() {
        List<String> f = all().stream().filter(r -> r.status() != RunStatus.COMPLETED)
                .map(r -> r.name() + ": " + r.status().label() + (r.message() == null ? "" : " (" + r.message() + ")"))
                .toList();
        return f.isEmpty() ? "none" : String.join("; ", f);
    }
}
