package dev.verdant.app.history;

import dev.verdant.result.RunResult;

import java.util.List;
import java.util.Optional;

/**
 * Where finished runs are kept: the run store, or this session's memory when no store is open. Calls may block
 * (database): the ViewModel makes them through the {@link dev.verdant.app.UiExecutor}.
 */
public interface RunHistory {

    /** Every kept run, newest first. */
    List<HistoryRow> list();

    /** One run in full. */
    Optional<RunResult> load(long id);

    /** Adds a tag to a run. */
    void tag(long id, String tag);

    /** Removes a tag from a run (nothing happens when it does not have it); a history without tags ignores it. */
    default void untag(long id, String tag) {
    }

    /** Adds a note to a run; a history without notes ignores it. */
    default void note(long id, String text) {
    }

    /** The run's notes, oldest first, each as {@code date: text}; none by default. */
    default List<String> notes(long id) {
        return List.of();
    }

    /** Deletes a run. */
    void delete(long id);

    /**
     * Records a run that ended in this window. A store-backed history ignores it (the run layer stores runs
     * itself); the in-memory one keeps it under {@code key}.
     */
    void record(long key, RunResult result);

    /**
     * What the differences between {@code runs} mean (see {@link CompareViewModel#significance(List, java.util.Map,
     * dev.verdant.result.MachineNoise)}). Without a store there are no groups and no noise figure.
     */
    default List<String> significance(List<RunResult> runs) {
        return CompareViewModel.significance(runs, java.util.Map.of(), null);
    }

    /** The stored run groups, newest first, with their mean ± 95% CI; none without a store. */
    default List<GroupRow> groups() {
        return List.of();
    }

    /**
     * Marks runs that were still active when the window closed as cancelled. The store does this for runs it
     * tracks; the default does nothing.
     */
    default void close() {
    }
}
