package dev.verdant.app.live;

import dev.verdant.app.AppSamples;
import dev.verdant.result.RunResult;
import dev.verdant.result.RunStatus;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Issue 11 point 4: one comparable front per task, completed runs only, labelled points, delivered figures. */
class ParetoViewModelTest {

    private final ParetoViewModel vm = new ParetoViewModel();

    private static RunResult on(String dataset, RunResult r) {
        return new RunResult(r.id(), r.name(), r.status(), r.message(),
                r.spec().withDataset(r.spec().dataset().withName(dataset)), r.provenance(),
                r.finalMetrics().withoutDelivered(), r.epochs(), r.power(), r.startedAt(), r.endedAt(),
                r.compression());
    }

    private static RunResult withStatus(RunResult r, RunStatus status) {
        return new RunResult(r.id(), r.name(), status, "stopped by the user", r.spec(), r.provenance(),
                r.finalMetrics(), r.epochs(), r.power(), r.startedAt(), r.endedAt(), r.compression());
    }

    private List<String> plottedNames() {
        return vm.plotted().stream().map(RunResult::name).toList();
    }

    @Test
    void theFrontHoldsOneTaskAndOnlyCompletedRuns() {
        RunResult lenet = on("fashion-mnist", AppSamples.run(1, "lenet", 0.01, 0.88, 400.0));
        RunResult digits = on("digits", AppSamples.run(2, "digits-mlp", 0.01, 0.97, 20.0));
        RunResult lenet2 = on("fashion-mnist", AppSamples.run(3, "lenet-small", 0.01, 0.85, 150.0));
        RunResult halfTrained = withStatus(on("fashion-mnist", AppSamples.run(4, "half", 0.01, 0.99, 10.0)),
                RunStatus.CANCELLED);
        vm.setRuns(List.of(lenet, digits, lenet2, halfTrained));

        assertEquals(List.of("fashion-mnist · validation 0.2", "digits · validation 0.2"),
                vm.tasks().stream().map(ParetoViewModel.Task::label).toList());
        assertEquals("fashion-mnist", vm.taskProperty().get().dataset(), "the newest completed run's task");
        assertEquals(List.of("lenet", "lenet-small"), plottedNames(),
                "the digits MLP is another task; the cancelled run delivers nothing");
        assertEquals("1 unfinished run not plotted", vm.excludedProperty().get());
        assertEquals(2, vm.dataset().getSeries(ParetoViewModel.FRONT).getItemCount(),
                "without the digits MLP and the half-trained run, both LeNets are on the front");

        vm.taskProperty().set(vm.tasks().get(1));
        assertEquals(List.of("digits-mlp"), plottedNames());
        assertEquals(1, vm.dataset().getSeries(ParetoViewModel.FRONT).getItemCount());
        assertEquals(0, vm.dataset().getSeries(ParetoViewModel.DOMINATED).getItemCount());

        vm.setRuns(List.of(lenet, digits));
        assertEquals("digits", vm.taskProperty().get().dataset(), "the user's choice stays while it has runs");

        RunResult spirals = AppSamples.run(5, "spirals", 0.01, 0.9, 5.0);
        spirals = new RunResult(spirals.id(), spirals.name(), spirals.status(), null, spirals.spec().withDataset(
                spirals.spec().dataset().withName("spirals")), spirals.provenance(), spirals.finalMetrics(),
                spirals.epochs(), spirals.power(), spirals.startedAt(), spirals.endedAt(), List.of());
        assertEquals("spirals (1000 samples, noise 0.1)", ParetoViewModel.Task.of(spirals).dataset(),
                "generated sets differ by their size and noise");
    }

    @Test
    void pointsAreLabelledAndSitAtTheDeliveredAccuracyAndTotalEnergy() {
        RunResult plain = AppSamples.run(1, "plain", 0.01, 0.93, 40.0);
        RunResult pruned = AppSamples.compressed(8, "pruned", 0.9694, 0.8914);
        vm.setRuns(List.of(plain, pruned));
        var front = vm.dataset().getSeries(ParetoViewModel.FRONT);
        var dominated = vm.dataset().getSeries(ParetoViewModel.DOMINATED);
        // at its trained 0.9694 the pruned run (30 J) would dominate the plain one (40 J); delivered, it does not
        assertEquals(2, front.getItemCount());
        assertEquals(0, dominated.getItemCount());
        assertEquals(30.0, front.getX(0).doubleValue(), 0.0);
        assertEquals(0.8914, front.getY(0).doubleValue(), 0.0);
        assertEquals("run 8 pruned", vm.pointLabel(ParetoViewModel.FRONT, 0));
        assertEquals("run 1 plain", vm.pointLabel(ParetoViewModel.FRONT, 1));
        assertTrue(vm.tooltip(ParetoViewModel.FRONT, 0).contains("trained 0.9694"),
                vm.tooltip(ParetoViewModel.FRONT, 0));
    }

