package dev.verdant.result;

import java.util.List;

/**
 * This machine's run-to-run noise, measured from stored groups of repeats (same spec, consecutive seeds): the
 * mean coefficient of variation of energy and of time over the most recent groups. Two single runs whose energy
 * differs by less than {@link #explainedFraction} of the CV are within that noise.
 *
 * @param energyCv mean CV of run energy over the groups (0.05 = 5%)
 * @param timeCv   mean CV of training time
 * @param groups   groups it is measured over
 * @param runs     completed runs in those groups
 */
public record MachineNoise(double energyCv, double timeCv, int groups, int runs) {

    /** Groups the figure averages over, newest first: older groups may come from another load or build. */
    public static final int RECENT_GROUPS = 5;

    /**
     * The relative difference between two single runs that noise of coefficient of variation {@code cv} explains
     * 95% of the time: the difference of two independent runs has sd {@code sqrt(2) * cv}, so {@code 1.96 * sqrt(2)
     * * cv} (about 2.8 CV).
     */
    public static double explainedFraction(double cv) {
        return 1.959964 * Math.sqrt(2) * cv;
    }

    /**
     * The noise over {@code groups} (each a group's members, newest group first): the first {@link #RECENT_GROUPS}
     * groups with two or more completed, metered members count. Null when none does.
     */
    public static MachineNoise of(List<List<RunResult>> groups) {
        double energy = 0;
        double time = 0;
        int counted = 0;
        int runs = 0;
        for (List<RunResult> group : groups) {
            if (counted == RECENT_GROUPS) {
                break;
            }
            List<FinalMetrics> done = GroupSummary.completedMetrics(group).stream()
                    .filter(m -> m.energyJoules() != null).toList();
            if (done.size() < 2) {
                continue;
            }
            double e = GroupStatistics.of(GroupSummary.values(done, FinalMetrics::energyJoules)).cv();
            double t = GroupStatistics.of(GroupSummary.values(done, FinalMetrics::trainSeconds)).cv();
            if (Double.isNaN(e) || Double.isNaN(t)) {
                continue;
            }
            energy += e;
            time += t;
            counted++;
            runs += done.size();
        }
        return counted == 0 ? null : new MachineNoise(energy / counted, time / counted, counted, runs);
    }
}
