package dev.verdant.app.dataeff;

import dev.verdant.result.RoundRecord;
import dev.verdant.result.RunResult;
import dev.verdant.result.RunStatus;
import dev.verdant.spec.ActiveLearningSpec;
import dev.verdant.spec.ExperimentSpec;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Curves are per strategy, averaged round by round over that strategy's runs; plain runs are left out. */
class DataEfficiencyViewModelTest {

    private static RunResult run(String strategy, double... accuracies) {
        ExperimentSpec spec = ExperimentSpec.defaults().withActiveLearning(ActiveLearningSpec.defaults()
                .withStrategy(strategy));
        List<RoundRecord> rounds = new java.util.ArrayList<>();
        for (int i = 0; i < accuracies.length; i++) {
            rounds.add(new RoundRecord(i + 1, 100 * (i + 1), accuracies[i], 10, 10 * (i + 1), 1, 50));
        }
        return new RunResult(1L, "r", RunStatus.COMPLETED, null, spec, null, null, List.of(), List.of(), null, null,
                List.of(), rounds, null);
    }

    @Test
    void oneCurvePerStrategyAveragedOverItsRuns() {
        RunResult plain = new RunResult(2L, "p", RunStatus.COMPLETED, null, ExperimentSpec.defaults(), null, null,
                List.of(), List.of(), null, null, List.of());
        List<DataEfficiencyViewModel.Curve> curves = DataEfficiencyViewModel.curvesOf(List.of(
                run("margin", 0.5, 0.7, 0.8), run("random", 0.5, 0.6), plain, run("margin", 0.6, 0.9)));
        assertEquals(List.of("margin", "random"), curves.stream().map(DataEfficiencyViewModel.Curve::strategy).toList());
        DataEfficiencyViewModel.Curve margin = curves.get(0);
        assertEquals(2, margin.points().size(), "only the rounds every run has");
        assertEquals(0.8, margin.points().get(1).accuracy(), 1e-12);
        assertEquals(200, margin.points().get(1).labelled(), 1e-12);
        assertEquals(20, margin.points().get(1).cumulativeJoules(), 1e-12);
        assertEquals(2, margin.points().get(0).runs());
    }
}
