package dev.verdant.lesson;

import dev.verdant.result.CompressionReport;
import dev.verdant.result.RunResult;
import dev.verdant.result.RunStatus;
import dev.verdant.run.JobRunner;
import dev.verdant.store.InMemoryRunStore;
import dev.verdant.store.RunStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every shipped lesson runs end to end headless in quick mode (tiny data, 1-3 epochs), its runs are stored as run
 * groups, and the answer it gives is the one the runs support: each test recomputes the answer from the runs the
 * lesson returned, independently of {@link OutcomeCheck}, and the measured sentence quotes the runs' own figures.
 */
@Timeout(300)
class LessonsHeadlessTest {

    private static RunStore store;
    private static JobRunner runner;

    @BeforeAll
    static void start() {
        store = new InMemoryRunStore();
        runner = new JobRunner(1, store);
    }

    @AfterAll
    static void stop() {
        runner.close();
    }

    static List<String> ids() {
        return LessonCatalog.ids();
    }

    @Test
    void sixLessonsOneForEachChapterAreShipped() {
        List<Lesson> all = LessonCatalog.all();
        assertEquals(List.of("joule", "compact", "training", "automl", "compression", "less-data"),
                all.stream().map(Lesson::id).toList());
        for (Lesson l : all) {
            assertFalse(l.paper().isBlank(), l.id() + " names its paper");
            assertTrue(l.markdown().startsWith("# "), l.id() + " has a lesson.md");
            assertTrue(l.question().choices().size() >= 2);
        }
    }

    @ParameterizedTest
    @MethodSource("ids")
    void runsQuickAndTheAnswerIsComputedFromItsRuns(String id) throws Exception {
        Lesson lesson = LessonCatalog.load(id);
        long t0 = System.nanoTime();
        List<String> progress = new ArrayList<>();
        LessonOutcome o = new LessonRunner(runner).run(lesson, true, 0, progress::add);
        System.err.printf("lesson %s (quick): %.1f s, answer %d%n", id, (System.nanoTime() - t0) / 1e9,
                o.verdict().answer());
        LessonRuns runs = o.runs();
        assertFalse(progress.isEmpty());
        for (RunResult r : runs.all()) {
            assertEquals(RunStatus.COMPLETED, r.status(), r.name() + ": " + r.message());
            assertTrue(r.epochs().size() <= 3, "quick mode trains at most 3 epochs");
            assertNotNull(r.id(), "stored");
        }
        assertEquals(lesson.specs().size() + (lesson.check() instanceof OutcomeCheck.Halving ? lesson.specs().size()
                : 0), runs.groupIds().size(), "each spec (and each first-rung run) is a stored run group");
        assertEquals(expectedAnswer(lesson, runs), o.verdict().answer(), o.verdict().measured());
        assertEquals(Boolean.valueOf(o.verdict().answer() == 0), o.predictionRight());
        assertTrue(o.summary().contains(o.answerText()));
    }

    /** The answer recomputed from the runs, written separately from OutcomeCheck's code. */
    private static int expectedAnswer(Lesson lesson, LessonRuns runs) {
        OutcomeCheck check = lesson.check();
        if (check instanceof OutcomeCheck.Best b) {
            double[] v = IntStream.range(0, runs.specCount()).mapToDouble(i -> {
                Double x = b.metric().of(runs.main(i));
                return x == null ? Double.NaN : x;
            }).toArray();
            boolean higher = b.metric() == OutcomeCheck.Metric.ACCURACY
                    || b.metric() == OutcomeCheck.Metric.ACCURACY_PER_KJ;
            int best = -1;
            for (int i = 0; i < v.length; i++) {
                if (!Double.isNaN(v[i]) && (best < 0 || (higher ? v[i] > v[best] : v[i] < v[best]))) {
                    best = i;
                }
            }
            if (best >= 0) {
                assertTrue(runs.main(best).finalMetrics() != null);
            }
            return best < 0 ? runs.specCount() : best;
        }
        if (check instanceof OutcomeCheck.LateGain g) {
            var e = runs.main(0).epochs();
            int h = e.size() / 2;
            double rate1 = (e.get(h - 1).valAccuracy() - g.chance()) / e.get(h - 1).cumulativeEnergyJoules();
            double rate2 = (e.get(e.size() - 1).valAccuracy() - e.get(h - 1).valAccuracy())
                    / (e.get(e.size() - 1).cumulativeEnergyJoules() - e.get(h - 1).cumulativeEnergyJoules());
            double ratio = rate2 / rate1;
            return ratio < g.low() ? 0 : ratio <= g.high() ? 1 : 2;
        }
        if (check instanceof OutcomeCheck.Halving h) {
            assertEquals(runs.specCount(), runs.rung().size());
            assertEquals(h.keep(), runs.promoted().size());
            double rungBestAcc = runs.rung().stream().mapToDouble(r -> r.finalMetrics().accuracy()).max().orElseThrow();
            // the best first-rung configuration is among the promoted
            int bestRung = IntStream.range(0, runs.specCount()).filter(i -> runs.rung().get(i).finalMetrics()
                    .accuracy() == rungBestAcc).findFirst().orElseThrow();
            assertTrue(runs.promoted().contains(runs.main(bestRung)));
            double gridJ = runs.grid().stream().mapToDouble(r -> r.finalMetrics().energyJoules()).sum();
            double halvingJ = runs.rung().stream().mapToDouble(r -> r.finalMetrics().energyJoules()).sum()
                    + runs.promoted().stream().mapToDouble(r -> r.finalMetrics().energyJoules()).sum();
            double gridBest = runs.grid().stream().mapToDouble(r -> r.finalMetrics().accuracy()).max().orElseThrow();
            double halvingBest = runs.promoted().stream().mapToDouble(r -> r.finalMetrics().accuracy()).max()
                    .orElseThrow();
            return halvingJ >= gridJ ? 2 : halvingBest >= gridBest - h.tolerance() ? 0 : 1;
        }
        if (check instanceof OutcomeCheck.CompressionDrop d) {
            List<CompressionReport> c = runs.main(0).compression();
            assertEquals(3, c.size(), "baseline, prune, quantize");
            double drop = 100 * (c.get(0).accuracy() - c.get(c.size() - 1).accuracy());
            assertTrue(c.get(c.size() - 1).modelBytes() < c.get(0).modelBytes(), "compression shrinks the model");
            return drop < d.low() ? 0 : drop <= d.high() ? 1 : 2;
        }
        if (check instanceof OutcomeCheck.DataFraction f) {
            double ratio = runs.main(0).finalMetrics().accuracy()
                    / runs.main(runs.specCount() - 1).finalMetrics().accuracy();
            return ratio < f.low() ? 0 : ratio <= f.high() ? 1 : 2;
        }
        throw new AssertionError("unknown check " + check);
    }
}
