package dev.verdant.app.actions;

import dev.verdant.app.AppState;
import dev.verdant.app.DialogService;
import dev.verdant.app.DialogService.FileType;
import dev.verdant.app.UiExecutor;
import dev.verdant.energy.CarbonModel;
import dev.verdant.lesson.EnergyFacts;
import dev.verdant.lesson.Report;
import dev.verdant.lesson.ReportItem;
import dev.verdant.result.RunResult;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanExpression;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;

/**
 * File -> Export report: the runs selected in the history as a report to hand in (self-contained HTML, or Markdown
 * for a {@code .md} name), the same report {@code verdant report} writes, built and written off the FX thread.
 */
public final class ExportReportAction implements AppAction {

    /** Self-contained HTML. */
    public static final FileType HTML = new FileType("HTML report", List.of("*.html"));
    /** Markdown. */
    public static final FileType MARKDOWN = new FileType("Markdown report", List.of("*.md"));

    private final AppState state;
    private final DialogService dialogs;
    private final UiExecutor executor;

    public ExportReportAction(AppState state, DialogService dialogs, UiExecutor executor) {
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
        dialogs.chooseFileToSave("Export a report of " + runs.size() + " run(s)", "report.html",
                List.of(HTML, MARKDOWN)).ifPresent(file -> write(runs, file));
    }

    @Override
    public BooleanExpression executable() {
        return Bindings.isNotEmpty(state.selectedRuns());
    }

    /** The report of {@code runs}, each its own entry. */
    public static Report report(List<RunResult> runs) {
        List<ReportItem> items = runs.stream().map(r -> new ReportItem(r.id() == null ? "run" : "run " + r.id(),
                r.name(), List.of(r), null)).toList();
        CarbonModel carbon = CarbonModel.of(runs.get(0).spec().energy());
        String v = ExportReportAction.class.getPackage().getImplementationVersion();
        return new Report(items, new EnergyFacts(carbon.region(), carbon.gramsPerKwh(), carbon.source(),
                v == null ? "dev" : v), Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
    }

    private void write(List<RunResult> runs, Path file) {
        boolean md = file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".md");
        executor.runInBackground(() -> {
            Report r = report(runs);
            return Files.writeString(file, md ? r.markdown() : r.html());
        }, written -> state.status("Exported a report of " + runs.size() + " run(s) to " + file),
                e -> dialogs.showError("Could not export the report", "Writing " + file + " failed: "
                        + e.getMessage(), e));
    }
}
