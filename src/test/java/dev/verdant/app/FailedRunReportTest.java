package dev.verdant.app;

import dev.verdant.result.RunResult;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A failed run's dialog: the message up front, status, times and the spec only in the details. */
class FailedRunReportTest {

    @Test
    void theMessageIsUpFrontAndTheSpecInTheDetails() {
        RunResult failed = AppSamples.failed(5, "broken", "dataset file missing.csv not found");
        RecordingDialogService dialogs = new RecordingDialogService();
        FailedRunReport.show(dialogs, "run 5 broken", failed);

        RecordingDialogService.Shown shown = dialogs.shown().get(0);
        assertEquals("error", shown.kind());
        assertEquals("Run 5 broken failed", shown.title());
        assertEquals("dataset file missing.csv not found", shown.message());
        assertTrue(shown.details().contains("status: failed"), shown.details());
        assertTrue(shown.details().contains("name: broken"), shown.details());
        assertTrue(shown.details().contains("started: " + failed.startedAt()), shown.details());
        assertFalse(shown.message().contains("Exception"));
        assertEquals("Run 5 broken failed: dataset file missing.csv not found",
                dialogs.lastErrorProperty().get(), "the status bar gets the error too");
    }

    @Test
    void aRunWithoutAnIdIsNamedByItsSpec() {
        RecordingDialogService dialogs = new RecordingDialogService();
        FailedRunReport.show(dialogs, "broken", AppSamples.failed(5, "broken", "no data"));
        assertEquals("Run broken failed", dialogs.shown().get(0).title());
    }
}
