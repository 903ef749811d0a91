package dev.verdant.spec;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The activeLearning, transfer and dataset.classes fields: read, written back, checked. */
class DataEfficiencySpecTest {

    @Test
    void theIssuesYamlReadsAndRoundTrips() {
        ExperimentSpec s = SpecCodec.parse("""
                name: al
                dataset: {name: digits, classes: [0, 1, 2, 3, 4]}
                activeLearning:
                  strategy: margin
                  initial: 100
                  perRound: 100
                  budget: 1000
                  retrain: from-scratch
                  epochsPerRound: 3
                  poolLimit: 500
                """);
        assertEquals(List.of(0, 1, 2, 3, 4), s.dataset().classes());
        assertEquals(10, s.activeLearning().roundCount(), "1 + (1000 - 100) / 100");
        assertEquals(1000, s.activeLearning().labelledAt(10));
        assertEquals(s, SpecCodec.parse(SpecCodec.toYaml(s)));
        ExperimentSpec t = SpecCodec.parse("transfer: {from: 3, mode: fine-tune-last, shots: 5}");
        assertEquals(new TransferSpec(3L, "fine-tune-last", 5, null), t.transfer());
        assertEquals(t, SpecCodec.parse(SpecCodec.toYaml(t)));
    }

    @Test
    void specsWithoutTheNewFieldsWriteExactlyAsBefore() {
        String json = SpecCodec.toJson(ExperimentSpec.defaults());
        assertFalse(json.contains("activeLearning") || json.contains("transfer") || json.contains("classes"), json);
        assertNull(ExperimentSpec.defaults().activeLearning());
    }

    @Test
    void badValuesNameTheirField() {
        SpecException e = assertThrows(SpecException.class, () -> SpecCodec.parse("""
                dataset: {classes: [3, 3]}
                activeLearning: {strategy: bald, rounds: 3, budget: 300, retrain: sometimes}
                transfer: {mode: probe}
                """));
        String m = e.getMessage();
        for (String field : List.of("dataset.classes[1]", "activeLearning.strategy", "activeLearning.rounds",
                "activeLearning.retrain", "transfer.from", "transfer.mode", "activeLearning")) {
            assertTrue(m.contains(field), field + " in: " + m);
        }
    }
}
