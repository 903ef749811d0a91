package dev.verdant.data;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CifarFolderTest {

    @TempDir
    Path dir;

    @Test
    void loadsThreeRecordFilesFromTheArchiveFolder() throws IOException {
        Path batches = Files.createDirectories(dir.resolve("cifar-10-batches-bin"));
        writeAll(batches);
        LoadedData d = CifarFolder.load(dir);
        assertEquals(15, d.train().size());
        assertEquals(3, d.validation().size());
        assertArrayEquals(new long[] {3, 32, 32}, d.sampleShape());
        assertEquals("airplane", d.classNames().get(0));
        assertEquals("truck", d.classNames().get(9));
        assertArrayEquals(new int[] {7, 8, 9}, d.validation().labels());
        // record r of a file has pixel p = (r + p) mod 256: check channel-major order and [0, 1] scaling
        assertEquals(1 / 255f, d.validation().features()[1]);
        assertEquals(((1 + 3071) % 256) / 255f, d.validation().features()[3072 + 3071]);
        // pixels are kept as bytes: one byte per value (CIFAR-10's 50,000 training images in 153 MB, not 614 MB)
        assertTrue(d.train().isBytes());
        assertEquals(15L * 3072, d.train().featureBytes());
    }

    @Test
    void loadsFromTheBatchFolderItself() throws IOException {
        writeAll(dir);
        assertEquals(15, CifarFolder.load(dir).train().size());
    }

    @Test
    void wrongRecordSizeNamesFileSizeAndOffset() throws IOException {
        writeAll(dir);
        Path bad = dir.resolve("data_batch_3.bin");
        Files.write(bad, java.util.Arrays.copyOf(Files.readAllBytes(bad), 3 * 3073 - 10));
        DatasetException e = assertThrows(DatasetException.class, () -> CifarFolder.load(dir));
        assertTrue(e.getMessage().contains("data_batch_3.bin"), e.getMessage());
        assertTrue(e.getMessage().contains("size 9209 bytes"), e.getMessage());
        assertTrue(e.getMessage().contains("3073-byte"), e.getMessage());
        assertTrue(e.getMessage().contains("byte offset 6146"), e.getMessage());
    }

    @Test
    void labelAboveNineNamesFileAndOffset() throws IOException {
        writeAll(dir);
        Path bad = dir.resolve("test_batch.bin");
        byte[] bytes = Files.readAllBytes(bad);
        bytes[3073] = 12;
        Files.write(bad, bytes);
        DatasetException e = assertThrows(DatasetException.class, () -> CifarFolder.load(dir));
        assertTrue(e.getMessage().contains("test_batch.bin: label 12 at byte offset 3073"), e.getMessage());
    }

    @Test
    void missingFileIsNamed() throws IOException {
        writeAll(dir);
        Files.delete(dir.resolve("data_batch_5.bin"));
        DatasetException e = assertThrows(DatasetException.class, () -> CifarFolder.load(dir));
        assertTrue(e.getMessage().contains("missing data_batch_5.bin"), e.getMessage());
    }

    /** Five training files and a test file of three records each; labels count up from the file's index. */
    static void writeAll(Path folder) throws IOException {
        for (int i = 1; i <= 5; i++) {
            Files.write(folder.resolve("data_batch_" + i + ".bin"), records(3, i - 1));
        }
        Files.write(folder.resolve("test_batch.bin"), records(3, 7));
    }

    static byte[] records(int n, int firstLabel) {
        byte[] b = new byte[n * 3073];
        for (int r = 0; r < n; r++) {
            b[r * 3073] = (byte) ((firstLabel + r) % 10);
            for (int p = 0; p < 3072; p++) {
                b[r * 3073 + 1 + p] = (byte) (r + p);
            }
        }
        return b;
    }
}
