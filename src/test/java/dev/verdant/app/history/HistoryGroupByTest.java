package dev.verdant.app.history;

import dev.verdant.app.AppSamples;
import dev.verdant.app.UiExecutor;
import dev.verdant.store.InMemoryRunStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** History's "Group by" on a real (in-memory) store: header rows per value of status, tag or a spec field. */
class HistoryGroupByTest {

    private final InMemoryRunStore store = new InMemoryRunStore();
    private final List<Throwable> errors = new ArrayList<>();
    private final HistoryViewModel vm = new HistoryViewModel(new StoreHistory(store), UiExecutor.synchronous(),
            errors::add);

    @AfterEach
    void noErrors() {
        assertEquals(List.of(), errors);
        store.close();
    }

    private long importRun(dev.verdant.result.RunResult r) {
        return store.importRun(new dev.verdant.result.RunResult(null, r.name(), r.status(), r.message(),
                r.spec(), r.provenance(), r.finalMetrics(), r.epochs(), r.power(), r.startedAt(), r.endedAt(),
                r.compression()));
    }

    private static List<String> names(List<HistoryRow> rows) {
        return rows.stream().map(HistoryRow::name).toList();
    }

    @Test
    void groupingPutsEachRunUnderAHeaderOfItsValueAndNoneFlattensAgain() {
        long a = importRun(AppSamples.run(1, "a", 0.01, 0.9, 30.0));
        long b = importRun(AppSamples.run(2, "b", 0.1, 0.8, 31.0));
        importRun(AppSamples.failed(3, "c", "out of memory"));
        store.tag(a, "baseline");
        vm.refresh();
        assertTrue(vm.groupedRows().isEmpty(), "not grouped at first");
        assertTrue(HistoryViewModel.groupChoices().containsAll(List.of("none", "status", "tag",
                "training.learningRate")));

        vm.groupByProperty().set(HistoryViewModel.GROUP_STATUS);
        List<HistoryRow> rows = vm.groupedRows();
        assertEquals(5, rows.size(), names(rows).toString());
        assertTrue(rows.get(0).isGroupHeader() && rows.get(0).name().equals("status = completed · 2 runs"),
                names(rows).toString());
        assertTrue(rows.get(3).isGroupHeader() && rows.get(3).name().startsWith("status = failed · 1 run"),
                names(rows).toString());
        assertEquals("c", rows.get(4).name());

        vm.groupByProperty().set(HistoryViewModel.GROUP_TAG);
        assertEquals(List.of("tag = (not set) · 2 runs"), vm.groupedRows().stream()
                .filter(HistoryRow::isGroupHeader).map(HistoryRow::name).limit(1).toList());
        assertTrue(names(vm.groupedRows()).contains("tag = baseline · 1 run"), names(vm.groupedRows()).toString());

        vm.groupByProperty().set("training.learningRate"); // a spec field: the specs are read, then grouped
        List<String> spec = names(vm.groupedRows());
        assertTrue(spec.contains("training.learningRate = 0.1 · 1 run"), spec.toString());
        int header = spec.indexOf("training.learningRate = 0.1 · 1 run");
        assertEquals(b, vm.groupedRows().get(header + 1).id());

        vm.filterProperty().set("failed"); // grouping follows the filter
        assertEquals(2, vm.groupedRows().size(), names(vm.groupedRows()).toString());
        assertEquals("c", vm.groupedRows().get(1).name());

        vm.groupByProperty().set(HistoryViewModel.GROUP_NONE);
        assertTrue(vm.groupedRows().isEmpty());
    }
}
