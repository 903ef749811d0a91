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
        Split train = split(folder, "train");
        Split test = split(folder, "t10k");
        List<String> classes = name.equals("fashion-mnist") ? BuiltInDatasets.FASHION_CLASSES
                : Datasets.numberedClasses(10);
        int side = (int) Math.round(Math.sqrt(train.sampleSize()));
        return new LoadedData(name, train, test, new long[] {1, side, train.sampleSize() / side}, classes,
                ContentHash.of(train, test));
    }

    private static Split split(Path folder, String prefix) {
        Path images = find(folder, prefix + "-images-idx3-ubyte");
        Path labels = find(folder, prefix + "-labels-idx1-ubyte");
        IdxReader.Images im = IdxReader.readImages(images);
        return IdxReader.toSplit(im, IdxReader.readLabels(labels), images.toString(), labels.toString());
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
