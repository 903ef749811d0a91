package dev.verdant.app.history;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.verdant.result.CompressionReport;
import dev.verdant.result.DeliveredFigures;
import dev.verdant.result.GroupSummary;
import dev.verdant.result.ResultJson;
import dev.verdant.result.RunResult;
import dev.verdant.store.RunFilter;
import dev.verdant.store.RunStore;
import dev.verdant.store.RunSummary;
import dev.verdant.store.StoredGroup;
import dev.verdant.store.StoredGroups;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The history kept in the SQLite run store; the run layer writes runs there itself as they happen. */
public final class StoreHistory implements RunHistory {

    /** Above this many runs the table skips loading each spec (strategy and compression columns stay empty). */
    private static final int DETAIL_LIMIT = 500;

    private final RunStore store;
    private boolean closed;

    public StoreHistory(RunStore store) {
        this.store = store;
    }

    public RunStore store() {
        return store;
    }

    @Override
    public synchronized List<HistoryRow> list() {
        if (closed) {
            return List.of(); // the window is closing: a refresh queued just before the close has nothing to show
        }
        List<RunSummary> summaries = store.list(RunFilter.all());
        List<HistoryRow> rows = new ArrayList<>(summaries.size());
        boolean details = summaries.size() <= DETAIL_LIMIT;
        for (RunSummary s : summaries) {
            var spec = details ? store.spec(s.id()).orElse(null) : null;
            CompressionReport last = spec != null && spec.compression().isEmpty() ? null : lastStep(s.id());
            // boxed on purpose: a ternary of double and Double unboxes the null accuracy of a failed run (NPE)
            Double delivered = last != null && s.accuracy() != null ? Double.valueOf(last.accuracy()) : s.accuracy();
            Long params = last != null && s.params() != null ? Long.valueOf(last.params()) : s.params();
            rows.add(new HistoryRow(s.id(), s.name(), s.dataset(), s.arch(), HistoryRow.strategy(spec),
                    HistoryRow.compression(spec), delivered,
                    s.energyJoules(), s.co2eGrams(), params,
                    s.status().label(), s.startedAt() != null ? s.startedAt() : s.createdAt(), s.tags(),
                    s.accuracy(), HistoryRow.simulated(last)));
        }
        return rows;
    }

    /**
     * The run's last compression step, read from the store (the run list has only the trained figures): what it
     * delivers, as {@link dev.verdant.result.DeliveredFigures} decides for a loaded run. Null when no step ran.
     */
    private CompressionReport lastStep(long id) {
        List<String> steps = store.compressionSteps(id);
        if (steps.isEmpty()) {
            return null;
        }
        try {
            CompressionReport last = ResultJson.mapper().readValue(steps.get(steps.size() - 1),
                    CompressionReport.class);
            return DeliveredFigures.lastStep(List.of(last));
        } catch (JsonProcessingException e) {
            return null; // the full load reports the broken step; the list shows the trained figures meanwhile
        }
    }

    @Override
    public synchronized List<String> significance(List<RunResult> runs) {
        if (closed) {
            return List.of();
        }
        java.util.Map<Long, Long> groupOf = new java.util.HashMap<>();
        for (StoredGroup g : store.groups()) {
            g.runIds().forEach(id -> groupOf.put(id, g.id()));
        }
        return CompareViewModel.significance(runs, groupOf, StoredGroups.noise(store));
    }

    @Override
    public synchronized List<GroupRow> groups() {
        if (closed) {
            return List.of();
        }
        List<GroupRow> rows = new ArrayList<>();
        for (StoredGroup g : store.groups()) {
            if (!g.runIds().isEmpty()) {
                List<RunResult> members = StoredGroups.members(store, g);
                GroupSummary summary = GroupSummary.of(g.id(), members);
                rows.add(GroupRow.isComparison(members)
                        ? GroupRow.comparison(g.id(), g.name(), g.createdAt(), members, summary)
                        : GroupRow.of(g.id(), g.name(), g.repeats(), g.createdAt(), summary));
            }
        }
        return rows;
    }

    @Override
    public Optional<RunResult> load(long id) {
        // active-learning rounds and transfer reports are kept beside the model, not in the run's row
        return store.load(id).map(r -> dev.verdant.run.DataEfficiency.withStored(store, r));
    }

    @Override
    public void tag(long id, String tag) {
        store.tag(id, tag);
    }

    @Override
    public void untag(long id, String tag) {
        store.untag(id, tag);
    }

    @Override
    public void note(long id, String text) {
        store.note(id, text);
    }

    @Override
    public List<String> notes(long id) {
        return store.notes(id).stream().map(n -> (n.createdAt() == null ? "" : n.createdAt().replace('T', ' ')
                .replaceFirst("\\..*", "") + ": ") + n.text()).toList();
    }

    @Override
    public void delete(long id) {
        store.delete(id);
    }

    @Override
    public void record(long key, RunResult result) {
        // the run layer has stored it already
    }

    /** Waits for a refresh in progress, then closes; later refreshes return no rows instead of failing. */
    @Override
    public synchronized void close() {
        closed = true;
        store.close();
    }
}
