package dev.verdant.app;

/** The ids of the main window's tabs, for {@link AppState#activeTabProperty()}, menu actions and tests. */
public final class Tabs {

    /** The live charts. */
    public static final String LIVE = "tab-live";
    /** The run history table. */
    public static final String HISTORY = "tab-history";
    /** The energy panel. */
    public static final String ENERGY = "tab-energy";
    /** A Compare tab (there may be several). */
    public static final String COMPARE = "tab-compare";

    private Tabs() {
    }
}
