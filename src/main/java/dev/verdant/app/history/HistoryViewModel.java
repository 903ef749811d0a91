package dev.verdant.app.history;

import dev.verdant.app.UiExecutor;
import dev.verdant.result.RunResult;
import dev.verdant.spec.ExperimentSpec;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The history table's state: rows from a {@link RunHistory} (loaded off the FX thread), a filter text, the
 * selection, and the actions on selected runs (compare, clone, re-run, tag, delete).
 */
public final class HistoryViewModel {

    private final RunHistory history;
    private final UiExecutor executor;
    private final Consumer<Throwable> onError;
    private final ObservableList<HistoryRow> rows = FXCollections.observableArrayList();
    private final FilteredList<HistoryRow> filtered = new FilteredList<>(rows, r -> true);
    private final StringProperty filter = new SimpleStringProperty("");
    private final ObservableList<HistoryRow> selection = FXCollections.observableArrayList();
    private final ObservableList<GroupRow> groups = FXCollections.observableArrayList();
    private final ObservableList<String> notes = FXCollections.observableArrayList();
    /** Spec fields shown as extra columns (dotted paths such as {@code training.learningRate}), in order. */
    private final ObservableList<String> specColumns = FXCollections.observableArrayList();
    /** Each run's spec as a JSON tree, loaded once a spec column is shown. */
    private final javafx.collections.ObservableMap<Long, com.fasterxml.jackson.databind.JsonNode> specs =
            FXCollections.observableHashMap();

    /** "Group by" choice meaning no grouping. */
    public static final String GROUP_NONE = "none";
    /** "Group by" choice: the run's status. */
    public static final String GROUP_STATUS = "status";
    /** "Group by" choice: the run's tags. */
    public static final String GROUP_TAG = "tag";
    private final StringProperty groupBy = new SimpleStringProperty(GROUP_NONE);
    /** The filtered rows under group header rows, while a "Group by" field is chosen. */
    private final ObservableList<HistoryRow> grouped = FXCollections.observableArrayList();

    public HistoryViewModel(RunHistory history, UiExecutor executor, Consumer<Throwable> onError) {
        this.history = history;
        this.executor = executor;
        this.onError = onError;
        filter.addListener((o, was, now) -> filtered.setPredicate(r -> r.matches(now)));
        filtered.addListener((ListChangeListener<HistoryRow>) c -> {
            if (isSpecField(groupBy.get())) {
                loadSpecs(); // runs listed since are grouped once their specs are read
            }
            regroup();
        });
        specs.addListener((javafx.collections.MapChangeListener<Long, com.fasterxml.jackson.databind.JsonNode>)
                c -> regroup());
        groupBy.addListener((o, was, now) -> {
            if (isSpecField(now)) {
                loadSpecs();
            }
            regroup();
        });
    }

    /** The "Group by" choices: none, status, tag, then every spec field the Columns menu offers. */
    public static List<String> groupChoices() {
        List<String> out = new java.util.ArrayList<>(List.of(GROUP_NONE, GROUP_STATUS, GROUP_TAG));
        dev.verdant.app.builder.SpecField.ALL.forEach(f -> out.add(f.path()));
        return out;
    }

    /** The field the run table is grouped by ({@link #GROUP_NONE} for a flat table). */
    public StringProperty groupByProperty() {
        return groupBy;
    }

    /** The filtered rows, each group (sorted by value) under a header row; empty while not grouped. */
    public ObservableList<HistoryRow> groupedRows() {
        return grouped;
    }

    private static boolean isSpecField(String field) {
        return field != null && !GROUP_NONE.equals(field) && !GROUP_STATUS.equals(field)
                && !GROUP_TAG.equals(field);
    }

    /** The value run row {@code r} has for the "Group by" field, as the header shows it. */
    public String groupValue(HistoryRow r) {
        String field = groupBy.get();
        String v;
        if (GROUP_STATUS.equals(field)) {
            v = r.status();
        } else if (GROUP_TAG.equals(field)) {
            v = String.join(", ", r.tags());
        } else {
            v = specValue(r.id(), field);
        }
        return v == null || v.isEmpty() ? "(not set)" : v;
    }

    private void regroup() {
        String field = groupBy.get();
        if (field == null || GROUP_NONE.equals(field)) {
            grouped.clear();
            return;
        }
        java.util.Map<String, List<HistoryRow>> byValue = new java.util.TreeMap<>();
        for (HistoryRow r : filtered) {
            byValue.computeIfAbsent(groupValue(r), k -> new java.util.ArrayList<>()).add(r);
        }
        List<HistoryRow> out = new java.util.ArrayList<>();
        byValue.forEach((value, members) -> {
            out.add(HistoryRow.groupHeader(field + " = " + value + " · " + members.size()
                    + (members.size() == 1 ? " run" : " runs")));
            out.addAll(members);
        });
        grouped.setAll(out);
    }

    /** Rows matching the filter (the view sorts them). */
    public ObservableList<HistoryRow> rows() {
        return filtered;
    }

    public StringProperty filterProperty() {
        return filter;
    }

    /** The rows selected in the table; the view keeps it in sync. */
    public ObservableList<HistoryRow> selection() {
        return selection;
    }

    /** Run groups (specs run with repeats), newest first, with mean ± 95% CI; refreshed with the rows. */
    public ObservableList<GroupRow> groups() {
        return groups;
    }

    /** Reloads the rows and the groups from the history, off the FX thread. */
    public void refresh() {
        executor.runInBackground(history::list, rows::setAll, onError);
        executor.runInBackground(history::groups, groups::setAll, onError);
    }

