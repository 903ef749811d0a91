package dev.verdant.sweep;

import dev.verdant.spec.SweepObjective;
import dev.verdant.spec.SweepSpec;
import dev.verdant.store.TrialRecord;
import dev.verdant.store.TrialStatus;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * What a sweep found and what it cost: the recommended recipe with one sentence why, the front of (accuracy,
 * energy) over the recipes tried, and the waste ledger. A recipe is a configuration trained for the epochs of the
 * highest rung it completed (a pruned trial is a cheap recipe too); its accuracy and joules are those of that run
 * (the mean over repeats; a trial continued from its previous rung's model counts the runs it went on from too).
 * Every joule figure is as the runs obtained it ({@link #energyMethod}: measured or
 * estimated).
 *
 * @param energyMethod     how the trials' energy was obtained (e.g. {@code estimated:cpu-tdp}); mixed methods are
 *                         listed joined by {@code +}
 * @param totalJoules      energy of every trial run of the sweep (all attempts, pruned and cancelled included)
 * @param trialRuns        trial runs with a result
 * @param target           the target accuracy, or null
 * @param recommendation   the recommended recipe, or null when no trial has a result
 * @param front            the non-dominated recipes by (accuracy max, joules min), cheapest first
 * @param prunedJoules     energy of every run of configurations that were pruned
 * @param dominatedJoules  energy of every run of the other configurations that ended off the front
 * @param joulesPerPoint   along the front, cheapest first: joules per extra accuracy point (one per step)
 * @param pMaxWatts        the highest mean power of any trial run, the P_max of the time-energy knob
 * @param knob             for eta = 0, 0.25, 0.5, 0.75, 1: the front recipe minimising eta*E + (1-eta)*P_max*T
 */
public record SweepSummary(String energyMethod, double totalJoules, int trialRuns, Double target,
                           Recipe recommendation, List<Recipe> front, double prunedJoules, double dominatedJoules,
                           List<Double> joulesPerPoint, Double pMaxWatts, List<KnobChoice> knob) {

    /**
     * One configuration's best-known recipe.
     *
     * @param config   configuration number
     * @param params   its parameter values (JSON object text)
     * @param epochs   epochs of the rung it reached
     * @param rung     that rung
     * @param accuracy the sweep's accuracy metric (mean over repeats)
     * @param joules   energy of that run, and of the runs it continued from (mean over repeats)
     * @param seconds  wall time of that run (mean over repeats)
     * @param trialId  the trial id of that run (first repeat)
     * @param runId    its run (first repeat), or null
     * @param status   completed (reached its last rung or the end) or pruned
     * @param why      one sentence saying why it is recommended; null except for the recommendation
     */
    public record Recipe(int config, String params, int epochs, int rung, double accuracy, double joules,
                         double seconds, String trialId, Long runId, String status, String why) {
        Recipe withWhy(String sentence) {
            return new Recipe(config, params, epochs, rung, accuracy, joules, seconds, trialId, runId, status,
                    sentence);
        }
    }

    /**
     * The Zeus-style operating point for one weight.
     *
     * @param eta    weight of energy (1: energy only, 0: time only)
     * @param config the front recipe with the least cost
     * @param cost   eta*E + (1-eta)*P_max*T, in joules
     */
    public record KnobChoice(double eta, int config, double cost) {
    }

    /** The summary of a sweep's stored trials. */
    public static SweepSummary of(SweepSpec sweep, List<TrialRecord> trials) {
        Set<String> methods = new java.util.TreeSet<>();
        double total = 0;
        int withResult = 0;
        Map<Integer, Double> spentByConfig = new TreeMap<>();
        Map<Integer, Boolean> prunedConfig = new TreeMap<>();
        for (TrialRecord t : trials) {
            if (t.energyJoules() != null) {
                total += t.energyJoules();
                spentByConfig.merge(t.config(), t.energyJoules(), Double::sum);
            }
            if (t.energyMethod() != null) {
                methods.add(t.energyMethod());
            }
            if (t.status().hasResult()) {
                withResult++;
            }
            if (t.status() == TrialStatus.PRUNED) {
                prunedConfig.put(t.config(), true);
            }
        }
        List<Recipe> recipes = recipes(sweep, trials);
        List<Recipe> front = front(recipes);
        Double target = sweep.targetAccuracy();
        Recipe recommended = recommend(recipes, front, target);
        Set<Integer> onFront = front.stream().map(Recipe::config).collect(Collectors.toSet());
        double pruned = 0;
        double dominated = 0;
        for (Map.Entry<Integer, Double> e : spentByConfig.entrySet()) {
            if (prunedConfig.getOrDefault(e.getKey(), false)) {
                pruned += e.getValue();
            } else if (!onFront.contains(e.getKey())) {
                dominated += e.getValue();
            }
        }
        List<Double> perPoint = new ArrayList<>();
        for (int i = 1; i < front.size(); i++) {
            double dAcc = (front.get(i).accuracy() - front.get(i - 1).accuracy()) * 100;
            double dJ = front.get(i).joules() - front.get(i - 1).joules();
            perPoint.add(dAcc > 0 ? Double.valueOf(dJ / dAcc) : null);
        }
        Double pMax = null;
        for (Recipe r : recipes) {
            if (r.seconds() > 0) {
                double p = r.joules() / r.seconds();
                pMax = pMax == null ? p : Math.max(pMax, p);
            }
        }
        List<KnobChoice> knob = new ArrayList<>();
        if (pMax != null && !front.isEmpty()) {
            for (double eta : new double[] {0, 0.25, 0.5, 0.75, 1}) {
                knob.add(knob(front, eta, pMax));
            }
        }
        return new SweepSummary(methods.isEmpty() ? "none" : String.join("+", methods), total, withResult, target,
                recommended, front, pruned, dominated, perPoint, pMax, knob);
    }

    /** The front recipe with the least eta*E + (1-eta)*P_max*T (Zeus's cost), for {@code eta} in [0, 1]. */
    public static KnobChoice knob(List<Recipe> front, double eta, double pMaxWatts) {
        Recipe best = null;
        double bestCost = Double.POSITIVE_INFINITY;
        for (Recipe r : front) {
            double cost = eta * r.joules() + (1 - eta) * pMaxWatts * r.seconds();
            if (cost < bestCost) {
                bestCost = cost;
                best = r;
            }
        }
        return new KnobChoice(eta, best == null ? 0 : best.config(), bestCost);
    }

    /** Each configuration's recipe at the highest rung where every repeat has a result. */
    static List<Recipe> recipes(SweepSpec sweep, List<TrialRecord> trials) {
        String metric = sweep.objectives().stream().filter(SweepObjective::isAccuracy).map(SweepObjective::metric)
                .findFirst().orElse("deliveredAccuracy");
        // latest attempt with a result per (config, rung, repeat)
        Map<Integer, Map<Integer, Map<Integer, TrialRecord>>> by = new TreeMap<>();
        for (TrialRecord t : trials) {
            if (t.status().hasResult()) {
                by.computeIfAbsent(t.config(), k -> new TreeMap<>()).computeIfAbsent(t.rung(), k -> new TreeMap<>())
                        .merge(t.repeat(), t, (a, b) -> b.attempt() > a.attempt() ? b : a);
            }
        }
        List<Recipe> out = new ArrayList<>();
        for (var c : by.entrySet()) {
            TreeMap<Integer, Map<Integer, TrialRecord>> rungs = (TreeMap<Integer, Map<Integer, TrialRecord>>) c.getValue();
            for (Integer rung : rungs.descendingKeySet()) {
                Map<Integer, TrialRecord> reps = rungs.get(rung);
                if (reps.size() < sweep.repeats()) {
                    continue;
                }
                double acc = 0;
                double joules = 0;
                double secs = 0;
                boolean complete = true;
                for (TrialRecord t : reps.values()) {
                    Double a = SweepRunner.metricOf(t, metric);
                    if (a == null || t.energyJoules() == null) {
                        complete = false;
                        break;
                    }
                    acc += a;
                    // a continued trial's model also cost the runs it went on from
                    joules += SweepRunner.recipeFigure(t, SweepRunner.RECIPE_JOULES, t.energyJoules());
                    secs += SweepRunner.recipeFigure(t, SweepRunner.RECIPE_SECONDS, t.seconds());
                }
                if (!complete) {
                    continue;
                }
                int n = reps.size();
                TrialRecord first = reps.values().iterator().next();
                boolean pruned = reps.values().stream().anyMatch(t -> t.status() == TrialStatus.PRUNED);
                out.add(new Recipe(c.getKey(), first.paramsJson(), first.epochs(), rung, acc / n, joules / n,
                        secs / n, first.trialId(), first.runId(), pruned ? "pruned" : "completed", null));
                break;
            }
        }
        return out;
    }

    /** Recipes no other beats on both accuracy (higher) and joules (lower), cheapest first. */
    static List<Recipe> front(List<Recipe> recipes) {
        List<Recipe> out = new ArrayList<>();
        for (Recipe r : recipes) {
            boolean dominated = false;
            for (Recipe q : recipes) {
                if (q != r && q.accuracy() >= r.accuracy() && q.joules() <= r.joules()
                        && (q.accuracy() > r.accuracy() || q.joules() < r.joules())) {
                    dominated = true;
                    break;
                }
            }
            if (!dominated) {
                out.add(r);
            }
        }
        out.sort(Comparator.comparingDouble(Recipe::joules).thenComparingInt(Recipe::config));
        // equal points (same accuracy and joules) are one recipe: keep the lowest configuration number
        Map<String, Recipe> unique = new LinkedHashMap<>();
        for (Recipe r : out) {
            unique.putIfAbsent(r.accuracy() + "/" + r.joules(), r);
        }
        return new ArrayList<>(unique.values());
    }

    /**
     * The greenest recipe reaching the target; without a target (or when none reaches it), the knee of the front:
     * the point farthest from the line joining its cheapest and its most accurate ends, in units normalised to
     * the front's spans (the most accurate when the front has fewer than three points).
     */
    static Recipe recommend(List<Recipe> recipes, List<Recipe> front, Double target) {
        if (recipes.isEmpty()) {
            return null;
        }
        if (target != null) {
            List<Recipe> reaching = recipes.stream().filter(r -> r.accuracy() >= target)
                    .sorted(Comparator.comparingDouble(Recipe::joules).thenComparingInt(Recipe::config)).toList();
            if (!reaching.isEmpty()) {
                Recipe r = reaching.get(0);
                return r.withWhy(String.format(java.util.Locale.ROOT, "configuration %d reaches %.4f (target %.4f) "
                        + "for %.1f J, the least energy of the %d recipe%s that reach the target", r.config(),
                        r.accuracy(), target, r.joules(), reaching.size(), reaching.size() == 1 ? "" : "s"));
            }
        }
        String prefix = target != null ? String.format(java.util.Locale.ROOT,
                "no recipe reached the target %.4f; ", target) : "";
        if (front.size() < 3) {
            Recipe best = front.stream().max(Comparator.comparingDouble(Recipe::accuracy)).orElseThrow();
            return best.withWhy(prefix + String.format(java.util.Locale.ROOT, "configuration %d is the most "
                    + "accurate recipe on a front of %d (%.4f for %.1f J)", best.config(), front.size(),
                    best.accuracy(), best.joules()));
        }
        Recipe cheap = front.get(0);
        Recipe accurate = front.get(front.size() - 1);
        double spanJ = accurate.joules() - cheap.joules();
        double spanA = accurate.accuracy() - cheap.accuracy();
        Recipe knee = accurate;
        double bestDistance = -1;
        for (Recipe r : front) {
            double x = spanJ > 0 ? (r.joules() - cheap.joules()) / spanJ : 0;
            double y = spanA > 0 ? (r.accuracy() - cheap.accuracy()) / spanA : 0;
            double distance = (y - x) / Math.sqrt(2); // distance above the diagonal from (0,0) to (1,1)
            if (distance > bestDistance) {
                bestDistance = distance;
                knee = r;
            }
        }
        return knee.withWhy(prefix + String.format(java.util.Locale.ROOT, "configuration %d is the knee of the "
                + "front: %.4f for %.1f J, where more accuracy starts to cost disproportionately more energy",
                knee.config(), knee.accuracy(), knee.joules()));
    }
}
