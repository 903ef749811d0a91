package dev.verdant.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Just enough of the tar format (POSIX ustar, with GNU long names) to unpack the regular files of a dataset
 * archive such as {@code cifar-10-binary.tar.gz}. Entries are written flat into one folder under their base
 * name, so an entry like {@code ../x} cannot escape it; each goes to {@code NAME.part} first and is renamed
 * when complete.
 */
final class TarReader {

    private static final int BLOCK = 512;

    private TarReader() {
    }

    /** Extracts the regular files whose base name {@code wanted} accepts; returns their base names in order. */
    static List<String> extract(InputStream tar, Path into, Predicate<String> wanted) throws IOException {
        Files.createDirectories(into);
        List<String> extracted = new ArrayList<>();
        byte[] header = new byte[BLOCK];
        String longName = null;
        while (true) {
            if (tar.readNBytes(header, 0, BLOCK) < BLOCK || isZero(header)) {
                return extracted; // two zero blocks end an archive; a missing end is tolerated like GNU tar does
            }
            String name = longName != null ? longName : entryName(header);
            longName = null;
            long size = octal(header, 124, 12);
            char type = (char) header[156];
            if (type == 'L') {
                longName = cString(tar.readNBytes((int) size), 0, (int) size);
                skip(tar, pad(size));
                continue;
            }
            String base = baseName(name);
            if ((type == '0' || type == '\0') && base != null && wanted.test(base)) {
                write(tar, size, into.resolve(base));
                extracted.add(base);
            } else {
                skip(tar, size);
            }
            skip(tar, pad(size));
        }
    }

    private static void write(InputStream tar, long size, Path target) throws IOException {
        Path part = target.resolveSibling(target.getFileName() + ".part");
        try (OutputStream out = Files.newOutputStream(part)) {
            byte[] buf = new byte[1 << 16];
            long left = size;
            while (left > 0) {
                int n = tar.read(buf, 0, (int) Math.min(buf.length, left));
                if (n < 0) {
                    throw new IOException("archive ends inside " + target.getFileName() + ", " + left
                            + " bytes short");
                }
                out.write(buf, 0, n);
                left -= n;
            }
        }
        FileDownload.moveIntoPlace(part, target);
    }

    private static String entryName(byte[] h) {
        String name = cString(h, 0, 100);
        boolean ustar = new String(h, 257, 5, StandardCharsets.US_ASCII).equals("ustar");
        String prefix = ustar ? cString(h, 345, 155) : "";
        return prefix.isEmpty() ? name : prefix + "/" + name;
    }

    private static String baseName(String name) {
        String trimmed = name.endsWith("/") ? name.substring(0, name.length() - 1) : name;
        String base = trimmed.substring(trimmed.lastIndexOf('/') + 1);
        return base.isEmpty() || base.equals(".") || base.equals("..") ? null : base;
    }

    private static long octal(byte[] h, int offset, int length) throws IOException {
        if ((h[offset] & 0x80) != 0) {
            throw new IOException("tar entry over 8 GiB (base-256 size) is not supported");
        }
        String s = cString(h, offset, length).trim();
        try {
            return s.isEmpty() ? 0 : Long.parseLong(s, 8);
        } catch (NumberFormatException e) {
            throw new IOException("not a tar archive: bad size field '" + s + "'", e);
        }
    }

    private static String cString(byte[] b, int offset, int length) {
        int end = offset;
        while (end < offset + length && end < b.length && b[end] != 0) {
            end++;
        }
        return new String(b, offset, end - offset, StandardCharsets.UTF_8);
    }

    private static boolean isZero(byte[] b) {
        for (byte x : b) {
            if (x != 0) {
                return false;
            }
        }
        return true;
    }

    private static long pad(long size) {
        return (BLOCK - size % BLOCK) % BLOCK;
    }

    private static void skip(InputStream in, long n) throws IOException {
        in.skipNBytes(n);
    }
}
