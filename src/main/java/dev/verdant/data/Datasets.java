package dev.verdant.data;

import dev.verdant.spec.DatasetSpec;

import java.nio.file.Path;
import java.util.List;
import java.util.Random;

/**
 * Loads the dataset a spec names. Datasets with an official test split (MNIST, Fashion-MNIST, CIFAR-10 from
 * disk) validate on it; the others are shuffled with the seed and split by {@code dataset.validationSplit}.
 * {@code dataset.limit} then keeps the first N training samples.
 */
public final class Datasets {

    private Datasets() {
    }

    /** Loads, splits and limits the dataset of {@code spec}. */
    public static LoadedData load(DatasetSpec spec, long seed) {
        LoadedData full = switch (spec.name()) {
            case "digits" -> BuiltInDatasets.digits(spec.validationSplit(), seed);
            case "fashion-mnist-small" -> BuiltInDatasets.fashionMnistSmall(spec.validationSplit(), seed);
            case "spirals", "circles", "xor", "gaussians" -> SyntheticDatasets.generate(spec.name(),
                    spec.samples(), spec.noise(), spec.validationSplit(), seed);
            case "mnist", "fashion-mnist" -> IdxFolder.load(spec.name(), Path.of(spec.path()));
            default -> throw new DatasetException("dataset '" + spec.name() + "' is not supported yet");
        };
        return spec.limit() == null ? full : limited(full, spec.limit());
    }

    private static LoadedData limited(LoadedData d, int limit) {
        Split train = d.train().first(limit);
        return new LoadedData(d.name(), train, d.validation(), d.sampleShape(), d.classNames(),
                ContentHash.of(train, d.validation()));
    }

    /** Shuffles {@code all} with the seed and holds out {@code validationSplit} of it for validation. */
    static LoadedData shuffleSplit(String name, Split all, double validationSplit, long seed, long[] shape,
                                   List<String> classNames) {
        int n = all.size();
        int[] order = permutation(n, new Random(seed));
        int nVal = (int) Math.round(n * validationSplit);
        if (validationSplit > 0 && nVal == 0) {
            nVal = 1;
        }
        if (n - nVal < 1) {
            throw new DatasetException(name + ": only " + n + " samples; validationSplit " + validationSplit
                    + " leaves none for training");
        }
        int[] valIdx = java.util.Arrays.copyOfRange(order, 0, nVal);
        int[] trainIdx = java.util.Arrays.copyOfRange(order, nVal, n);
        Split train = all.select(trainIdx);
        Split val = all.select(valIdx);
        return new LoadedData(name, train, val, shape, classNames, ContentHash.of(train, val));
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
