package dev.verdant.app;

import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.scene.control.Alert;
import javafx.scene.control.TextArea;
import javafx.stage.Window;

import java.io.PrintWriter;
import java.io.StringWriter;

/**
 * Shows errors as a dialog: the engine's message in plain words up front, the stack trace only inside the
 * "Show details" expander. The dialog is shown without blocking, so a background failure never stalls the window.
 */
public final class ErrorReporter {

    private final ReadOnlyStringWrapper last = new ReadOnlyStringWrapper("");
    private Window owner;
    private boolean dialogs = true;

    /** The window dialogs belong to. */
    public void setOwner(Window owner) {
        this.owner = owner;
    }

    /** Turns dialogs off (the message is still recorded), e.g. for the benchmark. */
    public void setDialogsEnabled(boolean enabled) {
        this.dialogs = enabled;
    }

    /** The last message shown, for the status bar and tests. */
    public ReadOnlyStringProperty lastMessageProperty() {
        return last.getReadOnlyProperty();
    }

    /** Shows {@code message} under {@code title}; {@code cause} (may be null) goes into the details expander. */
    public void show(String title, String message, Throwable cause) {
        String details = null;
        if (cause != null) {
            StringWriter trace = new StringWriter();
            cause.printStackTrace(new PrintWriter(trace));
            details = trace.toString();
        }
        showWithDetails(title, message, details);
    }

    /** Shows {@code message} under {@code title}, with {@code details} (may be null) in the "Show details" expander. */
    public void showWithDetails(String title, String message, String details) {
        last.set(title + ": " + message);
        if (!dialogs) {
            return;
        }
        Alert alert = new Alert(Alert.AlertType.ERROR);
        if (owner != null) {
            alert.initOwner(owner);
        }
        alert.setTitle("Verdant");
        alert.setHeaderText(title);
        alert.setContentText(message);
        if (details != null) {
            TextArea area = new TextArea(details);
            area.setEditable(false);
            area.setPrefRowCount(14);
            alert.getDialogPane().setExpandableContent(area);
        }
        alert.show();
    }

    /** Shows a throwable whose message is already meant for the user (spec, dataset and engine errors are). */
    public void show(String title, Throwable cause) {
        String message = cause.getMessage() != null ? cause.getMessage() : cause.getClass().getSimpleName();
        show(title, message, cause);
    }
}
