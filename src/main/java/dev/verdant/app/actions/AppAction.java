package dev.verdant.app.actions;

import javafx.beans.binding.BooleanExpression;
import javafx.beans.property.ReadOnlyBooleanWrapper;

/** Something a menu item, a shortcut or a button does. */
public interface AppAction {

    /** Does it; a no-op when {@link #executable()} is false. */
    void execute();

    /** Whether the action can run now (its menu item is disabled otherwise); always true unless overridden. */
    default BooleanExpression executable() {
        return new ReadOnlyBooleanWrapper(true).getReadOnlyProperty();
    }
}
