package dev.verdant.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import dev.verdant.spec.SpecException;
import dev.verdant.spec.SweepCodec;
import dev.verdant.spec.SweepSpec;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Grid and random expansion, and the rungs of halving and Hyperband: deterministic under the sweep's seed. */
class ExpansionTest {

    private static SweepSpec sweep(String method, String params, String extra) {
        return SweepCodec.parse("sweep:\n  base: { training: { epochs: 9, batchSize: 64 } }\n  method: " + method
                + "\n  parameters:\n" + params + extra, null);
    }

    private static final String GRID_27 = "    training.learningRate: { values: [0.0003, 0.001, 0.003] }\n"
            + "    model.hidden: { values: [[32], [64], [128, 64]] }\n"
            + "    model.dropout: { values: [0.0, 0.1, 0.2] }\n";

    @Test
    void theGridHasEveryCombinationFirstParameterSlowest() {
        SweepPlan plan = SweepPlan.of(sweep("grid", GRID_27, ""));
        List<Configuration> c = plan.configurations();
        assertEquals(27, c.size());
        assertEquals(1, c.get(0).number());
        assertEquals("training.learningRate=0.0003, model.hidden=[32], model.dropout=0.0", c.get(0).label());
        assertEquals("training.learningRate=0.0003, model.hidden=[32], model.dropout=0.1", c.get(1).label());
        assertEquals(List.of(128, 64), c.get(8).spec().model().hidden());
        assertEquals(0.003, c.get(26).spec().training().learningRate());
        assertEquals(27, new HashSet<>(c.stream().map(Configuration::label).toList()).size());
        assertEquals(List.of(9), plan.brackets().get(0).epochs());
    }

    @Test
    void randomDrawsAreTheSameUnderTheSameSeedAndDifferUnderAnother() {
        String params = "    training.learningRate: { range: [0.0001, 0.1], scale: log }\n"
                + "    training.batchSize: { range: [16, 128] }\n"
                + "    model.hidden: { values: [[32], [64]] }\n";
        SweepSpec a = sweep("random", params, "  trials: 12\n  seed: 7\n");
        List<Map<String, JsonNode>> first = Expansion.draw(a, 12, 7);
        assertEquals(first, Expansion.draw(a, 12, 7));
        assertEquals(first.stream().map(Map::toString).toList(),
                SweepPlan.of(a).configurations().stream().map(c -> c.values().toString()).toList());
        assertNotEquals(first, Expansion.draw(a, 12, 8));
        for (Map<String, JsonNode> m : first) {
            double lr = m.get("training.learningRate").asDouble();
            assertTrue(lr >= 0.0001 && lr <= 0.1, "lr " + lr);
            JsonNode batch = m.get("training.batchSize");
            assertTrue(batch.isIntegralNumber(), "a whole-number field draws whole numbers: " + batch);
            assertTrue(batch.asInt() >= 16 && batch.asInt() <= 128);
        }
        // log scale: about half the draws below the geometric middle (0.00316), not 1% as a linear draw would give
        long low = first.stream().filter(m -> m.get("training.learningRate").asDouble() < 0.00316).count();
        assertTrue(low >= 3 && low <= 9, "draws below the log-scale middle: " + low);
    }

    @Test
    void aFiniteSpaceSampledByRandomGivesDistinctGridPointsUnderTheSeed() {
        SweepSpec s = sweep("random", GRID_27, "  trials: 10\n");
        List<Configuration> c = SweepPlan.of(s).configurations();
        assertEquals(10, c.size());
        assertEquals(10, new HashSet<>(c.stream().map(Configuration::label).toList()).size());
        assertEquals(c.stream().map(Configuration::label).toList(),
                SweepPlan.of(s).configurations().stream().map(Configuration::label).toList());
    }

    @Test
    void halvingRungsGrowByEtaAndKeepAThird() {
        SweepPlan plan = SweepPlan.of(sweep("halving", GRID_27, "  halving: { eta: 3, minEpochs: 1, maxEpochs: 9 }\n"));
        assertEquals(1, plan.brackets().size());
        SweepPlan.Bracket b = plan.brackets().get(0);
        assertEquals(27, b.configs().size());
        assertEquals(List.of(1, 3, 9), b.epochs());
        assertEquals(List.of(27, 9, 3), b.keep());
        assertEquals(27 + 27 + 27, b.epochsTotal(), "each rung costs the same epochs");
        assertTrue(b.epochsTotal() <= 0.4 * 27 * 9, "halving trains at most 40% of the grid's epochs");
    }

    @Test
    void hyperbandHasOneBracketPerStartingBudget() {
        SweepPlan plan = SweepPlan.of(sweep("hyperband", "    model.dropout: { range: [0.0, 0.5] }\n",
                "  halving: { eta: 3, minEpochs: 1, maxEpochs: 9 }\n"));
        assertEquals(3, plan.brackets().size());
        assertEquals(List.of(1, 3, 9), plan.brackets().get(0).epochs());
        assertEquals(List.of(9, 3, 1), plan.brackets().get(0).keep());
        assertEquals(List.of(3, 9), plan.brackets().get(1).epochs());
        assertEquals(List.of(5, 1), plan.brackets().get(1).keep());
        assertEquals(List.of(9), plan.brackets().get(2).epochs());
        assertEquals(List.of(3), plan.brackets().get(2).keep());
        assertEquals(17, plan.configurations().size());
        assertEquals(17, plan.configurations().get(16).number(), "numbered across brackets");
    }

    @Test
    void aCombinationTheSpecRefusesIsAnErrorBeforeAnythingRuns() {
        SweepSpec s = SweepCodec.parse("sweep:\n  base: { model: { arch: resnet } }\n  parameters:\n"
                + "    model.init: { values: [kaiming, zero-residual] }\n"
                + "    model.arch: { values: [resnet, mlp] }\n", null);
        SpecException e = assertThrows(SpecException.class, () -> SweepPlan.of(s));
        assertTrue(e.getMessage().contains("zero-residual") && e.getMessage().contains("fails the spec"),
                e.getMessage());
    }

    @Test
    void trialIdsAreStable() {
        assertEquals("3/t07", SweepPlan.trialId(3, 7, 0, 0));
        assertEquals("3/t07/r1", SweepPlan.trialId(3, 7, 1, 0));
        assertEquals("3/t27/r2/s2", SweepPlan.trialId(3, 27, 2, 1));
    }
}
