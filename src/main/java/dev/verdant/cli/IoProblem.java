package dev.verdant.cli;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;

/**
 * Says in words why a file operation failed. Java's file exceptions often carry only the path as their message
 * ("verdant: /tmp/afile"), which repeats the question instead of answering it; the exception's type and the
 * operating system's reason hold the answer.
 */
final class IoProblem {

    private IoProblem() {
    }

    /** What went wrong with {@code e}, naming the path and the reason (never just the path). */
    static String describe(IOException e) {
        if (e instanceof FileSystemException fs) {
            String file = fs.getFile();
            String reason = fs.getReason();
            if (fs instanceof NoSuchFileException) {
                return file + " does not exist" + missingPart(file);
            }
            if (fs instanceof FileAlreadyExistsException) {
                return file + " already exists" + (file != null && Files.isRegularFile(Path.of(file))
                        ? " and is a file, not a folder" : "");
            }
            if (fs instanceof NotDirectoryException) {
                return file + " is not a folder";
            }
            if (fs instanceof AccessDeniedException) {
                return "permission denied for " + file + (reason == null ? "" : " (" + reason + ")");
            }
            if (fs instanceof DirectoryNotEmptyException) {
                return file + " is a folder that is not empty";
            }
            if (reason != null) {
                return (file == null ? "" : file + ": ") + reason; // e.g. "No space left on device", "Read-only file system"
            }
        }
        String message = e.getMessage();
        return message == null ? e.getClass().getSimpleName() : message;
    }

    /** For a missing path: the nearest folder above it that does exist, or a file where a folder was expected. */
    private static String missingPart(String file) {
        if (file == null) {
            return "";
        }
        Path p = Path.of(file).toAbsolutePath().getParent();
        while (p != null && !Files.exists(p)) {
            p = p.getParent();
        }
        if (p != null && !Files.isDirectory(p)) {
            return " (" + p + " is a file, not a folder)";
        }
        return "";
    }
}
