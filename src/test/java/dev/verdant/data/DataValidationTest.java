package dev.verdant.data;

import dev.verdant.spec.DatasetSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 19, point 4: each bad dataset of the report is refused before training with its file, the item and the
 * rule, instead of an internal error, a division by zero, a wrongly "diverged" run or silently wrong shapes.
 */
@Timeout(60)
class DataValidationTest {

    @TempDir
    Path dir;

    @Test
    void idxLabelOutsideTheClassesNamesFileItemAndOffset() throws IOException {
        raw("train-images-idx3-ubyte", images(4, 2, 2));
        raw("train-labels-idx1-ubyte", labels(0, 1, 12, 3));
        writeTest(2);
        DatasetException e = assertThrows(DatasetException.class, () -> load("mnist"));
        assertTrue(e.getMessage().contains("train-labels-idx1-ubyte: label 12 of item 2 (byte offset 10) is not a "
                + "class 0-9"), e.getMessage());
    }

    @Test
    void trainAndTestImagesOfDifferentSizesAreRefused() throws IOException {
        raw("train-images-idx3-ubyte", images(4, 2, 2));
        raw("train-labels-idx1-ubyte", labels(0, 1, 2, 3));
        raw("t10k-images-idx3-ubyte", images(2, 3, 3));
        raw("t10k-labels-idx1-ubyte", labels(0, 1));
        DatasetException e = assertThrows(DatasetException.class, () -> load("mnist"));
        assertTrue(e.getMessage().contains("holds 2x2 images but"), e.getMessage());
        assertTrue(e.getMessage().contains("t10k-images-idx3-ubyte holds 3x3"), e.getMessage());
        assertTrue(e.getMessage().contains("must have the same size"), e.getMessage());
    }

    @Test
    void headerClaimingBillionsOfItemsIsCheckedAgainstTheFileBeforeAllocating() throws IOException {
        raw("train-images-idx3-ubyte", header(IdxReader.IMAGES_MAGIC, 2_000_000_000, 1, 1));
        raw("train-labels-idx1-ubyte", labels(0, 1));
        writeTest(2);
        long before = usedHeap();
        DatasetException e = assertThrows(DatasetException.class, () -> load("mnist"));
        assertTrue(e.getMessage().contains("announces 2000000000 images of 1x1 pixels"), e.getMessage());
        assertTrue(e.getMessage().contains("but the file has 16 bytes"), e.getMessage());
        assertTrue(usedHeap() - before < 500_000_000L, "no 2 GB array was allocated");
    }

    @Test
    void gzippedHeaderClaimingBillionsOfLabelsFailsAsTruncatedWithoutOutOfMemory() throws IOException {
        writeTrainGz(labelsHeaderOnly(2_000_000_000));
        writeTest(2);
        DatasetException e = assertThrows(DatasetException.class, () -> load("mnist"));
        assertTrue(e.getMessage().contains("train-labels-idx1-ubyte.gz: truncated at byte 8, expected 2000000000 "
                + "labels"), e.getMessage());
    }

    @Test
    void emptyTrainingFileIsRefusedNotDividedByZero() throws IOException {
        raw("train-images-idx3-ubyte", images(0, 2, 2));
        raw("train-labels-idx1-ubyte", labels());
        writeTest(2);
        DatasetException e = assertThrows(DatasetException.class, () -> load("mnist"));
        assertTrue(e.getMessage().contains("the training split has 0 sample(s)"), e.getMessage());
        assertTrue(e.getMessage().contains(dir.toString()), "names the data: " + e.getMessage());
    }

    @Test
    void emptyCifarTrainingFilesAreRefused() throws IOException {
        for (int i = 1; i <= 5; i++) {
            Files.write(dir.resolve("data_batch_" + i + ".bin"), new byte[0]);
        }
        Files.write(dir.resolve("test_batch.bin"), CifarFolderTest.records(3, 0));
        DatasetException e = assertThrows(DatasetException.class, () -> load("cifar10"));
        assertTrue(e.getMessage().contains("cifar10 (" + dir + "): the training split has 0 sample(s)"),
                e.getMessage());
    }

    @Test
    void nonSquareIdxImagesAreRefusedNotCutToSeventeenBySeventeen() throws IOException {
        raw("train-images-idx3-ubyte", images(4, 1, 300));
        raw("train-labels-idx1-ubyte", labels(0, 1, 2, 3));
        writeTest(2);
        DatasetException e = assertThrows(DatasetException.class, () -> load("mnist"));
        assertTrue(e.getMessage().contains("images are 1x300 pixels"), e.getMessage());
        assertTrue(e.getMessage().contains("square"), e.getMessage());
    }

