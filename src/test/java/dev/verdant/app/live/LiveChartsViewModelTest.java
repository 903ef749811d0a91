package dev.verdant.app.live;

import dev.verdant.app.AppSamples;
import dev.verdant.result.BatchRecord;
import dev.verdant.result.EpochRecord;
import dev.verdant.result.PowerSample;
import dev.verdant.run.RunId;
import dev.verdant.run.RunEvent;
import dev.verdant.spec.ExperimentSpec;
import org.jfree.chart.JFreeChart;
import org.jfree.data.xy.XYSeries;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LiveChartsViewModelTest {

    private final LiveChartsViewModel vm = new LiveChartsViewModel();
    private final ExperimentSpec spec = AppSamples.spec("live", 0.01);
    private final RunId run = RunId.stored(7);

    private List<RunEvent> epoch(int n, int batches, Double cumulativeJoules) {
        List<RunEvent> events = new ArrayList<>();
        for (int b = 0; b < batches; b++) {
            events.add(new RunEvent.BatchEnded(run, new BatchRecord(n, b, 2.0 - 0.1 * b, 0.5, 1000, n + b * 0.1)));
        }
        events.add(new RunEvent.EpochEnded(run, new EpochRecord(n, 1.5 / n, 0.6, 1.4 / n, 0.5 + 0.1 * n, 1.5, 1000,
                0.01, 1000, cumulativeJoules == null ? null : 10.0, cumulativeJoules), 3));
        return events;
    }

    @Test
    void withoutEnergyTheAccuracyChartFallsBackToSecondsAndSaysSo() {
        vm.apply(List.of(new RunEvent.Started(run, spec, null, 100, 200, 4)));
        vm.apply(epoch(1, 4, null));
        vm.apply(epoch(2, 4, null));
        XYSeries acc = vm.accuracyDataset().getSeries(0);
        assertEquals(2, acc.getItemCount());
        assertEquals(1.5, acc.getX(0).doubleValue(), 1e-9);
        assertEquals(3.0, acc.getX(1).doubleValue(), 1e-9);
        assertEquals(XAxisMode.TIME, vm.xAxisModeProperty().get());
        assertTrue(vm.xAxisModeProperty().get().label().contains("no energy meter"));
        assertTrue(vm.tooltip(acc.getKey(), 1).contains("epoch 2"), vm.tooltip(acc.getKey(), 1));
    }

    @Test
    void withEnergyTheAccuracyChartShowsJoulesAndTooltipsCarryGrams() {
        vm.apply(List.of(new RunEvent.Started(run, spec, null, 100, 200, 4)));
        vm.apply(epoch(1, 2, 12.5));
        assertEquals(XAxisMode.ENERGY, vm.xAxisModeProperty().get());
        XYSeries acc = vm.accuracyDataset().getSeries(0);
        assertEquals(12.5, acc.getX(0).doubleValue(), 1e-9);
        String tip = vm.tooltip(acc.getKey(), 0);
        assertTrue(tip.contains("run 7 live") && tip.contains("12.5 J") && tip.contains("gCO2e")
                && !tip.contains("n/a"), tip);
    }

    @Test
    void batchLossOfTheFirstEpochIsPlacedOnceTheBatchCountIsKnown() {
        vm.apply(List.of(new RunEvent.Started(run, spec, null, 100, 200, 4)));
        vm.apply(epoch(1, 4, null).subList(0, 3));
        XYSeries batches = vm.batchLossDataset().getSeries(0);
        assertEquals(0, batches.getItemCount());
        List<RunEvent> rest = new ArrayList<>(epoch(1, 4, null).subList(3, 5));
        rest.addAll(epoch(2, 4, null));
        vm.apply(rest);
        assertEquals(8, batches.getItemCount());
        assertEquals(0.25, batches.getX(0).doubleValue(), 1e-9);
        assertEquals(2.0, batches.getX(7).doubleValue(), 1e-9);
        assertEquals(2, vm.lossDataset().getSeriesCount());
    }

    @Test
    void powerSeriesNameHowThePowerWasObtained() {
        vm.apply(List.of(new RunEvent.Started(run, spec, null, 100, 200, 4),
                new RunEvent.Power(run, new PowerSample(0.1, 12.0, "train", "estimated:cpu-tdp")),
                new RunEvent.Power(run, new PowerSample(0.2, 13.0, "train", "estimated:cpu-tdp"))));
        assertEquals("run 7 live (estimated:cpu-tdp)", vm.powerDataset().getSeriesKey(0));
        assertEquals(2, vm.powerDataset().getItemCount(0));
    }

    @Test
    void energyAxesSayWhenTheJoulesWereEstimated() {
        vm.apply(List.of(new RunEvent.Started(run, spec, null, 100, 200, 4)));
        vm.apply(epoch(1, 2, 10.0));
        assertEquals("cumulative energy (J)", vm.trajectoryAxisLabel());
        vm.apply(List.of(new RunEvent.Power(run, new PowerSample(0.1, 12.0, "train", "estimated:cpu-tdp"))));
        assertTrue(vm.energyEstimatedProperty().get());
        assertEquals("cumulative energy (J, estimated)", vm.trajectoryAxisLabel());
        vm.trajectoryAxisProperty().set(TrajectoryAxis.CO2E);
        assertEquals("cumulative emissions (gCO2e, of estimated energy)", vm.trajectoryAxisLabel());
        vm.trajectoryAxisProperty().set(TrajectoryAxis.TIME);
        assertEquals("cumulative training time (s)", vm.trajectoryAxisLabel());
        vm.clear();
        assertFalse(vm.energyEstimatedProperty().get());

        vm.setParetoRuns(List.of(AppSamples.run(1, "estimated-run", 0.01, 0.95, 100.0)));
        assertEquals("cumulative energy (J, estimated)", vm.paretoAxisLabelProperty().get());
    }

    @Test
    void compressionStepsContinueTheTrajectoryWithAMarker() {
        vm.apply(List.of(new RunEvent.Started(run, spec, null, 100, 200, 4)));
        vm.apply(epoch(1, 2, 10.0));
        vm.apply(List.of(
                new RunEvent.StepEnded(run, report(0, "baseline", "baseline", 0.6, 0.0), 1),
                new RunEvent.StepEnded(run, report(1, "prune magnitude 0.5", "prune", 0.58, 4.0), 1)));
        XYSeries acc = vm.accuracyDataset().getSeries(0);
        assertEquals(2, acc.getItemCount(), "the baseline is the trained model: no extra point");
        assertEquals(14.0, acc.getX(1).doubleValue(), 1e-9);
        assertEquals(0.58, acc.getY(1).doubleValue(), 1e-9);
        assertEquals(List.of(new CompressionMark("run 7 live", 14.0, "prune")), vm.compressionMarks());
        assertTrue(vm.tooltip(acc.getKey(), 1).contains("after prune magnitude 0.5"), vm.tooltip(acc.getKey(), 1));
    }

    @Test
    void theTrajectoryCanBePlottedAgainstTimeEmissionsOrFlopsAndTheMarksMove() {
        vm.apply(List.of(new RunEvent.Started(run, spec, null, 100, 200, 4)));
        vm.apply(epoch(1, 2, 10.0));
        vm.apply(epoch(2, 2, 20.0));
        vm.apply(List.of(new RunEvent.StepEnded(run, report(1, "prune magnitude 0.5", "prune", 0.58, 4.0), 2)));
        XYSeries acc = vm.accuracyDataset().getSeries(0);
        assertEquals(List.of(10.0, 20.0, 24.0), xs(acc));

        vm.trajectoryAxisProperty().set(TrajectoryAxis.TIME);
        assertEquals(List.of(1.5, 3.0, 3.5), xs(acc), "seconds: 1.5 per epoch, 0.5 for the step");
        assertEquals(List.of(new CompressionMark("run 7 live", 3.5, "prune")), vm.compressionMarks());
        assertEquals("cumulative training time (s)", vm.trajectoryAxisLabel());

        vm.trajectoryAxisProperty().set(TrajectoryAxis.FLOPS);
        // 1000 samples/s for 1.5 s = 1500 samples an epoch, 3 x 1000 FLOPs each (no counted training FLOPs)
        assertEquals(List.of(4.5e6, 9.0e6, 9.0e6), xs(acc));

        vm.trajectoryAxisProperty().set(TrajectoryAxis.CO2E);
        double grams = vm.pointInfo(acc.getKey()).get(1).co2eGrams();
        assertEquals(grams, acc.getX(1).doubleValue(), 1e-12);
        assertTrue(grams > 0);
        assertTrue(vm.tooltip(acc.getKey(), 2).contains("after prune"), "tooltips follow the re-plotted points");

        vm.trajectoryAxisProperty().set(TrajectoryAxis.AUTO);
        assertEquals(List.of(10.0, 20.0, 24.0), xs(acc));
        assertEquals(List.of(new CompressionMark("run 7 live", 24.0, "prune")), vm.compressionMarks());
    }

    private static List<Double> xs(XYSeries s) {
        List<Double> out = new ArrayList<>();
        for (int i = 0; i < s.getItemCount(); i++) {
            out.add(s.getX(i).doubleValue());
        }
        return out;
    }

    private static dev.verdant.result.CompressionReport report(int index, String step, String type, double acc,
                                                                double joules) {
        return new dev.verdant.result.CompressionReport(index, step, type, acc, 1000, 500, 4000, 2000, 0.1, 1.0,
                null, 0.5, joules, false, "64-32-10", null);
    }

    @Test
    void paretoFrontKeepsOnlyUndominatedRuns() {
        var cheapGood = AppSamples.run(1, "cheap-good", 0.01, 0.95, 100.0);
        var dearWorse = AppSamples.run(2, "dear-worse", 0.01, 0.90, 300.0);
        var dearBest = AppSamples.run(3, "dear-best", 0.01, 0.97, 400.0);
        vm.setParetoRuns(List.of(cheapGood, dearWorse, dearBest));
        assertEquals(XAxisMode.ENERGY, vm.paretoAxisModeProperty().get());
        assertEquals(2, vm.paretoDataset().getSeries(LiveChartsViewModel.FRONT).getItemCount());
        assertEquals(1, vm.paretoDataset().getSeries(LiveChartsViewModel.DOMINATED).getItemCount());
        assertTrue(vm.tooltip(LiveChartsViewModel.DOMINATED, 0).contains("dear-worse"));
        assertTrue(vm.tooltip(LiveChartsViewModel.FRONT, 1).contains("dear-best"));
    }

    @Test
    void chartsExportToPngSvgAndCsv(@TempDir Path dir) throws Exception {
        vm.apply(List.of(new RunEvent.Started(run, spec, null, 100, 200, 4)));
        vm.apply(epoch(1, 3, 5.0));
        vm.apply(epoch(2, 3, 10.0));
        JFreeChart chart = Charts.accuracy(vm);
        ChartExport.png(chart, dir.resolve("a.png"), 600, 400);
        ChartExport.svg(chart, dir.resolve("a.svg"), 600, 400);
        ChartExport.csv(new org.jfree.data.xy.XYDataset[] {vm.accuracyDataset()}, dir.resolve("a.csv"));
        assertTrue(Files.size(dir.resolve("a.png")) > 1000);
        String svg = Files.readString(dir.resolve("a.svg"));
        assertTrue(svg.contains("<svg") && svg.contains("Accuracy against energy"), svg); // more in ChartExportTest
        List<String> csv = Files.readAllLines(dir.resolve("a.csv"));
        assertEquals("series,x,y", csv.get(0));
        assertEquals(3, csv.size());
        assertFalse(csv.get(1).isBlank());
    }

    @Test
    void clearFinishedTakesOffEndedRunsAndKeepsRunningOnes() {
        RunId other = RunId.stored(8);
        vm.apply(List.of(new RunEvent.Started(run, spec, null, 100, 200, 4),
                new RunEvent.Started(other, spec, null, 100, 200, 4)));
        vm.apply(epoch(1, 2, 5.0));
        vm.apply(List.of(new RunEvent.Power(other, new PowerSample(1.0, 20.0, "train", "estimated"))));
        vm.apply(List.of(new RunEvent.Finished(other, AppSamples.run(8, "live", 0.01, 0.5, 5.0))));
        assertEquals(2, vm.accuracyDataset().getSeriesCount());
        assertEquals(List.of("run 8 live"), vm.clearFinished());
        assertEquals(1, vm.accuracyDataset().getSeriesCount());
        assertEquals("run 7 live", vm.runOf(vm.accuracyDataset().getSeries(0).getKey()));
        assertEquals(2, vm.lossDataset().getSeriesCount());
        assertEquals(0, vm.powerDataset().getSeriesCount());
        assertEquals(List.of(), vm.clearFinished(), "the running run stays");
        assertEquals(1, vm.accuracyDataset().getSeriesCount());
    }
}