    @Test
    void theLiveChartsModelDrawsTheSameFront() {
        LiveChartsViewModel live = new LiveChartsViewModel();
        live.setParetoRuns(List.of(AppSamples.compressed(8, "pruned", 0.9694, 0.8914),
                withStatus(AppSamples.run(2, "cancelled", 0.01, 0.99, 5.0), RunStatus.CANCELLED)));
        assertEquals(1, live.paretoDataset().getSeries(LiveChartsViewModel.FRONT).getItemCount());
        assertEquals(0.8914, live.paretoDataset().getSeries(LiveChartsViewModel.FRONT).getY(0).doubleValue(), 0.0);
        assertTrue(live.tooltip(LiveChartsViewModel.FRONT, 0).startsWith("run 8 pruned"));
    }

    private static RunResult seeded(RunResult r, long seed) {
        return new RunResult(r.id(), r.name(), r.status(), r.message(), r.spec().withSeed(seed), r.provenance(),
                r.finalMetrics(), r.epochs(), r.power(), r.startedAt(), r.endedAt(), r.compression());
    }

    /**
     * Repeats of one recipe are one point at their means with 95% error bars, and dominance uses the means: the
     * noisiest repeat of a recipe does not push its twin off the front.
     */
    @Test
    void repeatsAreOnePointWithErrorBars() {
        RunResult a1 = seeded(AppSamples.run(1, "mlp", 0.01, 0.90, 10.0), 1);
        RunResult a2 = seeded(AppSamples.run(2, "mlp", 0.01, 0.92, 14.0), 2);
        RunResult a3 = seeded(AppSamples.run(3, "mlp", 0.01, 0.94, 12.0), 3);
        RunResult other = AppSamples.run(4, "lenet", 0.003, 0.95, 30.0);
        vm.setRuns(List.of(a1, a2, a3, other));

        var front = vm.dataset().getSeries(ParetoViewModel.FRONT);
        assertEquals(2, front.getItemCount(), "one point for the three repeats, one for the other recipe");
        assertEquals(12.0, front.getX(0).doubleValue(), 1e-9);
        assertEquals(0.92, front.getY(0).doubleValue(), 1e-9);
        assertTrue(vm.pointLabel(ParetoViewModel.FRONT, 0).startsWith("mlp × 3 (runs 1, 2, 3)"),
                vm.pointLabel(ParetoViewModel.FRONT, 0));
        assertTrue(vm.tooltip(ParetoViewModel.FRONT, 0).contains("mean of 3 repeats ± 95% CI"),
                vm.tooltip(ParetoViewModel.FRONT, 0));

        var bars = vm.spreadDataset();
        assertEquals(1, bars.getItemCount(0));
        dev.verdant.result.GroupStatistics acc = dev.verdant.result.GroupStatistics.of(0.90, 0.92, 0.94);
        dev.verdant.result.GroupStatistics joules = dev.verdant.result.GroupStatistics.of(10.0, 14.0, 12.0);
        assertEquals(acc.low(), bars.getStartYValue(0, 0), 1e-9);
        assertEquals(acc.high(), bars.getEndYValue(0, 0), 1e-9);
        assertEquals(joules.low(), bars.getStartXValue(0, 0), 1e-9);
        assertEquals(joules.high(), bars.getEndXValue(0, 0), 1e-9);
    }

    /** Two runs with the same seed are a re-run, not repeats: each keeps its own point and no error bar. */
    @Test
    void theSameSeedTwiceStaysTwoPoints() {
        RunResult a = AppSamples.run(1, "mlp", 0.01, 0.90, 10.0);
        RunResult b = AppSamples.run(2, "mlp", 0.01, 0.95, 9.0);
        vm.setRuns(List.of(a, b));
        assertEquals(1, vm.dataset().getSeries(ParetoViewModel.FRONT).getItemCount());
        assertEquals(1, vm.dataset().getSeries(ParetoViewModel.DOMINATED).getItemCount());
        assertEquals(0, vm.spreadDataset().getItemCount(0));
    }
}
