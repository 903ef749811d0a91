package dev.verdant.app.actions;

import dev.verdant.app.AppState;
import dev.verdant.app.DialogService;
import dev.verdant.app.DialogService.FileType;
import dev.verdant.app.UiExecutor;
import dev.verdant.result.RunResult;
import dev.verdant.store.RunExport;

import java.util.List;

/**
 * File -> Export selected runs: the runs selected in the history as result JSON (the format {@code verdant runs
 * import} reads back) or, for a {@code .csv} file name, CSV with one row per run, written off the FX thread.
 * Can run while runs are selected.
 */
public final class ExportRunsAction extends ExportSelectedAction {

    /** Result JSON: one object for one run, an array for several. */
    public static final FileType JSON = new FileType("Result JSON", List.of("*.json"));
    /** CSV, one row per run with the headline figures. */
    public static final FileType CSV = new FileType("CSV (one row per run)", List.of("*.csv"));

    public ExportRunsAction(AppState state, DialogService dialogs, UiExecutor executor) {
        super(state, dialogs, executor);
    }

    @Override
    String what(List<RunResult> runs) {
        return runs.size() + " run(s)";
    }

    @Override
    String proposedName(List<RunResult> runs) {
        return runs.size() == 1 ? runs.get(0).name() + ".json" : "runs.json";
    }

    @Override
    List<FileType> types() {
        return List.of(JSON, CSV);
    }

    @Override
    String content(List<RunResult> runs, String extension) {
        return extension.equals("csv") ? RunExport.runsCsv(runs) : RunExport.json(runs) + "\n";
    }
}
