package dev.verdant.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.verdant.result.CompressionReport;
import dev.verdant.result.FinalMetrics;
import dev.verdant.result.ResultJson;
import dev.verdant.result.RunResult;
import dev.verdant.result.RunStatus;
import dev.verdant.spec.ExperimentSpec;
import dev.verdant.spec.SpecCodec;
import dev.verdant.store.RunStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Issue 11 point 3: a run reports the model it hands over, and old results without those fields read the same. */
class DeliveredMetricsTest {

    @TempDir
    Path dir;

    private static ExperimentSpec spec(String compression) {
        return SpecCodec.parse("name: delivered\ndataset: { limit: 400 }\ntraining: { epochs: 1 }\ndevice: cpu\n"
                + compression);
    }

    @Test
    void aCompressedRunDeliversItsLastStepAndTheStoreReadsItBack() throws Exception {
        try (RunStore store = RunStore.open(dir.resolve("runs.db"))) {
            RunResult r = Job.of(spec("compression:\n  - { type: prune, sparsity: 0.9 }\n"
                    + "  - { type: quantize, bits: 4 }\n"), store).runHere();
            assertEquals(RunStatus.COMPLETED, r.status(), r.message());
            CompressionReport last = r.compression().get(r.compression().size() - 1);
            assertEquals(2, last.index());
            FinalMetrics m = r.finalMetrics();
            assertEquals(last.accuracy(), m.deliveredAccuracy(), 0.0);
            assertEquals(last.params(), m.deliveredParams());
            assertEquals(last.modelBytes(), m.deliveredModelBytes());
            assertTrue(m.deliveredModelBytes() < m.modelBytes(), "4-bit weights are smaller than float32");
            assertNotNull(m.energyJoules());
            assertEquals(m.energyJoules(), m.totalEnergyJoules(), 0.0);
            double steps = r.compression().stream().mapToDouble(c -> c.energyJoules() == null ? 0 : c.energyJoules())
                    .sum();
            assertTrue(m.totalEnergyJoules() >= m.trainEnergyJoules() + steps - 1e-9,
                    "the total covers training and every compression step");

            JsonNode json = ResultJson.mapper().readTree(ResultJson.write(r));
            assertEquals(last.accuracy(), json.at("/final/deliveredAccuracy").asDouble(), 0.0);
            assertEquals(last.modelBytes(), json.at("/final/deliveredModelBytes").asLong());

            RunResult stored = store.load(r.id()).orElseThrow();
            assertEquals(m.deliveredAccuracy(), stored.finalMetrics().deliveredAccuracy(), 0.0);
            assertEquals(m.deliveredModelBytes(), stored.finalMetrics().deliveredModelBytes());
            assertEquals(m.accuracy(), stored.finalMetrics().accuracy(), 0.0, "the trained accuracy stays as it was");
        }
    }

    @Test
    void aRunWithoutCompressionDeliversItsTrainedModel() {
        RunResult r = Job.of(spec("")).runHere();
        FinalMetrics m = r.finalMetrics();
        assertEquals(m.accuracy(), m.deliveredAccuracy(), 0.0);
        assertEquals(m.params(), m.deliveredParams());
        assertEquals(m.modelBytes(), m.deliveredModelBytes());
        assertEquals(m.energyJoules(), m.totalEnergyJoules());
    }

    @Test
    void anOldResultWithoutDeliveredFieldsGetsThemFromItsLastCompressionReport() throws Exception {
        RunResult r = Job.of(spec("compression:\n  - { type: prune, sparsity: 0.95 }\n")).runHere();
        ObjectNode json = (ObjectNode) ResultJson.mapper().readTree(ResultJson.write(r));
        ObjectNode fin = (ObjectNode) json.get("final");
        for (String f : new String[] {"deliveredAccuracy", "deliveredParams", "deliveredModelBytes",
            "totalEnergyJoules"}) {
            assertNotNull(fin.remove(f), f);
        }
        // and a different last step than the run made, so the figures must come from the report, not from memory
        ObjectNode step = (ObjectNode) json.get("compression").get(1);
        step.put("accuracy", 0.123).put("modelBytes", 4321).put("params", 999);
        RunResult old = ResultJson.read(ResultJson.mapper().writeValueAsString(json));
        assertEquals(0.123, old.finalMetrics().deliveredAccuracy(), 0.0);
        assertEquals(999L, old.finalMetrics().deliveredParams());
        assertEquals(4321L, old.finalMetrics().deliveredModelBytes());
        assertNotEquals(old.finalMetrics().accuracy(), old.finalMetrics().deliveredAccuracy());
        assertEquals(r.finalMetrics().energyJoules(), old.finalMetrics().totalEnergyJoules());

        RunResult untouched = old.withCompression(old.compression().subList(0, 1));
        assertEquals(old.finalMetrics().accuracy(), untouched.finalMetrics().deliveredAccuracy(), 0.0,
                "only the baseline: the trained model is delivered");
        assertFalse(dev.verdant.result.DeliveredFigures.compressed(untouched));
    }
}
