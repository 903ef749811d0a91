package dev.verdant.app.live;

/**
 * What the user chose for the x axis of the accuracy trajectory chart. {@link #AUTO} is energy when the runs were
 * metered and time when not (see {@link XAxisMode}); the others put every run on one measure, leaving out points
 * that lack it.
 */
public enum TrajectoryAxis {
    AUTO("energy (J), else time", null, null),
    ENERGY("energy (J)", "cumulative energy (J)", "cumulative energy (J, estimated)"),
    CO2E("emissions (gCO2e)", "cumulative emissions (gCO2e)", "cumulative emissions (gCO2e, of estimated energy)"),
    TIME("time (s)", "cumulative training time (s)", "cumulative training time (s)"),
    FLOPS("training FLOPs", "cumulative training FLOPs (counted)", "cumulative training FLOPs (counted)");

    private final String choice;
    private final String axisLabel;
    private final String estimatedLabel;

    TrajectoryAxis(String choice, String axisLabel, String estimatedLabel) {
        this.choice = choice;
        this.axisLabel = axisLabel;
        this.estimatedLabel = estimatedLabel;
    }

    /** The axis label; null for {@link #AUTO}, whose label follows the runs ({@link XAxisMode#label()}). */
    public String axisLabel() {
        return axisLabel;
    }

    /** The axis label, saying so where the plotted joules were estimated; null for {@link #AUTO}. */
    public String axisLabel(boolean estimated) {
        return estimated ? estimatedLabel : axisLabel;
    }

    @Override
    public String toString() {
        return choice;
    }
}
