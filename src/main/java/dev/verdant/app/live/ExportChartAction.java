package dev.verdant.app.live;

import dev.verdant.app.DialogService;
import dev.verdant.app.actions.AppAction;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A chart's PNG, SVG or CSV button: asks where to write (proposing a file name), writes, says where it wrote (with
 * "Open folder"), and reports a failure in a dialog. The path written last is kept, for the status line and tests.
 */
public final class ExportChartAction implements AppAction {

    /** Writing one export to a file. */
    @FunctionalInterface
    public interface Writer {
        void to(Path file) throws IOException;
    }

    private final DialogService dialogs;
    private final String what;
    private final String initialName;
    private final Writer writer;
    private Path written;

    /**
     * @param what        what is written, for the chooser's title (e.g. {@code the chart as SVG})
     * @param initialName the file name proposed
     */
    public ExportChartAction(DialogService dialogs, String what, String initialName, Writer writer) {
        this.dialogs = dialogs;
        this.what = what;
        this.initialName = initialName;
        this.writer = writer;
    }

    @Override
    public void execute() {
        dialogs.chooseFileToSave("Save " + what, initialName, List.of()).ifPresent(file -> {
            try {
                writer.to(file);
                written = file;
                dialogs.showWritten(what, file);
            } catch (IOException | RuntimeException ex) {
                dialogs.showError("Could not export the chart", "Writing " + file + " failed: " + ex.getMessage(),
                        ex);
            }
        });
    }

    /** The file the last successful export wrote. */
    public Optional<Path> lastWritten() {
        return Optional.ofNullable(written);
    }
}
