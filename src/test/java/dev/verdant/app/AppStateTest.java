package dev.verdant.app;

import dev.verdant.result.RunResult;
import dev.verdant.result.RunStatus;
import javafx.collections.ListChangeListener;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The rules the shared state keeps between the history, the energy panel and the Pareto chart. */
class AppStateTest {

    private final AppState state = new AppState();
    private final RunResult a = AppSamples.run(1, "a", 0.01, 0.91, 100.0);
    private final RunResult b = AppSamples.run(2, "b", 0.01, 0.93, 150.0);
    private final RunResult c = AppSamples.run(3, "c", 0.01, 0.95, 300.0);

    @Test
    void startsOnTheLiveTabWithNothingChartedOrFocused() {
        assertEquals(Tabs.LIVE, state.activeTabProperty().get());
        assertEquals("Ready", state.statusProperty().get());
        assertEquals(Theme.LIGHT, state.themeProperty().get());
        assertTrue(state.chartedRuns().isEmpty());
        assertNull(state.focusedRunProperty().get());
    }

    @Test
    void aFinishedRunJoinsTheSessionIsChartedAndFocused() {
        state.runFinished(a);
        state.runFinished(b);
        assertEquals(List.of(a, b), state.sessionRuns());
        assertEquals(List.of(a, b), state.chartedRuns());
        assertSame(b, state.focusedRunProperty().get());
    }

    @Test
    void twoSelectedRunsAreChartedOneSelectedRunLeavesTheSessionCharted() {
        state.runFinished(a);
        state.select(List.of(c));
        assertSame(c, state.focusedRunProperty().get(), "the energy panel shows the selected run");
        assertEquals(List.of(a), state.chartedRuns(), "one selected run: the session stays on the chart");

        state.select(List.of(b, c));
        assertEquals(List.of(b, c), state.selectedRuns());
        assertEquals(List.of(b, c), state.chartedRuns());
        assertSame(b, state.focusedRunProperty().get());

        state.runFinished(AppSamples.run(4, "d", 0.01, 0.9, 50.0));
        assertEquals(2, state.chartedRuns().size(), "a finished run puts the session back on the chart");
        assertEquals(List.of("a", "d"), state.chartedRuns().stream().map(RunResult::name).toList());
    }

    @Test
    void clearingTheSelectionLeavesThePanelsAsTheyWere() {
        state.select(List.of(b, c));
        List<List<RunResult>> charted = new ArrayList<>();
        state.chartedRuns().addListener((ListChangeListener<RunResult>) ch ->
                charted.add(List.copyOf(state.chartedRuns())));
        state.select(List.of());
        assertTrue(state.selectedRuns().isEmpty());
        assertTrue(charted.isEmpty(), "no redraw of the Pareto chart: " + charted);
        assertSame(b, state.focusedRunProperty().get());
        assertEquals(RunStatus.COMPLETED, state.focusedRunProperty().get().status());
    }
}
