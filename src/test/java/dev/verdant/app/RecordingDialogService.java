package dev.verdant.app;

import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/**
 * A {@link DialogService} for tests: it records every dialog it is asked to show and answers questions from a
 * script ({@link #answerConfirm}, {@link #answerFile}, {@link #answerText}); an unscripted question is answered as
 * if the user cancelled. It is a fake at the UI's edge (the screen), not a mock of our own logic.
 */
public final class RecordingDialogService implements DialogService {

    /** One dialog shown: its kind ({@code error}, {@code confirm}, {@code info}, {@code text}, {@code open},
     * {@code save}), header or title, message (or proposed file name) and details. */
    public record Shown(String kind, String title, String message, String details) {
    }

    private final List<Shown> shown = new ArrayList<>();
    private final Deque<Boolean> confirms = new ArrayDeque<>();
    private final Deque<Path> files = new ArrayDeque<>();
    private final Deque<String> texts = new ArrayDeque<>();
    private final ReadOnlyStringWrapper last = new ReadOnlyStringWrapper("");

    /** The next confirmation is answered {@code ok}. */
    public RecordingDialogService answerConfirm(boolean ok) {
        confirms.add(ok);
        return this;
    }

    /** The next file chooser returns {@code file}. */
    public RecordingDialogService answerFile(Path file) {
        files.add(file);
        return this;
    }

    /** The next text question is answered {@code text}. */
    public RecordingDialogService answerText(String text) {
        texts.add(text);
        return this;
    }

    /** Every dialog shown so far, in order. */
    public List<Shown> shown() {
        return List.copyOf(shown);
    }

    /** The dialogs of one kind. */
    public List<Shown> shown(String kind) {
        return shown.stream().filter(s -> s.kind().equals(kind)).toList();
    }

    @Override
    public void showError(String title, String message, String details) {
        last.set(title + ": " + message);
        shown.add(new Shown("error", title, message, details));
    }

    @Override
    public boolean confirm(String header, String message) {
        shown.add(new Shown("confirm", header, message, null));
        Boolean ok = confirms.poll();
        return ok != null && ok;
    }

    @Override
    public void showWritten(String what, Path file) {
        shown.add(new Shown("written", what, file.toString(), null));
    }

    @Override
    public void showInformation(String header, String message) {
        shown.add(new Shown("info", header, message, null));
    }

    @Override
    public Optional<String> askText(String header, String initial) {
        shown.add(new Shown("text", header, initial, null));
        return Optional.ofNullable(texts.poll());
    }

    @Override
    public Optional<Path> chooseFileToOpen(String title, List<FileType> types) {
        shown.add(new Shown("open", title, null, types.toString()));
        return Optional.ofNullable(files.poll());
    }

    @Override
    public Optional<Path> chooseFileToSave(String title, String initialName, List<FileType> types) {
        shown.add(new Shown("save", title, initialName, types.toString()));
        return Optional.ofNullable(files.poll());
    }

    @Override
    public ReadOnlyStringProperty lastErrorProperty() {
        return last.getReadOnlyProperty();
    }
}
