package dev.verdant.data;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Unpacks the regular files of a dataset archive such as {@code cifar-10-binary.tar.gz}, reading the tar format
 * through commons-compress (ustar, GNU and PAX long names, large sizes). What is ours is the policy: entries are
 * written flat into one folder under their base name, so an entry like {@code ../x} cannot escape it, and each goes
 * to {@code NAME.part} first and is renamed when complete, so an interrupted unpack never leaves a short file under
 * the real name.
 */
final class TarReader {

    private TarReader() {
    }

    /**
     * Extracts the regular files whose base name {@code wanted} accepts; returns their base names in order.
     * {@code tar} is read to the end of the archive but not closed: the caller owns it.
     */
    static List<String> extract(InputStream tar, Path into, Predicate<String> wanted) throws IOException {
        Files.createDirectories(into);
        List<String> extracted = new ArrayList<>();
        // Not closed: closing it would close the caller's stream.
        TarArchiveInputStream archive = new TarArchiveInputStream(tar);
        for (TarArchiveEntry entry = archive.getNextEntry(); entry != null; entry = archive.getNextEntry()) {
            String base = baseName(entry.getName());
            if (entry.isFile() && base != null && wanted.test(base)) {
                if (!archive.canReadEntryData(entry)) {
                    throw new IOException(entry.getName() + " is stored in a form that cannot be read (sparse?)");
                }
                write(archive, entry.getSize(), into.resolve(base));
                extracted.add(base);
            }
        }
        return extracted;
    }

    private static void write(InputStream entry, long size, Path target) throws IOException {
        Path part = target.resolveSibling(target.getFileName() + ".part");
        try (OutputStream out = Files.newOutputStream(part)) {
            long copied = entry.transferTo(out);
            if (copied < size) {
                throw new IOException("archive ends inside " + target.getFileName() + ", " + (size - copied)
                        + " bytes short");
            }
        }
        FileDownload.moveIntoPlace(part, target);
    }

    private static String baseName(String name) {
        String trimmed = name.endsWith("/") ? name.substring(0, name.length() - 1) : name;
        String base = trimmed.substring(trimmed.lastIndexOf('/') + 1);
        return base.isEmpty() || base.equals(".") || base.equals("..") ? null : base;
    }
}
