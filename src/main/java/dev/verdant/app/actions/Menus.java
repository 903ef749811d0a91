package dev.verdant.app.actions;

import javafx.scene.control.MenuItem;
import javafx.scene.input.KeyCombination;

/** Menu items for actions: text, shortcut, disabled while the action cannot run. */
public final class Menus {

    private Menus() {
    }

    /** A menu item running {@code action}; {@code accelerator} (e.g. {@code Shortcut+O}) may be null. */
    public static MenuItem item(String text, String accelerator, AppAction action) {
        MenuItem m = new MenuItem(text);
        if (accelerator != null) {
            m.setAccelerator(KeyCombination.keyCombination(accelerator));
        }
        m.disableProperty().bind(action.executable().not());
        m.setOnAction(e -> action.execute());
        return m;
    }
}