    /** The ids of the runs in {@code group}, for the view to select them in the run table. */
    public List<Long> members(GroupRow group) {
        return group == null ? List.of() : group.runIds();
    }

    /**
     * Works out, off the FX thread, what the differences between {@code runs} mean (Welch's test for two groups,
     * this machine's noise for single runs) and puts the lines into {@code compare}'s significance list.
     */
    public void significance(List<RunResult> runs, CompareViewModel compare) {
        executor.runInBackground(() -> history.significance(runs), compare.significance()::setAll, onError);
    }

    /** Records a run that ended in this window, then reloads. */
    public void record(long key, RunResult result) {
        executor.runInBackground(() -> {
            history.record(key, result);
            return history.list();
        }, rows::setAll, onError);
        executor.runInBackground(history::groups, groups::setAll, onError);
    }

    /** Loads the selected runs in full and hands them over (for Compare, needs two or more). */
    public void loadSelected(Consumer<List<RunResult>> then) {
        List<Long> ids = selection.stream().map(HistoryRow::id).toList();
        executor.runInBackground(() -> {
            List<RunResult> out = new ArrayList<>();
            for (long id : ids) {
                history.load(id).ifPresent(r -> out.add(r.id() == null ? r.withId(id) : r));
            }
            // oldest first: deltas read as "what changed since the earlier run"
            out.sort(java.util.Comparator.comparing(RunResult::id));
            return out;
        }, then, onError);
    }

    /** The spec of the first selected run, for "Clone and change" and "Re-run". */
    public void selectedSpec(Consumer<ExperimentSpec> then) {
        if (selection.isEmpty()) {
            return;
        }
        long id = selection.get(0).id();
        executor.runInBackground(() -> history.load(id).map(RunResult::spec).orElse(null), spec -> {
            if (spec != null) {
                then.accept(spec);
            }
        }, onError);
    }

    /** Tags every selected run. */
    public void tagSelected(String tag) {
        if (tag == null || tag.isBlank()) {
            return;
        }
        List<Long> ids = selection.stream().map(HistoryRow::id).toList();
        executor.runInBackground(() -> {
            ids.forEach(id -> history.tag(id, tag.trim()));
            return history.list();
        }, rows::setAll, onError);
    }

    /** The spec fields shown as extra columns, in order. */
    public ObservableList<String> specColumns() {
        return specColumns;
    }

    /** The runs' specs loaded so far (id to JSON tree); the view redraws its spec columns when it changes. */
    public javafx.collections.ObservableMap<Long, com.fasterxml.jackson.databind.JsonNode> specs() {
        return specs;
    }

    /**
     * Shows spec field {@code path} as a column (any field, e.g. {@code model.norm} or {@code training.batchSize});
     * the specs of listed runs not loaded yet are read off the FX thread.
     */
    public void addSpecColumn(String path) {
        if (!specColumns.contains(path)) {
            specColumns.add(path);
        }
        loadSpecs();
    }

    /** Reads, off the FX thread, the specs of the listed runs not loaded yet (spec columns and grouping use them). */
    private void loadSpecs() {
        List<Long> missing = rows.stream().map(HistoryRow::id).filter(id -> !specs.containsKey(id)).toList();
        if (missing.isEmpty()) {
            return;
        }
        executor.runInBackground(() -> {
            java.util.Map<Long, com.fasterxml.jackson.databind.JsonNode> out = new java.util.HashMap<>();
            for (long id : missing) {
                history.load(id).map(RunResult::spec).ifPresent(sp -> out.put(id,
                        dev.verdant.spec.Mappers.json().valueToTree(sp)));
            }
            return out;
        }, specs::putAll, onError);
    }

    /** Hides the spec column of {@code path}. */
    public void removeSpecColumn(String path) {
        specColumns.remove(path);
    }

    /** The value of spec field {@code path} of run {@code id} as text ("" while not loaded or not set). */
    public String specValue(long id, String path) {
        com.fasterxml.jackson.databind.JsonNode node = specs.get(id);
        for (String part : path.split("\\.")) {
            node = node == null ? null : node.get(part);
        }
        if (node == null || node.isNull()) {
            return "";
        }
        return node.isValueNode() ? node.asText() : node.toString();
    }

    /** Removes {@code tag} from every selected run. */
    public void untagSelected(String tag) {
        if (tag == null || tag.isBlank()) {
            return;
        }
        List<Long> ids = selection.stream().map(HistoryRow::id).toList();
        executor.runInBackground(() -> {
            ids.forEach(id -> history.untag(id, tag.trim()));
            return history.list();
        }, rows::setAll, onError);
    }

    /** The notes of the first selected run, oldest first; reloaded when the selection changes or a note is added. */
    public ObservableList<String> notes() {
        return notes;
    }

    /** Reloads {@link #notes()} for the first selected run (none selected: empty). */
    public void loadNotes() {
        if (selection.isEmpty()) {
            notes.clear();
            return;
        }
        long id = selection.get(0).id();
        executor.runInBackground(() -> history.notes(id), notes::setAll, onError);
    }

    /** Adds a note to the first selected run and reloads its notes. */
    public void addNote(String text) {
        if (text == null || text.isBlank() || selection.isEmpty()) {
            return;
        }
        long id = selection.get(0).id();
        executor.runInBackground(() -> {
            history.note(id, text.trim());
            return history.notes(id);
        }, notes::setAll, onError);
    }

    /** Deletes every selected run. */
    public void deleteSelected() {
        List<Long> ids = selection.stream().map(HistoryRow::id).toList();
        executor.runInBackground(() -> {
            ids.forEach(history::delete);
            return history.list();
        }, rows::setAll, onError);
        executor.runInBackground(history::groups, groups::setAll, onError);
    }
}
