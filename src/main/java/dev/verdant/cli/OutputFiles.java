package dev.verdant.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Files a command writes ({@code run --out}, {@code runs export --out}): checked before the work starts, so a
 * path that can never be written does not cost a training run, and failures name the path and the reason.
 */
final class OutputFiles {

    private OutputFiles() {
    }

    /**
     * Fails now when {@code file} cannot be created: a folder on its path is a file, or it is itself a folder.
     * Does nothing for null (no file asked for). Missing folders are fine: {@link #write} creates them.
     */
    static void checkWritable(Path file, String option) {
        if (file == null) {
            return;
        }
        Path abs = file.toAbsolutePath();
        if (Files.isDirectory(abs)) {
            throw new CliException(option + " " + file + " is a folder; give a file name, e.g. "
                    + abs.resolve("result.json"));
        }
        for (Path p = abs.getParent(); p != null; p = p.getParent()) {
            if (Files.exists(p)) {
                if (!Files.isDirectory(p)) {
                    throw new CliException(option + " " + file + " cannot be created: " + p
                            + " is a file, not a folder; choose a path whose folders are folders");
                }
                return;
            }
        }
    }

    /** Writes {@code text} to {@code file}, creating its folders; a failure says why. */
    static void write(Path file, String text, String option) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new CliException(option + ": cannot write " + file + ": " + IoProblem.describe(e)
                    + "; choose another path", e);
        } catch (UncheckedIOException e) {
            throw new CliException(option + ": cannot write " + file + ": " + IoProblem.describe(e.getCause()), e);
        }
    }
}
