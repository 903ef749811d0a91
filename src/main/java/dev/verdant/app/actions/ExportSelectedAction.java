package dev.verdant.app.actions;

import dev.verdant.app.AppState;
import dev.verdant.app.DialogService;
import dev.verdant.app.DialogService.FileType;
import dev.verdant.app.UiExecutor;
import dev.verdant.result.RunResult;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanExpression;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * What every File -> Export action of the runs selected in the history shares: enabled while runs are selected, asks
 * for a file, builds the text and writes it off the FX thread, then says where it went (or why it could not).
 * A subclass says only what it writes.
 */
abstract class ExportSelectedAction implements AppAction {

    private final AppState state;
    private final DialogService dialogs;
    private final UiExecutor executor;

    ExportSelectedAction(AppState state, DialogService dialogs, UiExecutor executor) {
        this.state = state;
        this.dialogs = dialogs;
        this.executor = executor;
    }

    /** What is written, for the dialog's title and messages, e.g. {@code 3 run(s)}. */
    abstract String what(List<RunResult> runs);

    /** The file name the dialog proposes. */
    abstract String proposedName(List<RunResult> runs);

    /** The file types offered, the default first. */
    abstract List<FileType> types();

    /** The file's text; {@code extension} is the chosen name's, lower case, without the dot. Runs off the FX thread. */
    abstract String content(List<RunResult> runs, String extension);

    @Override
    public final void execute() {
        List<RunResult> runs = List.copyOf(state.selectedRuns());
        if (runs.isEmpty()) {
            return;
        }
        dialogs.chooseFileToSave("Export " + what(runs), proposedName(runs), types())
                .ifPresent(file -> write(runs, file));
    }

    @Override
    public final BooleanExpression executable() {
        return Bindings.isNotEmpty(state.selectedRuns());
    }

    private void write(List<RunResult> runs, Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        String extension = name.contains(".") ? name.substring(name.lastIndexOf('.') + 1) : "";
        executor.runInBackground(() -> Files.writeString(file, content(runs, extension)),
                written -> {
                    state.status("Exported " + what(runs) + " to " + file);
                    dialogs.showWritten(what(runs), file);
                },
                e -> dialogs.showError("Could not export " + what(runs), "Writing " + file + " failed: "
                        + e.getMessage(), e));
    }
}
