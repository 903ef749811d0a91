package dev.verdant.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * MNIST or Fashion-MNIST from a folder with the standard file names
 * ({@code train-images-idx3-ubyte}, {@code train-labels-idx1-ubyte}, {@code t10k-...}), gzipped or raw.
 * The official test split is the validation split.
 */
final class IdxFolder {

    private IdxFolder() {
    }

    static LoadedData load(String name, Path folder) {
        if (!Files.isDirectory(folder)) {
            throw new DatasetException(name + ": folder " + folder.toAbsolutePath() + " does not exist; download it with "
                    + "'verdant datasets download " + name + " --dir " + folder + "'");
        }
        List<String> classes = name.equals("fashion-mnist") ? BuiltInDatasets.FASHION_CLASSES
                : Datasets.numberedClasses(10);
        Part train = part(folder, "train", classes.size());
        Part test = part(folder, "t10k", classes.size());
        if (train.images.rows() != test.images.rows() || train.images.cols() != test.images.cols()) {
            throw new DatasetException(name + ": " + train.file + " holds " + train.images.rows() + "x"
                    + train.images.cols() + " images but " + test.file + " holds " + test.images.rows() + "x"
                    + test.images.cols() + "; training and test images must have the same size (mixed datasets?)");
        }
        return new LoadedData(name, train.split, test.split, new long[] {1, train.images.rows(),
                train.images.cols()}, classes, ContentHash.of(train.split, test.split));
    }

    /** One of the two splits, with its images file and header for the checks across splits. */
    private record Part(Path file, IdxReader.Images images, Split split) {
    }

    private static Part part(Path folder, String prefix, int classes) {
        Path images = find(folder, prefix + "-images-idx3-ubyte");
        Path labels = find(folder, prefix + "-labels-idx1-ubyte");
        IdxReader.Images im = IdxReader.readImages(images);
        if (im.rows() != im.cols()) {
            throw new DatasetException(images + ": the header (bytes 8-15) says images are " + im.rows() + "x"
                    + im.cols() + " pixels; MNIST-style images are square (28x28): is this an IDX images file of "
                    + "this dataset?");
        }
        byte[] l = IdxReader.readLabels(labels);
        for (int i = 0; i < l.length; i++) {
            if ((l[i] & 0xff) >= classes) {
                throw new DatasetException(labels + ": label " + (l[i] & 0xff) + " of item " + i + " (byte offset "
                        + (8 + i) + ") is not a class 0-" + (classes - 1) + "; the file is corrupt or not a labels "
                        + "file of this dataset");
            }
        }
        return new Part(images, im, IdxReader.toSplit(im, l, images.toString(), labels.toString()));
    }

    private static Path find(Path folder, String base) {
        for (String candidate : List.of(base + ".gz", base, base.replace("-idx", ".idx"))) {
            Path p = folder.resolve(candidate);
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        throw new DatasetException(folder.toAbsolutePath() + ": missing " + base + "[.gz]; expected the standard "
                + "MNIST file names (train-images-idx3-ubyte.gz, train-labels-idx1-ubyte.gz, t10k-...)");
    }
}
