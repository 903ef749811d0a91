package dev.verdant.lesson;

import dev.verdant.result.CompressionReport;
import dev.verdant.result.EpochRecord;
import dev.verdant.result.FinalMetrics;
import dev.verdant.result.RunResult;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Computes a lesson's answer from the runs it just made: which choice the measurements support, and a sentence with
 * the measured figures behind it. Nothing here is written into the lesson's text; a different machine, seed or
 * quick mode may well give a different answer, and the lesson then says so.
 */
public sealed interface OutcomeCheck {

    /** The answer the runs support. */
    Verdict judge(LessonRuns runs);

    /**
     * The check's answer.
     *
     * @param answer   index of the supported choice
     * @param measured the measured figures behind it, in one or two sentences
     */
    record Verdict(int answer, String measured) {
    }

    /** A figure of one run that a {@link Best} check compares. */
    enum Metric {
        ACCURACY("validation accuracy", true),
        ENERGY("energy (J)", false),
        ACCURACY_PER_KJ("accuracy points per kJ", true),
        JOULES_TO_TARGET("joules to the target accuracy", false),
        PARAMS("parameters", false);

        private final String label;
        private final boolean higherIsBetter;

        Metric(String label, boolean higherIsBetter) {
            this.label = label;
            this.higherIsBetter = higherIsBetter;
        }

        /** The figure of {@code r}, or null when the run has none (e.g. never reached its target). */
        Double of(RunResult r) {
            FinalMetrics m = r.finalMetrics();
            if (m == null) {
                return null;
            }
            return switch (this) {
                case ACCURACY -> m.accuracy();
                case ENERGY -> m.energyJoules();
                case ACCURACY_PER_KJ -> m.energyJoules() == null || m.energyJoules() <= 0 ? null
                        : 100 * m.accuracy() / (m.energyJoules() / 1000);
                case JOULES_TO_TARGET -> m.joulesToTarget();
                case PARAMS -> (double) m.params();
            };
        }

        /** Parses a YAML name such as {@code accuracy-per-kj}. */
        static Metric parse(String text) {
            return valueOf(text.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
        }
    }

    /**
     * The choices name the lesson's specs in order; the answer is the spec whose run is best by {@code metric}.
     * With {@code noneChoice}, one more (last) choice means "none of them has the figure" (e.g. none reached the
     * target).
     */
    record Best(Metric metric, boolean noneChoice) implements OutcomeCheck {
        @Override
        public Verdict judge(LessonRuns runs) {
            int best = -1;
            Double bestValue = null;
            List<String> parts = new ArrayList<>();
            for (int i = 0; i < runs.specCount(); i++) {
                RunResult r = runs.main(i);
                Double v = r == null ? null : metric.of(r);
                parts.add(runs.label(i) + " " + (v == null ? "n/a" : Fmt.num(v)));
                if (v != null && (bestValue == null || (metric.higherIsBetter ? v > bestValue : v < bestValue))) {
                    best = i;
                    bestValue = v;
                }
            }
            String measured = "Measured " + metric.label + ": " + String.join(", ", parts) + ".";
            if (best < 0) {
                if (!noneChoice) {
                    throw new IllegalStateException("no run has a figure for " + metric.label
                            + "; the runs failed: " + runs.failures());
                }
                return new Verdict(runs.specCount(), measured + " None of the runs has this figure.");
            }
            return new Verdict(best, measured + " Best: " + runs.label(best) + ".");
        }
    }

    /**
     * Diminishing returns along the first spec's run: accuracy gained per joule in the second half of its epochs
     * divided by that of the first half (gains counted from {@code chance}, the accuracy of guessing). Choices are
     * ordered by that ratio's band: below {@code low}, between, above {@code high}.
     */
    record LateGain(double chance, double low, double high) implements OutcomeCheck {
        @Override
        public Verdict judge(LessonRuns runs) {
            RunResult r = runs.main(0);
            List<EpochRecord> epochs = r == null ? List.of() : r.epochs();
            if (epochs.size() < 2 || epochs.get(epochs.size() - 1).cumulativeEnergyJoules() == null) {
                throw new IllegalStateException("the curve needs at least two metered epochs; the run has "
                        + epochs.size() + (r != null && r.message() != null ? " (" + r.message() + ")" : ""));
            }
            int half = epochs.size() / 2;
            EpochRecord mid = epochs.get(half - 1);
            EpochRecord last = epochs.get(epochs.size() - 1);
            double firstGain = mid.valAccuracy() - chance;
            double firstJ = mid.cumulativeEnergyJoules();
            double secondGain = last.valAccuracy() - mid.valAccuracy();
            double secondJ = last.cumulativeEnergyJoules() - mid.cumulativeEnergyJoules();
            double ratio = (secondGain / Math.max(secondJ, 1e-9)) / Math.max(firstGain / Math.max(firstJ, 1e-9),
                    1e-12);
            int answer = ratio < low ? 0 : ratio <= high ? 1 : 2;
            StringBuilder s = new StringBuilder(String.format(Locale.ROOT,
                    "Epochs 1-%d bought %.1f accuracy points for %s J; epochs %d-%d bought %.1f points for %s J: "
                            + "the second half bought %.2f times as much accuracy per joule as the first.",
                    half, 100 * firstGain, Fmt.num(firstJ), half + 1, epochs.size(), 100 * secondGain,
                    Fmt.num(secondJ), ratio));
            if (runs.specCount() > 1 && runs.main(1) != null && runs.main(1).finalMetrics() != null
                    && r.finalMetrics() != null && r.finalMetrics().energyJoules() != null) {
                FinalMetrics stop = runs.main(1).finalMetrics();
                s.append(String.format(Locale.ROOT, " With a target-accuracy stop (%s) the run trained %d epochs "
                                + "for %s J and reached %.3f, against %d epochs, %s J and %.3f without it.",
                        runs.label(1), stop.epochsCompleted(), Fmt.num(stop.energyJoules()), stop.accuracy(),
                        r.finalMetrics().epochsCompleted(), Fmt.num(r.finalMetrics().energyJoules()),
                        r.finalMetrics().accuracy()));
            }
            return new Verdict(answer, s.toString());
        }
    }

