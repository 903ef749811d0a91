package dev.verdant.spec;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code repeats: N}: default one run, validated 1..50, and invisible in YAML/JSON when it is one. */
class RepeatsSpecTest {

    @Test
    void defaultsToOneAndIsLeftOutWhenOne() {
        ExperimentSpec s = SpecCodec.parse("name: single\n");
        assertEquals(1, s.repeats());
        assertFalse(SpecCodec.toYaml(s).contains("repeats"), SpecCodec.toYaml(s));
        assertFalse(SpecCodec.toJson(s).contains("repeats"), SpecCodec.toJson(s));
        assertEquals(SpecCodec.toYaml(s), SpecCodec.toYaml(s.withRepeats(1)));
    }

    @Test
    void readsWritesAndRoundTripsRepeats() {
        ExperimentSpec s = SpecCodec.parse("name: noisy\nrepeats: 5\nseed: 7\n");
        assertEquals(5, s.repeats());
        assertEquals(7L, s.seed());
        assertTrue(SpecCodec.toYaml(s).contains("repeats: 5"), SpecCodec.toYaml(s));
        assertEquals(s, SpecCodec.parse(SpecCodec.toYaml(s)));
        assertEquals(s, SpecCodec.parse(SpecCodec.toJson(s)));
    }

    @Test
    void outOfRangeRepeatsNameTheFieldAndTheRange() {
        for (String bad : new String[] {"0", "51", "-3"}) {
            SpecException e = assertThrows(SpecException.class, () -> SpecCodec.parse("repeats: " + bad + "\n"));
            assertEquals("repeats", e.problems().get(0).field());
            assertTrue(e.getMessage().contains("between 1 and 50"), e.getMessage());
        }
        SpecException typed = assertThrows(SpecException.class, () -> SpecCodec.parse("repeats: many\n"));
        assertEquals("repeats", typed.problems().get(0).field());
    }
}
