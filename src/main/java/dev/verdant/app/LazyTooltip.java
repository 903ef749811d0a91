package dev.verdant.app;

import javafx.event.EventHandler;
import javafx.scene.control.Control;
import javafx.scene.control.Tooltip;
import javafx.scene.input.MouseEvent;

/**
 * A control's tooltip, made when the mouse first enters the control. Each {@link Tooltip} is a popup window with its
 * own scene and style pass: the builder's ~150 of them cost about a quarter of the window's construction on the way
 * to the first frame (issue 20), though a user hovers over few. A tooltip shows after the mouse rests on a control,
 * which always follows its entering, so the user sees no difference.
 */
public final class LazyTooltip {

    private static final String TEXT = "verdant.tooltip.text";
    private static final String HANDLER = "verdant.tooltip.handler";

    private LazyTooltip() {
    }

    /** Gives {@code control} the tooltip {@code text} (null: none), made on first hover or changed in place. */
    public static void set(Control control, String text) {
        Tooltip made = control.getTooltip();
        if (text == null) {
            control.getProperties().remove(TEXT);
            control.setTooltip(null);
            return;
        }
        if (made != null) {
            made.setText(text);
            return;
        }
        control.getProperties().put(TEXT, text);
        if (!control.getProperties().containsKey(HANDLER)) {
            EventHandler<MouseEvent> make = e -> {
                Object pending = control.getProperties().remove(TEXT);
                if (pending != null && control.getTooltip() == null) {
                    control.setTooltip(new Tooltip((String) pending));
                }
            };
            control.addEventHandler(MouseEvent.MOUSE_ENTERED, make);
            control.getProperties().put(HANDLER, make);
        }
    }

    /** The tooltip's text, whether or not it has been made yet; null when the control has none. */
    public static String text(Control control) {
        Object pending = control.getProperties().get(TEXT);
        if (pending != null) {
            return (String) pending;
        }
        return control.getTooltip() == null ? null : control.getTooltip().getText();
    }
}
