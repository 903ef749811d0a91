package dev.verdant.data;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IdxFolderTest {

    @TempDir
    Path dir;

    @Test
    void loadsTinyGzippedMnistFolder() throws IOException {
        writeSplit("train", 3);
        writeSplit("t10k", 2);
        LoadedData d = IdxFolder.load("mnist", dir);
        assertEquals(3, d.train().size());
        assertEquals(2, d.validation().size());
        assertArrayEquals(new long[] {1, 2, 2}, d.sampleShape());
        assertEquals(10, d.numClasses());
        assertArrayEquals(new int[] {0, 1, 2}, d.train().labels());
        assertEquals(1f, d.train().features()[1]);
        assertEquals(128 / 255f, d.train().features()[3]);
    }

    @Test
    void truncatedImagesNameFileAndOffset() throws IOException {
        writeSplit("t10k", 2);
        gz("train-labels-idx1-ubyte.gz", labels(3));
        byte[] images = images(3);
        gz("train-images-idx3-ubyte.gz", java.util.Arrays.copyOf(images, images.length - 5));
        DatasetException e = assertThrows(DatasetException.class, () -> IdxFolder.load("mnist", dir));
        assertTrue(e.getMessage().contains("train-images-idx3-ubyte.gz"), e.getMessage());
        assertTrue(e.getMessage().contains("truncated at byte 23"), e.getMessage());
    }

    @Test
    void truncatedLabelsNameFile() throws IOException {
        writeSplit("t10k", 2);
        gz("train-images-idx3-ubyte.gz", images(3));
        byte[] labels = labels(3);
        gz("train-labels-idx1-ubyte.gz", java.util.Arrays.copyOf(labels, labels.length - 1));
        DatasetException e = assertThrows(DatasetException.class, () -> IdxFolder.load("mnist", dir));
        assertTrue(e.getMessage().contains("train-labels-idx1-ubyte.gz: truncated at byte 10"), e.getMessage());
    }

    @Test
    void wrongMagicNumberIsReported() throws IOException {
        writeSplit("t10k", 2);
        gz("train-images-idx3-ubyte.gz", labels(3)); // a labels file under an images name
        gz("train-labels-idx1-ubyte.gz", labels(3));
        DatasetException e = assertThrows(DatasetException.class, () -> IdxFolder.load("mnist", dir));
        assertTrue(e.getMessage().contains("wrong magic number 0x00000801"), e.getMessage());
        assertTrue(e.getMessage().contains("looks like a labels file"), e.getMessage());
    }

    @Test
    void imageAndLabelCountMismatchIsReported() throws IOException {
        writeSplit("t10k", 2);
        gz("train-images-idx3-ubyte.gz", images(3));
        gz("train-labels-idx1-ubyte.gz", labels(4));
        DatasetException e = assertThrows(DatasetException.class, () -> IdxFolder.load("mnist", dir));
        assertTrue(e.getMessage().contains("holds 3 images but"), e.getMessage());
        assertTrue(e.getMessage().contains("holds 4 labels"), e.getMessage());
    }

    @Test
    void missingFolderSuggestsDownload() {
        DatasetException e = assertThrows(DatasetException.class,
                () -> IdxFolder.load("fashion-mnist", dir.resolve("nope")));
        assertTrue(e.getMessage().contains("verdant datasets download fashion-mnist"), e.getMessage());
    }

    private void writeSplit(String prefix, int n) throws IOException {
        gz(prefix + "-images-idx3-ubyte.gz", images(n));
        gz(prefix + "-labels-idx1-ubyte.gz", labels(n));
    }

    /** n images of 2x2; image i has pixel values i, 255, 0, 128. */
    static byte[] images(int n) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(b);
        out.writeInt(IdxReader.IMAGES_MAGIC);
        out.writeInt(n);
        out.writeInt(2);
        out.writeInt(2);
        for (int i = 0; i < n; i++) {
            out.write(new byte[] {(byte) i, (byte) 255, 0, (byte) 128});
        }
        return b.toByteArray();
    }

    static byte[] labels(int n) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(b);
        out.writeInt(IdxReader.LABELS_MAGIC);
        out.writeInt(n);
        for (int i = 0; i < n; i++) {
            out.write(i % 10);
        }
        return b.toByteArray();
    }

    private void gz(String name, byte[] content) throws IOException {
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(dir.resolve(name)))) {
            out.write(content);
        }
    }
}
