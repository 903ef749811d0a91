package dev.verdant.app;

import javafx.scene.Node;
import javafx.scene.control.Tab;

import java.util.function.Supplier;

/**
 * The main window's tabs: their ids (for {@link AppState#activeTabProperty()}, menu actions and tests) and how
 * a tab is made.
 */
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

    /** A tab the user cannot close. */
    public static Tab fixed(String title, String id, Node content) {
        Tab t = new Tab(title, content);
        t.setId(id);
        t.setClosable(false);
        return t;
    }

    /**
     * A tab whose content joins the scene when the tab is first selected: hidden tables cost CSS and skin work
     * at launch for nothing.
     */
    public static Tab lazy(String title, String id, Node content) {
        return lazy(title, id, () -> content);
    }

    /**
     * A tab whose content is made when the tab is first selected: a tab the user has not opened costs neither the
     * classes nor the construction of its view at launch (issue 20, first frame).
     */
    public static Tab lazy(String title, String id, Supplier<? extends Node> content) {
        Tab t = fixed(title, id, null);
        t.selectedProperty().addListener((o, was, now) -> {
            if (now && t.getContent() == null) {
                t.setContent(content.get());
            }
        });
        return t;
    }
}
