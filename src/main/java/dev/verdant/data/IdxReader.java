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
            return readImages(in, file.toString());
        } catch (IOException e) {
            throw new DatasetException(file + ": cannot be read (" + e.getMessage() + ")", e);
        }
    }

    /** Reads a labels file ({@code *-labels-idx1-ubyte[.gz]}). */
    public static byte[] readLabels(Path file) {
        try (InputStream in = open(file)) {
            return readLabels(in, file.toString());
        } catch (IOException e) {
            throw new DatasetException(file + ": cannot be read (" + e.getMessage() + ")", e);
        }
    }

    static Images readImages(InputStream raw, String name) throws IOException {
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
        byte[] pixels = new byte[count * rows * cols];
        readFully(in, pixels, name, 16, count + " images of " + rows + "x" + cols + " pixels");
        return new Images(pixels, count, rows, cols);
    }

    static byte[] readLabels(InputStream raw, String name) throws IOException {
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
        byte[] labels = new byte[count];
        readFully(in, labels, name, 8, count + " labels");
        return labels;
    }

    private static int header(DataInputStream in, String name, int offset, String what) throws IOException {
        try {
            return in.readInt();
        } catch (EOFException e) {
            throw new DatasetException(name + ": truncated at byte " + offset + ", expected " + what
                    + " (is the file complete?)");
        }
    }

    private static void readFully(InputStream in, byte[] into, String name, int headerBytes, String what)
            throws IOException {
        int read = 0;
        while (read < into.length) {
            int n = in.read(into, read, into.length - read);
            if (n < 0) {
                throw new DatasetException(name + ": truncated at byte " + (headerBytes + read) + ", expected "
                        + what + " (" + (headerBytes + into.length) + " bytes); re-download the file");
            }
            read += n;
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

    /** Converts images and labels to a split with pixels scaled to [0, 1], checking that the counts agree. */
    static Split toSplit(Images images, byte[] labels, String imagesName, String labelsName) {
        if (images.count() != labels.length) {
            throw new DatasetException(imagesName + " holds " + images.count() + " images but " + labelsName
                    + " holds " + labels.length + " labels: the files do not belong together");
        }
        float[] f = new float[images.pixels().length];
        for (int i = 0; i < f.length; i++) {
            f[i] = (images.pixels()[i] & 0xff) / 255f;
        }
        int[] l = new int[labels.length];
        for (int i = 0; i < l.length; i++) {
            l[i] = labels[i] & 0xff;
        }
        return new Split(f, l, images.rows() * images.cols());
    }
}
