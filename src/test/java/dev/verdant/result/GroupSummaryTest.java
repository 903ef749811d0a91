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
        // without compression each member delivers its trained model
        assertEquals(acc.mean(), s.deliveredAccuracy().mean(), 1e-12);
    }

    /** With compression the group reports what the members hand over, beside the trained accuracy. */
    @Test
    void deliveredAccuracyFollowsEachMembersLastCompressionStep() {
        List<RunResult> members = List.of(compressed(1, 0.96, 0.89), compressed(2, 0.97, 0.90));
        GroupSummary s = GroupSummary.of(3L, members);
        assertEquals(0.965, s.accuracy().mean(), 1e-12);
        assertEquals(0.895, s.deliveredAccuracy().mean(), 1e-12);
    }

    private static RunResult compressed(long id, double trained, double delivered) {
        RunResult r = run(id, RunStatus.COMPLETED, trained, 10.0, 1.0);
        CompressionReport last = new CompressionReport(1, "quantize int8", "quantize", delivered, 10L, 10L, 12L, 20L,
                1.0, 2.0, 0.1, 0.5, 1.0, true, "10", null);
        return r.withCompression(List.of(last));
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
