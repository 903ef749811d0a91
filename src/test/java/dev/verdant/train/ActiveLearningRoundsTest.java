package dev.verdant.train;

import ai.djl.Device;
import dev.verdant.data.Datasets;
import dev.verdant.data.LoadedData;
import dev.verdant.energy.CpuEstimatorProbe;
import dev.verdant.energy.EnergyMeter;
import dev.verdant.result.EpochRecord;
import dev.verdant.result.Phase;
import dev.verdant.result.RoundRecord;
import dev.verdant.result.RunStatus;
import dev.verdant.spec.ActiveLearningSpec;
import dev.verdant.spec.DatasetSpec;
import dev.verdant.spec.EnergySpec;
import dev.verdant.spec.ExperimentSpec;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Real rounds on the built-in digits: labels grow per round, the query phase is metered and counted. */
class ActiveLearningRoundsTest {

    @Test
    void roundsGrowTheLabelledSetAndCountTheQueryPhasesEnergy() {
        ExperimentSpec base = ExperimentSpec.defaults().withDevice("cpu");
        ExperimentSpec spec = base.withTraining(base.training().withBatchSize(16).withLearningRate(0.01))
                .withActiveLearning(new ActiveLearningSpec("margin", 30, 20, 3, null, "continue", 3, null));
        LoadedData data = Datasets.load(DatasetSpec.defaults(), spec.seed());
        try (EnergyMeter meter = EnergyMeter.start(EnergySpec.defaults(), List.of(new CpuEstimatorProbe()))) {
            ActiveLearningRounds.Outcome o = ActiveLearningRounds.run(spec, data, Device.cpu(), meter,
                    new TrainingObserver() {
                        @Override
                        public void onPhase(Phase phase) {
                            meter.begin(phase);
                        }
                    }, () -> false);
            meter.end();
            assertEquals(RunStatus.COMPLETED, o.training().status());
            List<RoundRecord> rounds = o.rounds();
            assertEquals(List.of(30, 50, 70), rounds.stream().map(RoundRecord::labelled).toList());
            assertEquals(70, o.labelled().length);
            assertEquals(List.of(1, 2, 3, 4, 5, 6, 7, 8, 9), o.training().epochs().stream().map(EpochRecord::epoch).toList(),
                    "epochs are numbered on across rounds");
            int pool = data.train().size();
            assertEquals(pool - 30, rounds.get(0).poolScored());
            assertEquals(pool - 50, rounds.get(1).poolScored());
            assertEquals(0, rounds.get(2).poolScored(), "nothing is queried after the last round");
            assertTrue(rounds.get(0).queryJoules() > 0, "scoring the pool costs energy: " + rounds.get(0));
            assertTrue(rounds.get(1).queryJoules() > 0);
            assertEquals(0, rounds.get(2).queryJoules(), 0.0);
            double query = rounds.stream().mapToDouble(RoundRecord::queryJoules).sum();
            assertEquals(meter.joules(Phase.QUERY), query, 1e-9, "every query joule is in a round");
            assertEquals(rounds.stream().mapToDouble(RoundRecord::energyJoules).sum(),
                    rounds.get(2).cumulativeEnergyJoules(), 1e-9);
            assertTrue(meter.totalJoules() >= rounds.get(2).cumulativeEnergyJoules(), "rounds hold the meter's joules");
            assertTrue(rounds.get(2).valAccuracy() > 0.3, "70 labels of digits learn something: " + rounds);
        }
    }

    @Test
    void aPoolLimitScoresOnlyThatManyAndFromScratchStillCompletes() {
        ExperimentSpec spec = ExperimentSpec.defaults().withDevice("cpu")
                .withActiveLearning(new ActiveLearningSpec("coreset", 20, 10, 2, null, "from-scratch", 1, 100));
        LoadedData data = Datasets.load(DatasetSpec.defaults().withLimit(600), spec.seed());
        try (EnergyMeter meter = EnergyMeter.start(EnergySpec.defaults(), List.of(new CpuEstimatorProbe()))) {
            ActiveLearningRounds.Outcome o = ActiveLearningRounds.run(spec, data, Device.cpu(), meter,
                    TrainingObserver.NONE, () -> false);
            assertEquals(100, o.rounds().get(0).poolScored());
            assertEquals(30, o.labelled().length);
        }
    }

    @Test
    void poolIsTheUnlabelledRest() {
        int[] pool = ActiveLearningRounds.pool(6, new int[] {1, 4}, null, new java.util.Random(1));
        org.junit.jupiter.api.Assertions.assertArrayEquals(new int[] {0, 2, 3, 5}, pool);
        assertEquals(2, ActiveLearningRounds.pool(6, new int[] {1, 4}, 2, new java.util.Random(1)).length);
    }
}