    @Test
    void twoRowCsvIsRefusedBeforeTraining() throws IOException {
        Path csv = Files.writeString(dir.resolve("two.csv"), "x,y,label\n1,2,a\n3,4,b\n");
        DatasetException e = assertThrows(DatasetException.class, () -> Datasets.load(
                DatasetSpec.defaults().withName("csv").withPath(csv.toString()), 42));
        assertTrue(e.getMessage().contains("csv (" + csv + "): the training split has 1 sample(s)"), e.getMessage());
        assertTrue(e.getMessage().contains("at least 2"), e.getMessage());
    }

    @Test
    void csvValueOverflowingFloatIsADataErrorNotADivergence() throws IOException {
        Path csv = Files.writeString(dir.resolve("big.csv"), "x,y,label\n1,2,a\n3,1e39,b\n5,6,a\n7,8,b\n");
        DatasetException e = assertThrows(DatasetException.class, () -> Datasets.load(
                DatasetSpec.defaults().withName("csv").withPath(csv.toString()), 42));
        assertTrue(e.getMessage().contains("line 3, column 1 ('y'): 1e39 is beyond the range of a 32-bit float"),
                e.getMessage());
    }

    @Test
    void aValidFolderStillLoadsWithTheHeadersShape() throws IOException {
        raw("train-images-idx3-ubyte", images(4, 3, 3));
        raw("train-labels-idx1-ubyte", labels(0, 1, 2, 3));
        raw("t10k-images-idx3-ubyte", images(2, 3, 3));
        raw("t10k-labels-idx1-ubyte", labels(4, 5));
        LoadedData d = load("mnist");
        assertEquals(4, d.train().size());
        assertEquals(3, d.sampleShape()[1]);
        assertEquals(3, d.sampleShape()[2]);
    }

    @Test
    void validatorRefusesLabelsOutsideTheClassesAndNonFiniteFeatures() {
        Split ok = new Split(new float[] {0, 1, 2, 3}, new int[] {0, 1}, 2);
        Split badLabel = new Split(new float[] {0, 1, 2, 3}, new int[] {0, 5}, 2);
        Split nan = new Split(new float[] {0, 1, Float.NaN, 3}, new int[] {0, 1}, 2);
        var classes = java.util.List.of("a", "b");
        DatasetException label = assertThrows(DatasetException.class, () -> DataValidator.check(
                new LoadedData("t", badLabel, ok, new long[] {2}, classes, "x"), "here"));
        assertTrue(label.getMessage().contains("training sample 1 has label 5, outside the 2 classes 0-1"),
                label.getMessage());
        DatasetException feature = assertThrows(DatasetException.class, () -> DataValidator.check(
                new LoadedData("t", ok, nan, new long[] {2}, classes, "x"), "here"));
        assertTrue(feature.getMessage().contains("validation sample 1, feature 0 is NaN"), feature.getMessage());
    }

    private LoadedData load(String name) {
        return Datasets.load(DatasetSpec.defaults().withName(name).withPath(dir.toString()), 42);
    }

    private void writeTest(int n) throws IOException {
        raw("t10k-images-idx3-ubyte", images(n, 2, 2));
        int[] l = new int[n];
        for (int i = 0; i < n; i++) {
            l[i] = i % 10;
        }
        raw("t10k-labels-idx1-ubyte", labels(l));
    }

    private void writeTrainGz(byte[] labels) throws IOException {
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(dir.resolve(
                "train-labels-idx1-ubyte.gz")))) {
            out.write(labels);
        }
        raw("train-images-idx3-ubyte", images(2, 2, 2));
    }

    private void raw(String name, byte[] content) throws IOException {
        Files.write(dir.resolve(name), content);
    }

    private static long usedHeap() {
        Runtime r = Runtime.getRuntime();
        return r.totalMemory() - r.freeMemory();
    }

    static byte[] header(int magic, int... dims) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(b);
        out.writeInt(magic);
        for (int d : dims) {
            out.writeInt(d);
        }
        return b.toByteArray();
    }

    static byte[] images(int n, int rows, int cols) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.write(header(IdxReader.IMAGES_MAGIC, n, rows, cols));
        for (int i = 0; i < n * rows * cols; i++) {
            b.write(i * 37);
        }
        return b.toByteArray();
    }

    static byte[] labels(int... values) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.write(header(IdxReader.LABELS_MAGIC, values.length));
        for (int v : values) {
            b.write(v);
        }
        return b.toByteArray();
    }

    private static byte[] labelsHeaderOnly(int count) throws IOException {
        return header(IdxReader.LABELS_MAGIC, count);
    }
}
