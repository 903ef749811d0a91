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
    void selectingRunsFocusesThemButOnlyTheChecksChooseWhatIsCharted() {
        state.runFinished(a);
        state.select(List.of(b, c));
        assertEquals(List.of(b, c), state.selectedRuns());
        assertSame(b, state.focusedRunProperty().get(), "the energy panel shows the first selected run");
        assertEquals(List.of(a), state.chartedRuns(), "selecting does not change the charts");

        state.showOnCharts(c, true);
        state.showOnCharts(c, true);
        assertEquals(List.of(a, c), state.chartedRuns(), "checked once, charted once");
        assertTrue(state.isCharted(3) && !state.isCharted(2));
        state.showOnCharts(AppSamples.run(1, "a again", 0.01, 0.91, 100.0), false);
        assertEquals(List.of(c), state.chartedRuns(), "unchecked by store id, whichever copy of the run");

        state.runFinished(AppSamples.run(4, "d", 0.01, 0.9, 50.0));
        assertEquals(List.of("c", "d"), state.chartedRuns().stream().map(RunResult::name).toList(),
                "a finished run joins the charts");
        state.clearCharts();
        assertTrue(state.chartedRuns().isEmpty());
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
