package dev.verdant.app.history;

import dev.verdant.result.RunResult;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/** Runs of this session only, in memory: the history used when no run store is available, and in tests. */
public final class SessionHistory implements RunHistory {

    private final Map<Long, RunResult> runs = new LinkedHashMap<>();
    private final Map<Long, TreeSet<String>> tags = new ConcurrentHashMap<>();
    private final Map<Long, List<String>> notes = new ConcurrentHashMap<>();

    @Override
    public synchronized List<HistoryRow> list() {
        List<HistoryRow> rows = new ArrayList<>();
        runs.forEach((id, r) -> rows.add(HistoryRow.of(id, r, List.copyOf(tags.getOrDefault(id, new TreeSet<>())))));
        rows.sort(Comparator.comparingLong(HistoryRow::id).reversed());
        return rows;
    }

    @Override
    public synchronized Optional<RunResult> load(long id) {
        return Optional.ofNullable(runs.get(id));
    }

    @Override
    public synchronized void tag(long id, String tag) {
        tags.computeIfAbsent(id, k -> new TreeSet<>()).add(tag);
    }

    @Override
    public synchronized void untag(long id, String tag) {
        TreeSet<String> t = tags.get(id);
        if (t != null) {
            t.remove(tag);
        }
    }

    @Override
    public synchronized void note(long id, String text) {
        notes.computeIfAbsent(id, k -> new ArrayList<>()).add(java.time.LocalDateTime.now()
                .withNano(0).toString().replace('T', ' ') + ": " + text);
    }

    @Override
    public synchronized List<String> notes(long id) {
        return List.copyOf(notes.getOrDefault(id, List.of()));
    }

    @Override
    public synchronized void delete(long id) {
        runs.remove(id);
        tags.remove(id);
        notes.remove(id);
    }

    @Override
    public synchronized void record(long key, RunResult result) {
        runs.put(result.id() != null ? result.id() : key, result);
    }
}
