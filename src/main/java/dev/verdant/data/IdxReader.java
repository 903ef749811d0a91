package dev.verdant.data;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * Reads the IDX format of MNIST and Fashion-MNIST, gzipped or raw (big-endian; images magic 0x00000803,
 * labels magic 0x00000801). Every structural problem is a {@link DatasetException} naming the file and byte offset.
 */
public final class IdxReader {

    static final int IMAGES_MAGIC = 0x00000803;
    static final int LABELS_MAGIC = 0x00000801;

    private IdxReader() {
    }

    /** Images as one byte per pixel, and their dimensions. */
    public record Images(byte[] pixels, int count, int rows, int cols) {
    }

    /** Reads an images file ({@code *-images-idx3-ubyte[.gz]}). */
    public static Images readImages(Path file) {
        try (InputStream in = open(file)) {
            return readImages(in, file.toString(), plainSize(file));
        } catch (IOException e) {
            throw new DatasetException(file + ": cannot be read (" + e.getMessage() + ")", e);
        }
    }

    /** Reads a labels file ({@code *-labels-idx1-ubyte[.gz]}). */
    public static byte[] readLabels(Path file) {
        try (InputStream in = open(file)) {
            return readLabels(in, file.toString(), plainSize(file));
        } catch (IOException e) {
            throw new DatasetException(file + ": cannot be read (" + e.getMessage() + ")", e);
        }
    }

    static Images readImages(InputStream raw, String name) throws IOException {
        return readImages(raw, name, -1);
    }

    /** @param size the file's length when it is not compressed (checked against the header first), else -1 */
    static Images readImages(InputStream raw, String name, long size) throws IOException {
        DataInputStream in = new DataInputStream(raw);
        int magic = header(in, name, 0, "the magic number");
        if (magic != IMAGES_MAGIC) {
            throw new DatasetException(name + ": wrong magic number 0x" + String.format("%08x", magic)
                    + " at byte 0, expected 0x00000803 (IDX images)"
                    + (magic == LABELS_MAGIC ? "; this looks like a labels file" : ""));
        }
        int count = header(in, name, 4, "the image count");
        int rows = header(in, name, 8, "the row count");
        int cols = header(in, name, 12, "the column count");
        if (count < 0 || rows <= 0 || cols <= 0 || (long) count * rows * cols > Integer.MAX_VALUE) {
            throw new DatasetException(name + ": implausible header at byte 4: " + count + " images of "
                    + rows + "x" + cols);
        }
        String what = count + " images of " + rows + "x" + cols + " pixels";
        byte[] pixels = readExactly(in, (long) count * rows * cols, name, 16, what, size);
        return new Images(pixels, count, rows, cols);
    }

    static byte[] readLabels(InputStream raw, String name) throws IOException {
        return readLabels(raw, name, -1);
    }

    /** @param size the file's length when it is not compressed (checked against the header first), else -1 */
    static byte[] readLabels(InputStream raw, String name, long size) throws IOException {
        DataInputStream in = new DataInputStream(raw);
        int magic = header(in, name, 0, "the magic number");
        if (magic != LABELS_MAGIC) {
            throw new DatasetException(name + ": wrong magic number 0x" + String.format("%08x", magic)
                    + " at byte 0, expected 0x00000801 (IDX labels)"
                    + (magic == IMAGES_MAGIC ? "; this looks like an images file" : ""));
        }
        int count = header(in, name, 4, "the label count");
        if (count < 0) {
            throw new DatasetException(name + ": negative label count " + count + " at byte 4");
        }
        return readExactly(in, count, name, 8, count + " labels", size);
    }

    private static int header(DataInputStream in, String name, int offset, String what) throws IOException {
        try {
            return in.readInt();
        } catch (EOFException e) {
            throw new DatasetException(name + ": truncated at byte " + offset + ", expected " + what
                    + " (is the file complete?)");
        }
    }

    /**
     * The {@code length} bytes after the header. The header's count is only a claim: a raw file's length is
     * checked against it before anything is allocated, and a compressed file is read in growing chunks, so a
     * header claiming billions of items costs no more memory than the bytes that are really there.
     */
    private static byte[] readExactly(InputStream in, long length, String name, int headerBytes, String what,
                                      long size) throws IOException {
        if (size >= 0 && headerBytes + length != size) {
            throw new DatasetException(name + ": the header at byte 4 announces " + what + " ("
                    + (headerBytes + length) + " bytes in all) but the file has " + size + " bytes; "
                    + (size < headerBytes + length ? "it is truncated or its header is wrong: re-download it"
                    : "extra bytes follow the data: is it the right file?"));
        }
        byte[] buf = new byte[(int) Math.min(length, 1 << 20)];
        int read = 0;
        while (read < length) {
            if (read == buf.length) {
                buf = java.util.Arrays.copyOf(buf, (int) Math.min(length, 2L * buf.length));
            }
            int n = in.read(buf, read, buf.length - read);
            if (n < 0) {
                throw new DatasetException(name + ": truncated at byte " + (headerBytes + read) + ", expected "
                        + what + " (" + (headerBytes + length) + " bytes); re-download the file");
            }
            read += n;
        }
        return buf;
    }

    /** The file's length when it is stored raw; -1 when it is gzipped (its data length is then unknown). */
    private static long plainSize(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            int b1 = in.read();
            int b2 = in.read();
            return b1 == 0x1f && b2 == 0x8b ? -1 : Files.size(file);
        }
    }

    /** Opens a file, transparently gunzipping when it starts with the gzip magic bytes. */
    static InputStream open(Path file) throws IOException {
        InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        in.mark(2);
        int b1 = in.read();
        int b2 = in.read();
        in.reset();
        return (b1 == 0x1f && b2 == 0x8b) ? new BufferedInputStream(new GZIPInputStream(in, 1 << 16), 1 << 16) : in;
    }

    /**
     * Makes images and labels a split, checking that the counts agree. The pixels stay bytes (a quarter of the memory
     * of floats); training reads them scaled to [0, 1] ({@link Split#byteValue}).
     */
    static Split toSplit(Images images, byte[] labels, String imagesName, String labelsName) {
        if (images.count() != labels.length) {
            throw new DatasetException(imagesName + " holds " + images.count() + " images but " + labelsName
                    + " holds " + labels.length + " labels: the files do not belong together");
        }
        int[] l = new int[labels.length];
        for (int i = 0; i < l.length; i++) {
            l[i] = labels[i] & 0xff;
        }
        return Split.ofBytes(images.pixels(), l, images.rows() * images.cols());
    }
}
