package dev.verdant.data;

import dev.verdant.spec.DatasetSpec;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Loads the dataset a spec names. Datasets with an official test split (MNIST, Fashion-MNIST, CIFAR-10 from
 * disk) validate on it; the others are shuffled with the seed and split by {@code dataset.validationSplit}.
 * {@code dataset.classes} then keeps some classes (renumbered) and {@code dataset.limit} the first N training samples.
 */
public final class Datasets {

    private Datasets() {
    }

    /** Loads, splits and limits the dataset of {@code spec}. */
    public static LoadedData load(DatasetSpec spec, long seed) {
        LoadedData full = switch (spec.name()) {
            case "digits" -> BuiltInDatasets.digits(spec.validationSplit(), seed);
            case "fashion-mnist-small" -> BuiltInDatasets.fashionMnistSmall(spec.validationSplit(), seed);
            case "spirals", "circles", "xor", "gaussians" -> InputFeatures.apply(SyntheticDatasets.generate(
                    spec.name(), spec.samples(), spec.noise(), spec.validationSplit(), seed), spec.features());
            case "mnist", "fashion-mnist" -> IdxFolder.load(spec.name(), onDiskPath(spec));
            case "cifar10" -> CifarFolder.load(onDiskPath(spec));
            case "csv" -> CsvDataset.load(onDiskPath(spec), spec.labelColumn(), spec.validationSplit(), seed);
            default -> throw new DatasetException("dataset '" + spec.name() + "' is not supported yet");
        };
        if (spec.classes() != null) {
            full = ClassSelection.apply(full, spec.classes());
        }
        LoadedData data = spec.limit() == null ? full : limited(full, spec.limit());
        return DataValidator.check(data, spec.path() == null || spec.path().isBlank() ? "built in" : spec.path());
    }

    private static Path onDiskPath(DatasetSpec spec) {
        if (spec.path() == null || spec.path().isBlank()) {
            throw new DatasetException("dataset '" + spec.name() + "' is read from disk: set dataset.path to its "
                    + (spec.name().equals("csv") ? "CSV file or folder" : "folder"));
        }
        return Path.of(spec.path());
    }

    private static LoadedData limited(LoadedData d, int limit) {
        Split train = d.train().first(limit);
        return new LoadedData(d.name(), train, d.validation(), d.sampleShape(), d.classNames(),
                ContentHash.of(train, d.validation()));
    }

    /** Shuffles {@code all} with the seed and holds out {@code validationSplit} of it for validation. */
    static LoadedData shuffleSplit(String name, Split all, double validationSplit, long seed, long[] shape,
                                   List<String> classNames) {
        SplitIndices idx = splitIndices(name, all.size(), validationSplit, seed);
        Split train = all.select(idx.train());
        Split val = all.select(idx.validation());
        return new LoadedData(name, train, val, shape, classNames, ContentHash.of(train, val));
    }

    /** Which sample indices go to training and which to validation; see {@link #splitIndices}. */
    record SplitIndices(int[] train, int[] validation) {
    }

    /**
     * The seeded shuffle-and-hold-out that every dataset without an official test split uses, exposed as indices
     * so a loader can compute statistics on the training part before building the splits (CSV standardisation).
     * The first {@code round(n * validationSplit)} positions of the permutation (at least one when the fraction is
     * positive) are validation, the rest training: the same seed always gives the same split.
     */
    static SplitIndices splitIndices(String name, int n, double validationSplit, long seed) {
        int[] order = permutation(n, new Random(seed));
        int nVal = (int) Math.round(n * validationSplit);
        if (validationSplit > 0 && nVal == 0) {
            nVal = 1;
        }
        if (n - nVal < 1) {
            throw new DatasetException(name + ": only " + n + " samples; validationSplit " + validationSplit
                    + " leaves none for training");
        }
        return new SplitIndices(Arrays.copyOfRange(order, nVal, n), Arrays.copyOfRange(order, 0, nVal));
    }

    /** A uniformly random permutation of 0..n-1 (Fisher-Yates), reproducible from {@code random}'s seed. */
    public static int[] permutation(int n, Random random) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }

    /** Class names "0".."n-1" for datasets whose classes are digits or unnamed. */
    static List<String> numberedClasses(int n) {
        return java.util.stream.IntStream.range(0, n).mapToObj(Integer::toString).toList();
    }
}
