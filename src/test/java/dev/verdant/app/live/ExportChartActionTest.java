package dev.verdant.app.live;

import dev.verdant.app.RecordingDialogService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A chart's export button: chooser, write, and a dialog when writing fails. */
class ExportChartActionTest {

    private final RecordingDialogService dialogs = new RecordingDialogService();

    @Test
    void writesWhereTheUserChose(@TempDir Path dir) {
        Path target = dir.resolve("loss.csv");
        ExportChartAction export = new ExportChartAction(dialogs.answerFile(target), "the chart's data as CSV",
                "loss.csv", f -> Files.writeString(f, "series,x,y\n"));
        export.execute();
        assertTrue(Files.exists(target));
        assertEquals(target, export.lastWritten().orElseThrow());
        RecordingDialogService.Shown asked = dialogs.shown("save").get(0);
        assertEquals("Save the chart's data as CSV", asked.title());
        assertEquals("loss.csv", asked.message());
        assertTrue(dialogs.shown("error").isEmpty());
        // the user is told where it went (the window's notice has an "Open folder" button)
        assertEquals(List.of(new RecordingDialogService.Shown("written", "the chart's data as CSV", target.toString(),
                null)), dialogs.shown("written"));
    }

    @Test
    void cancellingWritesNothing() {
        boolean[] wrote = {false};
        ExportChartAction export = new ExportChartAction(dialogs, "the chart as PNG", "loss.png", f -> wrote[0] = true);
        export.execute();
        assertFalse(wrote[0]);
        assertTrue(export.lastWritten().isEmpty());
        assertTrue(dialogs.shown("written").isEmpty());
    }

    @Test
    void aFailedWriteIsShownWithTheFileAndTheReason(@TempDir Path dir) {
        Path target = dir.resolve("no-such-folder").resolve("chart.svg");
        ExportChartAction export = new ExportChartAction(dialogs.answerFile(target), "the chart as SVG",
                "chart.svg", f -> Files.writeString(f, "<svg/>"));
        export.execute();
        RecordingDialogService.Shown error = dialogs.shown("error").get(0);
        assertEquals("Could not export the chart", error.title());
        assertTrue(error.message().startsWith("Writing " + target + " failed"), error.message());
        assertTrue(error.details().contains("NoSuchFileException"), "the trace is in the details");
        assertTrue(export.lastWritten().isEmpty());
    }
}
