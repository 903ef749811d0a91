package dev.verdant.app.actions;

import dev.verdant.app.AppState;
import dev.verdant.app.Theme;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.input.KeyCombination;

/** View -> Dark theme: switches between the light and dark theme in the shared state. */
public final class ThemeToggle implements AppAction {

    private final AppState state;

    public ThemeToggle(AppState state) {
        this.state = state;
    }

    @Override
    public void execute() {
        state.themeProperty().set(state.themeProperty().get().other());
    }

    /** A check item that is ticked while the dark theme is on, also when the theme changes elsewhere. */
    public CheckMenuItem menuItem() {
        CheckMenuItem dark = new CheckMenuItem("Dark theme");
        dark.setAccelerator(KeyCombination.keyCombination("Shortcut+T"));
        dark.setSelected(state.themeProperty().get() == Theme.DARK);
        state.themeProperty().addListener((o, was, now) -> dark.setSelected(now == Theme.DARK));
        dark.setOnAction(e -> state.themeProperty().set(dark.isSelected() ? Theme.DARK : Theme.LIGHT));
        return dark;
    }
}
