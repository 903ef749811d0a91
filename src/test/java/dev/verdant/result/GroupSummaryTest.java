package dev.verdant.result;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The group object of a result JSON: figures over completed members only; one member has no interval. */
class GroupSummaryTest {

    private static RunResult run(long id, RunStatus status, double accuracy, Double joules, double seconds) {
        FinalMetrics m = FinalMetrics.builder().accuracy(accuracy).loss(0.1).params(10).flopsPerSample(20)
                .modelBytes(40).trainSeconds(seconds).samplesPerSecond(100).epochsCompleted(1)
                .stopReason(StopReason.EPOCHS).energy(joules, null, null, null, joules == null ? null
                        : "estimated:cpu-tdp").build();
        return new RunResult(id, "g", status, null, null, null, m, List.of(), List.of(), null, null, List.of());
    }

    @Test
    void averagesCompletedMembersAndListsEveryMember() {
        GroupSummary s = GroupSummary.of(7L, List.of(run(1, RunStatus.COMPLETED, 0.90, 30.0, 5.0),
                run(2, RunStatus.CANCELLED, 0.10, 3.0, 0.5), run(3, RunStatus.COMPLETED, 0.92, 34.0, 6.0),
                run(4, RunStatus.COMPLETED, 0.94, 38.0, 7.0)));
        assertEquals(List.of(1L, 2L, 3L, 4L), s.runIds());
        assertEquals(3, s.completed());
        GroupStatistics acc = GroupStatistics.of(0.90, 0.92, 0.94);
        assertEquals(3, s.accuracy().n());
        assertEquals(acc.mean(), s.accuracy().mean(), 1e-12);
        assertEquals(acc.low(), s.accuracy().ci95Low(), 1e-12);
        assertEquals(acc.high(), s.accuracy().ci95High(), 1e-12);
        assertEquals(34.0, s.energyJoules().mean(), 1e-12);
        assertEquals(4.0 / 34.0, s.energyJoules().cv(), 1e-12);
        assertEquals("34.0 ± 9.9", s.energyJoules().text("%.1f"));
    }

    @Test
    void oneMemberHasNoSpreadAndNoMeterNoEnergy() {
        GroupSummary s = GroupSummary.of(null, List.of(run(1, RunStatus.COMPLETED, 0.9, null, 5.0)));
        assertEquals(1, s.accuracy().n());
        assertNull(s.accuracy().sd());
        assertNull(s.accuracy().ci95Low());
        assertEquals("0.9000", s.accuracy().text("%.4f"));
        assertNull(s.energyJoules());
        String json = ResultJson.write(s);
        assertTrue(json.contains("\"sd\" : null") && !json.contains("NaN"), json);
    }
}
