package dev.verdant.app.actions;

import dev.verdant.app.AppState;
import dev.verdant.app.DialogService;
import dev.verdant.app.DialogService.FileType;
import dev.verdant.app.UiExecutor;
import dev.verdant.result.RunResult;
import dev.verdant.store.RunExport;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanExpression;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * File -> Export selected runs: the runs selected in the history as result JSON (the format {@code verdant runs
 * import} reads back) or, for a {@code .csv} file name, CSV with one row per run, written off the FX thread.
 * Can run while runs are selected.
 */
public final class ExportRunsAction implements AppAction {

    /** Result JSON: one object for one run, an array for several. */
    public static final FileType JSON = new FileType("Result JSON", List.of("*.json"));
    /** CSV, one row per run with the headline figures. */
    public static final FileType CSV = new FileType("CSV (one row per run)", List.of("*.csv"));

    private final AppState state;
    private final DialogService dialogs;
    private final UiExecutor executor;

    public ExportRunsAction(AppState state, DialogService dialogs, UiExecutor executor) {
        this.state = state;
        this.dialogs = dialogs;
        this.executor = executor;
    }

    @Override
    public void execute() {
        List<RunResult> runs = List.copyOf(state.selectedRuns());
        if (runs.isEmpty()) {
            return;
        }
        String proposed = runs.size() == 1 ? runs.get(0).name() + ".json" : "runs.json";
        dialogs.chooseFileToSave("Export " + runs.size() + " run(s)", proposed, List.of(JSON, CSV))
                .ifPresent(file -> write(runs, file));
    }

    @Override
    public BooleanExpression executable() {
        return Bindings.isNotEmpty(state.selectedRuns());
    }

    private void write(List<RunResult> runs, Path file) {
        boolean csv = file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".csv");
        executor.runInBackground(() -> Files.writeString(file, csv ? RunExport.runsCsv(runs)
                        : RunExport.json(runs) + "\n"),
                written -> {
                    state.status("Exported " + runs.size() + " run(s) to " + file);
                    dialogs.showWritten(runs.size() + " run(s)", file);
                },
                e -> dialogs.showError("Could not export the runs", "Writing " + file + " failed: "
                        + e.getMessage(), e));
    }
}
