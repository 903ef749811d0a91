package dev.verdant.data;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * CIFAR-10, binary version, from a folder holding {@code data_batch_1.bin} .. {@code data_batch_5.bin} (training)
 * and {@code test_batch.bin} (the official test split, used for validation), or holding the archive's
 * {@code cifar-10-batches-bin/} folder. Each record is one label byte and 3,072 pixel bytes (3x32x32, channel-major,
 * the layout DJL's NCHW wants as it is); pixels are scaled to [0, 1].
 */
final class CifarFolder {

    static final int PIXELS = 3 * 32 * 32;
    static final int RECORD = 1 + PIXELS;
    static final String ARCHIVE_FOLDER = "cifar-10-batches-bin";
    static final List<String> TRAIN_FILES = List.of("data_batch_1.bin", "data_batch_2.bin", "data_batch_3.bin",
            "data_batch_4.bin", "data_batch_5.bin");
    static final String TEST_FILE = "test_batch.bin";
    static final List<String> CLASSES = List.of("airplane", "automobile", "bird", "cat", "deer", "dog", "frog",
            "horse", "ship", "truck");

    private CifarFolder() {
    }

    static LoadedData load(Path folder) {
        Path root = dataFolder(folder);
        List<Path> trainFiles = new ArrayList<>();
        for (String name : TRAIN_FILES) {
            trainFiles.add(required(root, name));
        }
        Split train = read(trainFiles);
        Split test = read(List.of(required(root, TEST_FILE)));
        return new LoadedData("cifar10", train, test, new long[] {3, 32, 32}, CLASSES, ContentHash.of(train, test));
    }

    /** The folder itself, or its {@code cifar-10-batches-bin/} when that is where the batches are. */
    private static Path dataFolder(Path folder) {
        if (!Files.isDirectory(folder)) {
            throw new DatasetException("cifar10: folder " + folder.toAbsolutePath() + " does not exist; download it "
                    + "with 'verdant datasets download cifar10 --dir " + folder + "'");
        }
        Path nested = folder.resolve(ARCHIVE_FOLDER);
        return Files.isRegularFile(folder.resolve(TEST_FILE)) || !Files.isDirectory(nested) ? folder : nested;
    }

    private static Path required(Path folder, String name) {
        Path p = folder.resolve(name);
        if (!Files.isRegularFile(p)) {
            throw new DatasetException(folder.toAbsolutePath() + ": missing " + name + "; expected the CIFAR-10 "
                    + "binary version (data_batch_1.bin .. data_batch_5.bin, test_batch.bin)");
        }
        return p;
    }

    /** Reads whole files into one split; sizes are checked first so a short file fails before any big allocation. */
    static Split read(List<Path> files) {
        long records = 0;
        for (Path f : files) {
            records += recordCount(f);
        }
        if (records * PIXELS > Integer.MAX_VALUE) {
            throw new DatasetException(files + ": " + records + " records are more than one array can hold");
        }
        // Pixels stay bytes: the training split takes 153 MB instead of 614 MB as floats.
        byte[] features = new byte[(int) (records * PIXELS)];
        int[] labels = new int[(int) records];
        int at = 0;
        for (Path f : files) {
            at = readInto(f, features, labels, at);
        }
        return Split.ofBytes(features, labels, PIXELS);
    }

    private static long recordCount(Path file) {
        long size;
        try {
            size = Files.size(file);
        } catch (IOException e) {
            throw new DatasetException(file + ": cannot be read (" + e.getMessage() + ")", e);
        }
        if (size % RECORD != 0) {
            long incomplete = size / RECORD * RECORD;
            throw new DatasetException(file + ": size " + size + " bytes is not a multiple of the " + RECORD
                    + "-byte CIFAR-10 record (1 label + 3072 pixels); the incomplete record starts at byte offset "
                    + incomplete + " (is the file truncated, or not the binary version?)");
        }
        return size / RECORD;
    }

    private static int readInto(Path file, byte[] features, int[] labels, int firstRecord) {
        byte[] record = new byte[RECORD];
        int r = firstRecord;
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            long offset = 0;
            while (in.readNBytes(record, 0, RECORD) == RECORD) {
                int label = record[0] & 0xff;
                if (label > 9) {
                    throw new DatasetException(file + ": label " + label + " at byte offset " + offset
                            + " (record " + (offset / RECORD) + ") is not a CIFAR-10 class 0-9");
                }
                labels[r] = label;
                System.arraycopy(record, 1, features, r * PIXELS, PIXELS);
                r++;
                offset += RECORD;
            }
        } catch (IOException e) {
            throw new DatasetException(file + ": cannot be read (" + e.getMessage() + ")", e);
        }
        return r;
    }
}
