package dev.verdant.sweep;

import dev.verdant.spec.ExperimentSpec;
import dev.verdant.spec.SweepHalving;
import dev.verdant.spec.SweepMethod;
import dev.verdant.spec.SweepSpec;

import java.util.ArrayList;
import java.util.List;

/**
 * What a sweep will run, worked out before anything runs and the same every time for the same sweep (so a resumed
 * sweep finds its trials again): brackets of configurations, each with its rungs (epochs, and how many trials each
 * rung keeps). Grid and random have one bracket with one rung at the base spec's epochs; successive halving one
 * bracket with rungs {@code minEpochs .. maxEpochs} growing by eta (or joule allowances {@code minJoules ..
 * maxJoules}); Hyperband the brackets of Li et al. (2018).
 *
 * @param sweep    the sweep
 * @param brackets its brackets, in the order they run
 */
public record SweepPlan(SweepSpec sweep, List<Bracket> brackets) {

    /**
     * One successive-halving bracket.
     *
     * @param index   0-based
     * @param configs its configurations
     * @param epochs  epochs of each rung (with joule rungs: the most epochs a trial may have trained by its end)
     * @param keep    how many configurations each rung runs ({@code keep.get(0) == configs.size()})
     * @param joules  with rungs in joules, each rung's allowance: a trial's joules by the rung's end (its own and,
     *                when continued, those of the runs it went on from); empty for rungs in epochs
     */
    public record Bracket(int index, List<Configuration> configs, List<Integer> epochs, List<Integer> keep,
                          List<Double> joules) {
        public Bracket {
            configs = List.copyOf(configs);
            epochs = List.copyOf(epochs);
            keep = List.copyOf(keep);
            joules = joules == null ? List.of() : List.copyOf(joules);
        }

        /** A bracket with rungs in epochs. */
        public Bracket(int index, List<Configuration> configs, List<Integer> epochs, List<Integer> keep) {
            this(index, configs, epochs, keep, List.of());
        }

        /** The joule allowance of a rung, or null when rungs are in epochs. */
        public Double allowance(int rung) {
            return joules.isEmpty() ? null : joules.get(rung);
        }

        /** Trial runs this bracket makes at most (repeats not counted). */
        public int trialRuns() {
            return keep.stream().mapToInt(Integer::intValue).sum();
        }

        /** Epochs this bracket trains at most (repeats not counted). */
        public long epochsTotal() {
            long total = 0;
            for (int i = 0; i < epochs.size(); i++) {
                total += (long) epochs.get(i) * keep.get(i);
            }
            return total;
        }
    }

    public SweepPlan {
        brackets = List.copyOf(brackets);
    }

    /** Plans {@code sweep} (validated, base inlined). */
    public static SweepPlan of(SweepSpec sweep) {
        ExperimentSpec base = sweep.baseSpec();
        SweepMethod method = sweep.method();
        long seed = sweep.seed();
        if (method == SweepMethod.GRID || method == SweepMethod.RANDOM) {
            List<Configuration> configs = Expansion.configurations(sweep, method == SweepMethod.GRID
                    ? Expansion.grid(sweep) : Expansion.draw(sweep, defaultTrials(sweep), seed), 1, 0);
            int epochs = base.training().epochs();
            return new SweepPlan(sweep, List.of(new Bracket(0, configs, List.of(epochs), List.of(configs.size()))));
        }
        SweepHalving h = sweep.halving().resolve(base.training().epochs());
        int eta = h.eta();
        int sMax = h.inJoules() ? levels(h.minJoules(), h.maxJoules(), eta)
                : levels(h.minEpochs(), h.maxEpochs(), eta);
        if (method == SweepMethod.HALVING) {
            int n = defaultTrials(sweep);
            List<Configuration> configs = Expansion.configurations(sweep, Expansion.draw(sweep, n, seed), 1, 0);
            return new SweepPlan(sweep, List.of(bracket(0, configs, sMax, h, eta)));
        }
        // Hyperband: bracket s starts n_s configurations at maxEpochs * eta^-s epochs; s = sMax is plain halving
        List<Integer> sizes = new ArrayList<>();
        for (int s = sMax; s >= 0; s--) {
            sizes.add((int) Math.ceil((double) (sMax + 1) / (s + 1) * Math.pow(eta, s)));
        }
        if (sweep.trials() != null) { // trials sizes the most exploring bracket; the others scale with it
            double scale = (double) sweep.trials() / sizes.get(0);
            sizes.replaceAll(n -> Math.max(1, (int) Math.round(n * scale)));
        }
        int total = sizes.stream().mapToInt(Integer::intValue).sum();
        var values = Expansion.draw(sweep, total, seed);
        List<Bracket> brackets = new ArrayList<>();
        int from = 0;
        for (int b = 0; b <= sMax; b++) {
            int s = sMax - b;
            int n = sizes.get(b);
            List<Configuration> configs = Expansion.configurations(sweep, values.subList(from, from + n), from + 1, b);
            from += n;
            brackets.add(bracket(b, configs, s, h, eta));
        }
        return new SweepPlan(sweep, brackets);
    }

