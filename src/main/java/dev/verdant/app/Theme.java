package dev.verdant.app;

import javafx.scene.Scene;

/** The window's colour themes; each is one stylesheet on top of a shared base sheet. */
public enum Theme {
    LIGHT("light.css"),
    DARK("dark.css");

    private static final String BASE = "base.css";

    private final String sheet;

    Theme(String sheet) {
        this.sheet = sheet;
    }

    /** Replaces the scene's theme stylesheets with this theme's. */
    public void applyTo(Scene scene) {
        scene.getStylesheets().setAll(url(BASE), url(sheet));
    }

    /** The other theme, for the toggle. */
    public Theme other() {
        return this == LIGHT ? DARK : LIGHT;
    }

    /** Parses a remembered name; anything unknown is the light theme. */
    public static Theme parse(String name) {
        for (Theme t : values()) {
            if (t.name().equalsIgnoreCase(name)) {
                return t;
            }
        }
        return LIGHT;
    }

    private static String url(String name) {
        var resource = Theme.class.getResource(name);
        if (resource == null) {
            throw new IllegalStateException("stylesheet " + name + " is missing from the jar");
        }
        return resource.toExternalForm();
    }
}
