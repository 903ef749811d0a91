package dev.verdant.app.history;

import dev.verdant.app.AppSamples;
import dev.verdant.app.UiExecutor;
import dev.verdant.result.FinalMetrics;
import dev.verdant.result.RunResult;
import dev.verdant.store.InMemoryRunStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Run groups in the window's history and Compare, on a real (in-memory) store: group rows with mean ± 95% CI, Welch's
 * wording for two groups, and the machine-noise wording for single runs, with and without a measured noise figure.
 */
class GroupsInHistoryTest {

    private final InMemoryRunStore store = new InMemoryRunStore();
    private final List<Throwable> errors = new ArrayList<>();
    private final HistoryViewModel vm = new HistoryViewModel(new StoreHistory(store), UiExecutor.synchronous(),
            errors::add);

    @AfterEach
    void noErrors() {
        assertEquals(List.of(), errors);
        store.close();
    }

    /** A completed run with the given accuracy, energy and training time. */
    private static RunResult run(String name, double accuracy, double joules, double seconds) {
        RunResult r = AppSamples.run(1, name, 0.001, accuracy, joules);
        FinalMetrics m = r.finalMetrics();
        FinalMetrics timed = m.toBuilder().trainSeconds(seconds)
                .energy(joules, joules * 0.8, joules * 0.2, joules / seconds, "estimated:cpu-tdp").build();
        return new RunResult(null, name, r.status(), null, r.spec(), r.provenance(), timed, r.epochs(), List.of(),
                r.startedAt(), r.endedAt(), List.of());
    }

    private List<RunResult> group(String name, double[] acc, double[] joules, double[] seconds) {
        long g = store.createGroup(AppSamples.spec(name, 0.001).withRepeats(acc.length));
        List<RunResult> out = new ArrayList<>();
        for (int i = 0; i < acc.length; i++) {
            long id = store.importRun(run(name, acc[i], joules[i], seconds[i]));
            store.addToGroup(g, id);
            out.add(store.load(id).orElseThrow());
        }
        return out;
    }

    @Test
    void singleRunsWithoutAnyGroupSayThereIsNoNoiseFigureYet() {
        RunResult a = store.load(store.importRun(run("a", 0.9, 30, 6))).orElseThrow();
        RunResult b = store.load(store.importRun(run("b", 0.9, 33, 6))).orElseThrow();
        CompareViewModel compare = new CompareViewModel(List.of(a, b));
        vm.significance(List.of(a, b), compare);
        assertEquals(1, compare.significance().size(), compare.significance().toString());
        String line = compare.significance().get(0);
        assertTrue(line.startsWith("no noise figure for this machine yet"), line);
        assertTrue(line.contains("'repeats: 5'"), line);
        vm.refresh();
        assertEquals(List.of(), vm.groups(), "no group, no group rows");
    }

    @Test
    void groupsShowMeanAndIntervalAndTwoGroupsAreTestedWithWelch() {
        List<RunResult> first = group("base", new double[] {0.90, 0.91, 0.92}, new double[] {30, 33, 36},
                new double[] {5.0, 5.5, 6.0});
        List<RunResult> second = group("wider", new double[] {0.95, 0.96, 0.97}, new double[] {31, 34, 37},
                new double[] {5.0, 5.5, 6.0});

        vm.refresh();
        assertEquals(2, vm.groups().size());
        GroupRow newest = vm.groups().get(0);
        assertEquals("wider", newest.name());
        assertEquals("3 of 3 completed", newest.runs());
        // mean 0.96, sd 0.01, t(0.975, 2) = 4.3027: half-width 0.0248
        assertEquals("0.9600 ± 0.0248", newest.accuracy());
        assertEquals("34.0 ± 7.5", newest.energyJoules());
        assertEquals(second.stream().map(RunResult::id).toList(), vm.members(newest));

        List<RunResult> both = new ArrayList<>(first);
        both.addAll(second);
        CompareViewModel compare = new CompareViewModel(both);
        vm.significance(both, compare);
        List<String> lines = compare.significance();
        assertEquals(2, lines.size(), lines.toString());
        // difference 0.05, se sqrt(2 * 0.0001 / 3) = 0.008165, t = 6.12 on 4 df: p = 0.0036, CI 0.05 ± 2.776 * se
        assertEquals("accuracy: group 2 - group 1 = +0.0500 (95% CI +0.0273 to +0.0727), Welch's t-test p = 0.004: "
                + "significant at 5%", lines.get(0));
        assertTrue(lines.get(1).startsWith("energy: group 2 - group 1 = +1.0 J (95% CI "), lines.get(1));
        assertTrue(lines.get(1).endsWith("not significant at 5% (could be noise)"), lines.get(1));
    }

    @Test
    void singleRunsAreSetAgainstTheNoiseMeasuredFromStoredGroups() {
        // energy CV: 3/33 and 3/34, mean 8.96%; time CV: 0.5/5.5 = 9.09% in both
        group("base", new double[] {0.90, 0.91, 0.92}, new double[] {30, 33, 36}, new double[] {5.0, 5.5, 6.0});
        group("base", new double[] {0.90, 0.91, 0.92}, new double[] {31, 34, 37}, new double[] {5.0, 5.5, 6.0});
        RunResult a = store.load(store.importRun(run("a", 0.9, 30, 6))).orElseThrow();
        RunResult b = store.load(store.importRun(run("b", 0.9, 33, 9))).orElseThrow();

        CompareViewModel compare = new CompareViewModel(List.of(a, b));
        vm.significance(List.of(a, b), compare);
        List<String> lines = compare.significance();
        // 1.96 * sqrt(2) * 8.96% = 24.8%: a 10% energy difference is within the noise, a 50% time difference is not
        assertEquals(List.of(
                "energy: +10.0%; differences under 25% in energy are within this machine's noise (CV 9.0% over 6 "
                        + "repeats in 2 groups), so this difference may be noise",
                "time: +50.0%; differences under 25% in time are within this machine's noise (CV 9.1% over 6 "
                        + "repeats in 2 groups), so this difference is larger than the noise"), lines);
    }
}
