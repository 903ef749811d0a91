package dev.verdant.app;

import javafx.beans.property.ReadOnlyStringProperty;
import javafx.stage.Window;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Every dialog the window shows goes through this one service: errors (with a details expander), confirmations,
 * a line of text, information (About) and file choosers. {@link FxDialogService} shows real JavaFX dialogs; tests
 * give view models and actions a recording one that answers from a script, so no test needs a dialog on screen.
 */
public interface DialogService {

    /** A file-chooser filter: what the files are, and their glob patterns (e.g. {@code *.yaml}). */
    record FileType(String description, List<String> patterns) {

        /** Spec files: YAML or JSON. */
        public static final FileType SPEC = new FileType("Experiment spec", List.of("*.yaml", "*.yml", "*.json"));
        /** Anything. */
        public static final FileType ALL = new FileType("All files", List.of("*"));

        public FileType {
            patterns = List.copyOf(patterns);
        }
    }

    /**
     * Shows an error without blocking (a background failure never stalls the window): {@code title} as the header,
     * {@code message} in plain words up front, {@code details} (may be null) only inside a "Show details" expander.
     */
    void showError(String title, String message, String details);

    /** Asks a question with OK and Cancel; blocks until answered and returns true for OK. */
    boolean confirm(String header, String message);

    /** Shows information (About) and waits until it is dismissed. */
    void showInformation(String header, String message);

    /**
     * Says, without blocking, that {@code what} was written to {@code file}, with a button that opens its folder.
     * A service without windows does nothing.
     */
    default void showWritten(String what, java.nio.file.Path file) {
    }

    /** Asks for a line of text; empty when the user cancels. */
    Optional<String> askText(String header, String initial);

    /** Asks for an existing file to read; empty when the user cancels. */
    Optional<Path> chooseFileToOpen(String title, List<FileType> types);

    /** Asks where to write a file, proposing {@code initialName}; empty when the user cancels. */
    Optional<Path> chooseFileToSave(String title, String initialName, List<FileType> types);

    /** The last error shown, as {@code title: message}, for the status bar. */
    ReadOnlyStringProperty lastErrorProperty();

    /** The window the dialogs belong to (they stay on top of it); nothing to do for a service without windows. */
    default void setOwner(Window owner) {
    }

    /** Shows an error that has nothing more to say than {@code message}. */
    default void showError(String title, String message) {
        showError(title, message, (String) null);
    }

    /** Shows an error; the stack trace of {@code cause} (may be null) goes into the details expander. */
    default void showError(String title, String message, Throwable cause) {
        String details = null;
        if (cause != null) {
            StringWriter trace = new StringWriter();
            cause.printStackTrace(new PrintWriter(trace));
            details = trace.toString();
        }
        showError(title, message, details);
    }

    /** Shows a throwable whose message is already meant for the user (spec, dataset and engine errors are). */
    default void showError(String title, Throwable cause) {
        String message = cause.getMessage() != null ? cause.getMessage() : cause.getClass().getSimpleName();
        showError(title, message, cause);
    }
}
