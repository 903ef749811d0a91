package dev.verdant.app;

import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonType;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextInputDialog;
import javafx.stage.FileChooser;
import javafx.stage.Window;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The dialogs as JavaFX shows them, owned by the main window: errors are shown without blocking, with the engine's
 * message up front and the details (stack trace, run summary) only inside the "Show details" expander.
 */
public final class FxDialogService implements DialogService {

    private final ReadOnlyStringWrapper last = new ReadOnlyStringWrapper("");
    private Window owner;

    @Override
    public void setOwner(Window owner) {
        this.owner = owner;
    }

    @Override
    public ReadOnlyStringProperty lastErrorProperty() {
        return last.getReadOnlyProperty();
    }

    @Override
    public void showError(String title, String message, String details) {
        last.set(title + ": " + message);
        Alert alert = alert(Alert.AlertType.ERROR, title, message);
        if (details != null) {
            TextArea area = new TextArea(details);
            area.setEditable(false);
            area.setPrefRowCount(14);
            alert.getDialogPane().setExpandableContent(area);
        }
        alert.show();
    }

    @Override
    public boolean confirm(String header, String message) {
        Alert ask = alert(Alert.AlertType.CONFIRMATION, header, message);
        ask.getButtonTypes().setAll(ButtonType.OK, ButtonType.CANCEL);
        return ask.showAndWait().orElse(ButtonType.CANCEL) == ButtonType.OK;
    }

    @Override
    public void showInformation(String header, String message) {
        alert(Alert.AlertType.INFORMATION, header, message).showAndWait();
    }

    @Override
    public void showWritten(String what, Path file) {
        Alert a = alert(Alert.AlertType.INFORMATION, "Saved " + what, "Written to " + file.toAbsolutePath());
        ButtonType open = new ButtonType("Open folder");
        a.getButtonTypes().setAll(open, ButtonType.OK);
        a.resultProperty().addListener((o, was, now) -> {
            if (now == open) {
                openFolder(file.toAbsolutePath().getParent());
            }
        });
        a.show(); // not modal-blocking: the user may go on working
    }

    /** Opens {@code dir} in the desktop's file manager, off the FX thread; a failure goes to the status line. */
    private void openFolder(Path dir) {
        Thread t = new Thread(() -> {
            try {
                if (java.awt.Desktop.isDesktopSupported()
                        && java.awt.Desktop.getDesktop().isSupported(java.awt.Desktop.Action.OPEN)) {
                    java.awt.Desktop.getDesktop().open(dir.toFile());
                } else {
                    new ProcessBuilder("xdg-open", dir.toString()).start();
                }
            } catch (java.io.IOException | RuntimeException e) {
                javafx.application.Platform.runLater(() -> last.set("Could not open " + dir + ": "
                        + e.getMessage()));
            }
        }, "verdant-open-folder");
        t.setDaemon(true);
        t.start();
    }

    @Override
    public Optional<String> askText(String header, String initial) {
        TextInputDialog d = new TextInputDialog(initial == null ? "" : initial);
        d.setTitle("Verdant");
        d.setHeaderText(header);
        if (owner != null) {
            d.initOwner(owner);
        }
        return d.showAndWait();
    }

    @Override
    public Optional<Path> chooseFileToOpen(String title, List<FileType> types) {
        File f = chooser(title, types).showOpenDialog(owner);
        return Optional.ofNullable(f).map(File::toPath);
    }

    @Override
    public Optional<Path> chooseFileToSave(String title, String initialName, List<FileType> types) {
        FileChooser chooser = chooser(title, types);
        chooser.setInitialFileName(initialName);
        File f = chooser.showSaveDialog(owner);
        return Optional.ofNullable(f).map(File::toPath);
    }

    private Alert alert(Alert.AlertType type, String header, String message) {
        Alert alert = new Alert(type);
        if (owner != null) {
            alert.initOwner(owner);
        }
        alert.setTitle("Verdant");
        alert.setHeaderText(header);
        alert.setContentText(message);
        return alert;
    }

    private static FileChooser chooser(String title, List<FileType> types) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(title);
        for (FileType t : types) {
            chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(t.description(), t.patterns()));
        }
        return chooser;
    }
}
