package dev.verdant.store;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Why a store could not be opened or written, in words: SQLite reports a read-only folder as
 * "[SQLITE_CANTOPEN] Unable to open the database file" and says nothing about which folder or why. This looks at
 * the file system itself (the nearest existing folder, a probe file, free space) and names the cause and the remedy.
 */
final class StoreDiagnosis {

    /** Below this many free bytes a store cannot be trusted to commit an epoch. */
    static final long LOW_SPACE_BYTES = 1L << 20;

    private StoreDiagnosis() {
    }

    /**
     * The reason {@code file}'s folder cannot take writes (read-only, no permission, a file in the way, disk full),
     * or null when a probe file can be written there and space is left.
     */
    static String whyNotWritable(Path file) {
        Path folder = file.toAbsolutePath().getParent();
        if (folder == null) {
            return null;
        }
        Path existing = folder;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            return null;
        }
        if (!Files.isDirectory(existing)) {
            return existing + " is a file, not a folder; choose another --db path";
        }
        try {
            long free = Files.getFileStore(existing).getUsableSpace();
            if (free < LOW_SPACE_BYTES) {
                return "the disk holding " + existing + " is full (" + free + " bytes free); free some space or "
                        + "choose another --db path";
            }
        } catch (IOException e) {
            // cannot tell the free space; the probe below still finds a write failure
        }
        try {
            Path probe = Files.createTempFile(existing, ".verdant-probe", null);
            Files.delete(probe);
        } catch (IOException e) {
            String reason = e instanceof FileSystemException fs && fs.getReason() != null ? fs.getReason()
                    : e.getClass().getSimpleName();
            return "the folder " + existing + " cannot be written (" + reason + "); make it writable or choose "
                    + "another --db path ('runs list', 'show' and 'export' still work, read-only)";
        }
        if (Files.exists(file) && !Files.isWritable(file)) {
            return "the store file " + file + " is read-only; make it writable or choose another --db path";
        }
        return null;
    }

    /** A message for a failed open: the file-system cause when there is one, else SQLite's own words. */
    static String cannotOpen(Path file, Exception e) {
        String why = whyNotWritable(file);
        return "cannot open the store " + file + ": " + (why != null ? why : e.getMessage());
    }
}
