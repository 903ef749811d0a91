package dev.verdant.app.history;

import dev.verdant.app.AppSamples;
import dev.verdant.app.UiExecutor;
import dev.verdant.result.RunResult;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HistoryAndCompareTest {

    private final SessionHistory history = new SessionHistory();
    private final List<Throwable> errors = new ArrayList<>();
    private final HistoryViewModel vm = new HistoryViewModel(history, UiExecutor.synchronous(), errors::add);

    @Test
    void untagsAndKeepsNotesPerRun() {
        vm.record(1, AppSamples.run(1, "mlp-baseline", 0.001, 0.95, 100.0));
        vm.record(2, AppSamples.run(2, "mlp-fast", 0.01, 0.93, 60.0));
        vm.selection().setAll(vm.rows());
        vm.tagSelected("keep");
        vm.tagSelected("later");
        vm.selection().setAll(vm.rows().stream().filter(r -> r.id() == 2).toList());
        vm.untagSelected("keep");
        assertEquals(List.of("later"), vm.rows().stream().filter(r -> r.id() == 2).findFirst().orElseThrow().tags());
        assertEquals(List.of("keep", "later"),
                vm.rows().stream().filter(r -> r.id() == 1).findFirst().orElseThrow().tags(), "only the selected");
        vm.addNote("  lr 0.01 converges faster  ");
        vm.addNote("");
        assertEquals(1, vm.notes().size());
        assertTrue(vm.notes().get(0).endsWith(": lr 0.01 converges faster"), vm.notes().get(0));
        vm.selection().setAll(vm.rows().stream().filter(r -> r.id() == 1).toList());
        vm.loadNotes();
        assertTrue(vm.notes().isEmpty(), "notes belong to their run");
        assertTrue(errors.isEmpty());
    }

    @Test
    void anySpecFieldCanBeAColumn() {
        vm.record(1, AppSamples.run(1, "mlp-baseline", 0.001, 0.95, 100.0));
        vm.record(2, AppSamples.run(2, "mlp-fast", 0.01, 0.93, 60.0));
        assertEquals("", vm.specValue(2, "training.learningRate"), "not loaded before the column is asked for");
        vm.addSpecColumn("training.learningRate");
        vm.addSpecColumn("model.arch");
        assertEquals(List.of("training.learningRate", "model.arch"), vm.specColumns());
        assertEquals("0.01", vm.specValue(2, "training.learningRate"));
        assertEquals("0.001", vm.specValue(1, "training.learningRate"));
        assertEquals("mlp", vm.specValue(1, "model.arch"));
        vm.removeSpecColumn("model.arch");
        assertEquals(List.of("training.learningRate"), vm.specColumns());
        assertTrue(errors.isEmpty());
    }

    @Test
    void recordsFiltersTagsAndDeletes() {
        vm.record(1, AppSamples.run(1, "mlp-baseline", 0.001, 0.95, 100.0));
        vm.record(2, AppSamples.run(2, "mlp-fast", 0.01, 0.93, 60.0));
        assertEquals(2, vm.rows().size());
        assertEquals(2, vm.rows().get(0).id(), "newest first");
        vm.filterProperty().set("FAST");
        assertEquals(List.of("mlp-fast"), vm.rows().stream().map(HistoryRow::name).toList());
        vm.filterProperty().set("");
        vm.selection().setAll(vm.rows().get(1));
        vm.tagSelected("baseline");
        vm.filterProperty().set("baseline");
        assertEquals(1, vm.rows().size());
        assertEquals(List.of("baseline"), vm.rows().get(0).tags());
        vm.filterProperty().set("");
        vm.selection().setAll(vm.rows().get(0));
        vm.deleteSelected();
        assertEquals(1, vm.rows().size());
        assertTrue(errors.isEmpty());
    }

    @Test
    void rowsSummariseStrategyAndFigures() {
        HistoryRow row = HistoryRow.of(7, AppSamples.run(7, "r", 0.01, 0.9, 50.0), List.of());
        assertEquals("adam 0.01 · constant · 3 ep", row.strategy());
        assertEquals("none", row.compression());
        assertEquals(50.0, row.energyJoules());
        assertEquals("completed", row.status());
    }

    @Test
    void aCompressedRunShowsItsDeliveredAccuracyWithTheTrainedOneAlongside() {
        RunResult r = AppSamples.compressed(8, "pruned", 0.9694, 0.8914);
        vm.record(8, r);
        HistoryRow row = vm.rows().get(0);
        assertEquals(0.8914, row.accuracy(), 0.0);
        assertEquals(0.9694, row.trainedAccuracy(), 0.0);
        assertEquals(AppSamples.COMPRESSED_PARAMS, row.params());
        assertEquals("delivered 0.8914 (trained 0.9694)", dev.verdant.app.DeliveredText.accuracy(r));
        assertEquals("accuracy 0.9000", dev.verdant.app.DeliveredText.accuracy(AppSamples.run(1, "a", 0.01, 0.9, 5.0)));
        CompareViewModel c = new CompareViewModel(List.of(AppSamples.run(1, "plain", 0.01, 0.95, 50.0), r));
        CompareViewModel.MetricRow delivered = c.metricRows().stream()
                .filter(m -> m.metric().equals("delivered accuracy")).findFirst().orElseThrow();
        assertEquals(List.of("0.9500", "0.8914"), delivered.values());
        CompareViewModel.MetricRow trained = c.metricRows().stream()
                .filter(m -> m.metric().equals("trained accuracy")).findFirst().orElseThrow();
        assertEquals(List.of("0.9500", "0.9694"), trained.values());
    }

    @Test
    void selectedRunsLoadOldestFirstForCompare() {
        vm.record(1, AppSamples.run(1, "a", 0.001, 0.95, 100.0));
        vm.record(2, AppSamples.run(2, "b", 0.01, 0.93, 60.0));
        vm.selection().setAll(vm.rows());
        List<RunResult> loaded = new ArrayList<>();
        vm.loadSelected(loaded::addAll);
        assertEquals(List.of(1L, 2L), loaded.stream().map(RunResult::id).toList());
    }

    @Test
    void cloneAndRerunStartFromTheSelectedRunsSpec() {
        vm.record(3, AppSamples.run(3, "to-clone", 0.02, 0.9, 10.0));
        vm.selection().setAll(vm.rows().get(0));
        List<dev.verdant.spec.ExperimentSpec> specs = new ArrayList<>();
        vm.selectedSpec(specs::add);
        assertEquals(List.of(AppSamples.spec("to-clone", 0.02)), specs);
    }

    @Test
    void compareShowsSpecDifferencesMetricDeltasAndCurves() {
        CompareViewModel c = new CompareViewModel(List.of(AppSamples.run(1, "a", 0.001, 0.90, 100.0),
                AppSamples.run(2, "b", 0.01, 0.95, 50.0)));
        List<String> differing = c.differences().stream().map(CompareViewModel.SpecRow::path).toList();
        assertEquals(List.of("name", "training.learningRate"), differing);
        assertTrue(c.same("model.arch"));
        assertFalse(c.same("training.learningRate"));
        CompareViewModel.MetricRow energy = c.metricRows().stream().filter(r -> r.metric().equals("energy (J)"))
                .findFirst().orElseThrow();
        assertEquals(List.of("100.0", "50.0"), energy.values());
        assertEquals("-50.0 (-50.0%)", energy.deltas().get(1));
        assertEquals(2, c.curves().getSeriesCount());
        assertEquals(3, c.curves().getItemCount(1));
        assertEquals("cumulative energy (J, estimated)", c.curveAxisLabel());
        assertEquals(List.of("estimated:cpu-tdp", "estimated:cpu-tdp"), c.metricRows().stream()
                .filter(r -> r.metric().equals("energy method")).findFirst().orElseThrow().values());
    }

    @Test
    void compareTitlesAndColumnsNameRunsByStoreIdAndName() {
        CompareViewModel two = new CompareViewModel(List.of(AppSamples.run(3, "mlp", 0.001, 0.90, 100.0),
                AppSamples.run(5, "lenet", 0.01, 0.95, 50.0)));
        assertEquals("Compare: run 3 mlp · run 5 lenet", two.title());
        assertEquals(List.of("run 3 mlp", "run 5 lenet"), two.runLabels());
        assertEquals("run 3 mlp", two.curves().getSeriesKey(0), "curves carry the same label as the live charts");
        CompareViewModel five = new CompareViewModel(List.of(AppSamples.run(1, "a", 0.001, 0.9, 1.0),
                AppSamples.run(2, "b", 0.001, 0.9, 1.0), AppSamples.run(3, "c", 0.001, 0.9, 1.0),
                AppSamples.run(4, "d", 0.001, 0.9, 1.0), AppSamples.run(6, "e", 0.001, 0.9, 1.0)));
        assertEquals("Compare: run 1 a · run 2 b · run 3 c · +2 more", five.title());
    }
}
