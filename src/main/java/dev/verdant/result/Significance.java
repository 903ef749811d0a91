package dev.verdant.result;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * What a difference between runs means, in words, for Compare (CLI and window). Two groups of repeats: Welch's
 * t-test on accuracy and energy ({@link WelchTest}), with the p-value and the 95% confidence interval of the
 * difference. Two single runs: how large a difference this machine's measured noise ({@link MachineNoise}) explains,
 * or, with no noise figure yet, that none exists and how to get one.
 */
public final class Significance {

    private Significance() {
    }

    /** Lines comparing group {@code b} with group {@code a} (b minus a) on accuracy and energy. */
    public static List<String> groups(String nameA, List<RunResult> a, String nameB, List<RunResult> b) {
        List<FinalMetrics> ma = GroupSummary.completedMetrics(a);
        List<FinalMetrics> mb = GroupSummary.completedMetrics(b);
        List<String> out = new ArrayList<>();
        out.add(welchLine("accuracy", "%+.4f", "", ma, mb, FinalMetrics::accuracy, nameA, nameB));
        out.add(welchLine("energy", "%+.1f", " J", ma, mb, FinalMetrics::energyJoules, nameA, nameB));
        return out;
    }

    private static String welchLine(String figure, String format, String unit, List<FinalMetrics> ma,
                                    List<FinalMetrics> mb, Function<FinalMetrics, ? extends Number> get,
                                    String nameA, String nameB) {
        double[] va = GroupSummary.values(ma, get);
        double[] vb = GroupSummary.values(mb, get);
        if (va.length < 2 || vb.length < 2) {
            return String.format(Locale.ROOT, "%s: no test: Welch's t-test needs two completed runs or more in each "
                    + "group (have %d and %d); add repeats", figure, va.length, vb.length);
        }
        // b minus a: "what changed since the earlier group", as the deltas of single runs
        WelchTest w = WelchTest.of(vb, va);
        String p = w.p() < 0.001 ? "p < 0.001" : String.format(Locale.ROOT, "p = %.3f", w.p());
        return String.format(Locale.ROOT, "%s: %s - %s = " + format + "%s (95%% CI " + format + " to " + format
                        + "%s), Welch's t-test %s: %s", figure, nameB, nameA, w.difference(), unit, w.low(), w.high(),
                unit, p, w.significant() ? "significant at 5%" : "not significant at 5% (could be noise)");
    }

    /**
     * Lines saying whether the energy and time difference of run {@code b} against run {@code a} is within this
     * machine's noise; {@code noise} null when no group of repeats is stored yet.
     */
    public static List<String> singles(RunResult a, RunResult b, MachineNoise noise) {
        if (noise == null) {
            return List.of("no noise figure for this machine yet: a difference in energy or time between two single "
                    + "runs may be noise. Run a spec with 'repeats: 5' once to measure it.");
        }
        List<String> out = new ArrayList<>();
        out.add(noiseLine("energy", a, b, FinalMetrics::energyJoules, noise.energyCv(), noise));
        out.add(noiseLine("time", a, b, FinalMetrics::trainSeconds, noise.timeCv(), noise));
        return out;
    }

    private static String noiseLine(String figure, RunResult a, RunResult b, Function<FinalMetrics, Double> get,
                                    double cv, MachineNoise noise) {
        double threshold = MachineNoise.explainedFraction(cv);
        String base = String.format(Locale.ROOT, "differences under %.0f%% in %s are within this machine's noise "
                + "(CV %.1f%% over %d repeats in %d group%s)", 100 * threshold, figure, 100 * cv, noise.runs(),
                noise.groups(), noise.groups() == 1 ? "" : "s");
        Double va = a.finalMetrics() == null ? null : get.apply(a.finalMetrics());
        Double vb = b.finalMetrics() == null ? null : get.apply(b.finalMetrics());
        if (va == null || vb == null || va == 0) {
            return base;
        }
        double change = (vb - va) / Math.abs(va);
        return String.format(Locale.ROOT, "%s: %+.1f%%; %s, so this difference %s", figure, 100 * change, base,
                Math.abs(change) < threshold ? "may be noise" : "is larger than the noise");
    }
}