    /**
     * A hand-made successive-halving schedule against the full grid: every spec is trained for {@code rungEpochs}
     * first, the best {@code keep} go on to full training (the lesson runner does this, see {@link LessonRuns}).
     * Choices: 0 halving found a model within {@code tolerance} of the grid's best for fewer joules; 1 fewer joules but
     * a worse model; 2 it cost at least as many joules.
     */
    record Halving(int rungEpochs, int keep, double tolerance) implements OutcomeCheck {
        @Override
        public Verdict judge(LessonRuns runs) {
            double gridBest = runs.grid().stream().filter(r -> r.finalMetrics() != null)
                    .mapToDouble(r -> r.finalMetrics().accuracy()).max().orElse(Double.NaN);
            double gridJ = joules(runs.grid());
            double halvingBest = runs.promoted().stream().filter(r -> r.finalMetrics() != null)
                    .mapToDouble(r -> r.finalMetrics().accuracy()).max().orElse(Double.NaN);
            double halvingJ = joules(runs.rung()) + joules(runs.promoted());
            int answer = halvingJ >= gridJ ? 2 : halvingBest >= gridBest - tolerance ? 0 : 1;
            return new Verdict(answer, String.format(Locale.ROOT,
                    "The full grid (%d runs) found %.3f for %s J; successive halving (%d short runs of %d epoch(s), "
                            + "then the best %d trained fully) found %.3f for %s J (%.0f%% of the grid's energy).",
                    runs.grid().size(), gridBest, Fmt.num(gridJ), runs.rung().size(), rungEpochs,
                    runs.promoted().size(), halvingBest, Fmt.num(halvingJ), 100 * halvingJ / gridJ));
        }

        private static double joules(List<RunResult> rs) {
            return rs.stream().filter(r -> r.finalMetrics() != null && r.finalMetrics().energyJoules() != null)
                    .mapToDouble(r -> r.finalMetrics().energyJoules()).sum();
        }
    }

    /**
     * Accuracy lost by compression, in points, from the first spec's baseline report to its last step; choices are
     * the bands below {@code low}, between, and above {@code high}.
     */
    record CompressionDrop(double low, double high) implements OutcomeCheck {
        @Override
        public Verdict judge(LessonRuns runs) {
            RunResult r = runs.main(0);
            List<CompressionReport> steps = r == null ? List.of() : r.compression();
            if (steps.size() < 2) {
                throw new IllegalStateException("the compression steps did not run"
                        + (r != null && r.message() != null ? ": " + r.message() : ""));
            }
            CompressionReport base = steps.get(0);
            CompressionReport last = steps.get(steps.size() - 1);
            double drop = 100 * (base.accuracy() - last.accuracy());
            int answer = drop < low ? 0 : drop <= high ? 1 : 2;
            return new Verdict(answer, String.format(Locale.ROOT,
                    "The trained model scored %.3f in %s; after %s it scores %.3f%s in %s (%.1f%% of the size): "
                            + "%.1f accuracy points lost.",
                    base.accuracy(), Fmt.bytes(base.modelBytes()), last.step(), last.accuracy(),
                    last.simulated() ? " (simulated)" : "", Fmt.bytes(last.modelBytes()),
                    100.0 * last.modelBytes() / Math.max(1, base.modelBytes()), drop));
        }
    }

    /**
     * The first spec's accuracy as a share of the last spec's (little data against all of it); choices are the bands
     * below {@code low}, between, and above {@code high}.
     */
    record DataFraction(double low, double high) implements OutcomeCheck {
        @Override
        public Verdict judge(LessonRuns runs) {
            RunResult small = runs.main(0);
            RunResult full = runs.main(runs.specCount() - 1);
            if (small == null || full == null || small.finalMetrics() == null || full.finalMetrics() == null) {
                throw new IllegalStateException("the runs failed: " + runs.failures());
            }
            double ratio = small.finalMetrics().accuracy() / Math.max(full.finalMetrics().accuracy(), 1e-9);
            int answer = ratio < low ? 0 : ratio <= high ? 1 : 2;
            List<String> parts = new ArrayList<>();
            for (int i = 0; i < runs.specCount(); i++) {
                RunResult r = runs.main(i);
                if (r != null && r.finalMetrics() != null) {
                    parts.add(String.format(Locale.ROOT, "%s %.3f (%s J)", runs.label(i), r.finalMetrics().accuracy(),
                            Fmt.num(r.finalMetrics().energyJoules())));
                }
            }
            return new Verdict(answer, String.format(Locale.ROOT,
                    "Measured: %s. The smallest subset reached %.0f%% of the accuracy of the largest.",
                    String.join(", ", parts), 100 * ratio));
        }
    }
}