    /** How many rungs above the first fit between min and max epochs: floor(log_eta(max / min)). */
    static int levels(int minEpochs, int maxEpochs, int eta) {
        int s = 0;
        while ((long) minEpochs * Math.round(Math.pow(eta, s + 1)) <= maxEpochs) {
            s++;
        }
        return s;
    }

    /** How many rungs above the first fit between min and max joules: floor(log_eta(max / min)). */
    static int levels(double minJoules, double maxJoules, int eta) {
        int s = 0;
        while (minJoules * Math.pow(eta, s + 1) <= maxJoules * (1 + 1e-6)) { // decimals as written: 0.1 * 9 > 0.9
            s++;
        }
        return s;
    }

    private static Bracket bracket(int index, List<Configuration> configs, int s, SweepHalving h, int eta) {
        List<Integer> epochs = new ArrayList<>();
        List<Integer> keep = new ArrayList<>();
        List<Double> joules = new ArrayList<>();
        int n = configs.size();
        for (int i = 0; i <= s; i++) {
            if (h.inJoules()) { // every rung may train up to maxEpochs; its allowance ends it sooner
                epochs.add(h.maxEpochs());
                joules.add(h.maxJoules() / Math.pow(eta, s - i));
            } else {
                epochs.add(Math.max(1, (int) Math.round(h.maxEpochs() / Math.pow(eta, s - i))));
            }
            keep.add(Math.max(1, (int) Math.floor(n / Math.pow(eta, i))));
        }
        return new Bracket(index, configs, epochs, keep, joules);
    }

    /** Configurations drawn by random and halving: trials, else the whole grid, else 10. */
    static int defaultTrials(SweepSpec sweep) {
        long grid = Expansion.gridSize(sweep);
        if (sweep.trials() != null) {
            return grid > 0 && sweep.method() == SweepMethod.HALVING ? (int) Math.min(sweep.trials(), grid)
                    : sweep.trials();
        }
        return grid > 0 ? (int) Math.min(grid, SweepSpec.MAX_TRIALS) : 10;
    }

    /** Every configuration of every bracket. */
    public List<Configuration> configurations() {
        List<Configuration> out = new ArrayList<>();
        brackets.forEach(b -> out.addAll(b.configs()));
        return out;
    }

    /** Trial runs the whole plan makes at most, repeats included. */
    public int trialRuns() {
        return brackets.stream().mapToInt(Bracket::trialRuns).sum() * sweep.repeats();
    }

    /** The unique, stable id of a trial: {@code 3/t07}, {@code 3/t07/r1} (rung 1), {@code 3/t07/r1/s2} (3rd seed). */
    public static String trialId(long sweepId, int config, int rung, int repeat) {
        StringBuilder b = new StringBuilder().append(sweepId).append("/t").append(String.format("%02d", config));
        if (rung > 0) {
            b.append("/r").append(rung);
        }
        if (repeat > 0) {
            b.append("/s").append(repeat + 1);
        }
        return b.toString();
    }

    /** The spec a trial runs: the configuration's, trained {@code epochs}, seeded {@code base seed + repeat}. */
    public ExperimentSpec attemptSpec(Configuration c, int rung, int repeat, int epochs) {
        ExperimentSpec s = c.spec();
        String name = sweep.name() + "-t" + String.format("%02d", c.number()) + (rung > 0 ? "-r" + rung : "")
                + (repeat > 0 ? "-s" + (repeat + 1) : "");
        return s.withName(name).withSeed(s.seed() + repeat).withTraining(s.training().withEpochs(epochs));
    }
}
