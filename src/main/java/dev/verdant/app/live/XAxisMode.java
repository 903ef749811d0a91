package dev.verdant.app.live;

/** What the accuracy chart's x axis measures: joules when a meter ran, else seconds, clearly labelled. */
public enum XAxisMode {
    ENERGY("cumulative energy (J)", "cumulative energy (J, estimated)"),
    TIME("time (s) — no energy meter", "time (s) — no energy meter"),
    MIXED("energy (J), or time (s) for runs without a meter",
            "energy (J, estimated), or time (s) for runs without a meter");

    private final String label;
    private final String estimatedLabel;

    XAxisMode(String label, String estimatedLabel) {
        this.label = label;
        this.estimatedLabel = estimatedLabel;
    }

    /** The label when every joule on the axis was measured. */
    public String label() {
        return label;
    }

    /** The label, saying "estimated" when any joule on the axis was estimated rather than measured. */
    public String label(boolean estimated) {
        return estimated ? estimatedLabel : label;
    }
}
