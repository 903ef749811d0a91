package dev.verdant.app;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The spec file the window was started with: a double-clicked {@code *.verdant} file, which the desktop passes to
 * the installed {@code Verdant} launcher as a path or a {@code file:} URI. The window loads it into the builder.
 */
final class StartupFile {

    private StartupFile() {
    }

    /** The first argument that names an existing regular file, if any; options and other words are ignored. */
    static Optional<Path> of(List<String> args) {
        for (String arg : args) {
            Path path = asPath(arg);
            if (path != null && Files.isRegularFile(path)) {
                return Optional.of(path.toAbsolutePath());
            }
        }
        return Optional.empty();
    }

    /** Loads the startup file, if any, into the window's builder (off the FX thread, as File -> Open spec does). */
    static void open(MainWindow window, List<String> args) {
        of(args).ifPresent(f -> window.builder().open(f, () -> window.state().status("Opened " + f),
                e -> window.dialogs().showError("Could not open " + f.getFileName(), e)));
    }

    private static Path asPath(String arg) {
        if (arg.isBlank() || arg.startsWith("-")) {
            return null;
        }
        try {
            return arg.startsWith("file:") ? Path.of(URI.create(arg)) : Path.of(arg);
        } catch (IllegalArgumentException e) { // also InvalidPathException
            return null; // not a path: the window opens without a file, as it would with no argument at all
        }
    }
}
