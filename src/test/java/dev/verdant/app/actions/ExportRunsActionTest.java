package dev.verdant.app.actions;

import dev.verdant.app.AppSamples;
import dev.verdant.app.AppState;
import dev.verdant.app.RecordingDialogService;
import dev.verdant.app.UiExecutor;
import dev.verdant.result.RunResult;
import dev.verdant.store.RunExport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** File -> Export selected runs (result JSON that reads back, or CSV by file name) and File -> Export report. */
class ExportRunsActionTest {

    private final AppState state = new AppState();
    private final RecordingDialogService dialogs = new RecordingDialogService();
    private final ExportRunsAction export = new ExportRunsAction(state, dialogs, UiExecutor.synchronous());
    private final RunResult a = AppSamples.run(1, "mlp-a", 0.01, 0.91, 100.0);
    private final RunResult b = AppSamples.run(2, "mlp-b", 0.001, 0.94, 160.0);

    @TempDir
    Path dir;

    @Test
    void canRunOnlyWhileRunsAreSelected() {
        assertFalse(export.executable().get());
        state.select(List.of(a));
        assertTrue(export.executable().get());
        state.select(List.of());
        assertFalse(export.executable().get());
    }

    @Test
    void selectedRunsExportAsResultJsonThatReadsBack() throws Exception {
        state.select(List.of(a, b));
        Path file = dir.resolve("two.json");
        dialogs.answerFile(file);
        export.execute();
        assertEquals("runs.json", dialogs.shown("save").get(0).message());
        List<RunResult> back = RunExport.parseJson(Files.readString(file));
        assertEquals(List.of(a, b), back);
        assertEquals("Exported 2 run(s) to " + file, state.statusProperty().get());
    }

    @Test
    void aCsvFileNameGivesOneRowPerRun() throws Exception {
        state.select(List.of(a));
        Path file = dir.resolve("one.CSV");
        dialogs.answerFile(file);
        export.execute();
        assertEquals("mlp-a.json", dialogs.shown("save").get(0).message());
        List<String> lines = Files.readAllLines(file);
        assertEquals(String.join(",", RunExport.RUN_COLUMNS), lines.get(0));
        assertEquals(2, lines.size());
        assertTrue(lines.get(1).contains("mlp-a"), lines.get(1));
    }

    @Test
    void aWriteThatFailsIsShown() {
        state.select(List.of(a));
        dialogs.answerFile(dir.resolve("missing-folder").resolve("x.json"));
        export.execute();
        assertEquals("Could not export 1 run(s)", dialogs.shown("error").get(0).title());
        assertEquals("Ready", state.statusProperty().get());
    }

    @Test
    void theReportIsHtmlOrMarkdownByFileName() throws Exception {
        ExportReportAction report = new ExportReportAction(state, dialogs, UiExecutor.synchronous());
        assertFalse(report.executable().get());
        state.select(List.of(a, b));
        Path md = dir.resolve("report.md");
        dialogs.answerFile(md);
        report.execute();
        assertEquals("report.html", dialogs.shown("save").get(0).message());
        String text = Files.readString(md);
        assertTrue(text.contains("mlp-a") && text.contains("mlp-b") && !text.contains("<html"), text);
        assertEquals("Exported a report of 2 run(s) to " + md, state.statusProperty().get());

        Path html = dir.resolve("report.html");
        dialogs.answerFile(html);
        report.execute();
        assertTrue(Files.readString(html).toLowerCase(java.util.Locale.ROOT).contains("<html"));
    }
}
