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

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * File -> Export report: the runs selected in the history as a report to hand in (self-contained HTML, or Markdown
 * for a {@code .md} name), the same report {@code verdant report} writes, built and written off the FX thread.
 */
public final class ExportReportAction extends ExportSelectedAction {

    /** Self-contained HTML. */
    public static final FileType HTML = new FileType("HTML report", List.of("*.html"));
    /** Markdown. */
    public static final FileType MARKDOWN = new FileType("Markdown report", List.of("*.md"));

    public ExportReportAction(AppState state, DialogService dialogs, UiExecutor executor) {
        super(state, dialogs, executor);
    }

    @Override
    String what(List<RunResult> runs) {
        return "a report of " + runs.size() + " run(s)";
    }

    @Override
    String proposedName(List<RunResult> runs) {
        return "report.html";
    }

    @Override
    List<FileType> types() {
        return List.of(HTML, MARKDOWN);
    }

    @Override
    String content(List<RunResult> runs, String extension) {
        Report r = report(runs);
        return extension.equals("md") ? r.markdown() : r.html();
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
}
