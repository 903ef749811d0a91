package dev.verdant.app.live;

/** What the accuracy chart's x axis measures: joules when a meter ran, else seconds, clearly labelled. */
public enum XAxisMode {
    ENERGY("cumulative energy (J)"),
    TIME("time (s) — no energy meter"),
    MIXED("energy (J), or time (s) for runs without a meter");

    private final String label;

    XAxisMode(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
