package dev.verdant.spec;

import java.util.List;
import java.util.Objects;

/**
 * Which data a run trains on.
 *
 * @param name            a built-in, synthetic or on-disk dataset name (see {@link #NAMES})
 * @param path            folder (or file, for {@code csv}) holding on-disk data; null for built-in and synthetic sets
 * @param validationSplit fraction held out for validation when the dataset has no official test split
 * @param limit           use only the first N training samples; null for all
 * @param labelColumn     for {@code csv}: the label column's header name or 0-based index; null means the last column
 * @param samples         for synthetic sets: how many points to generate
 * @param noise           for synthetic sets: standard deviation of the Gaussian noise added to each point
 * @param features        for synthetic sets: the inputs the network sees, {@code xy} (the default, null here),
 *                        {@code playground} (x, y, x², y², xy, sin x, sin y, as in the TensorFlow Playground) or
 *                        {@code fourier} (x, y and 32 seeded random Fourier features, Tancik et al. 2020)
 * @param classes         keep only these classes (original label indices), remapped to 0..n-1 in the order given;
 *                        null for all. Pre-training on one half of a dataset and transferring to the other uses it.
 */
public record DatasetSpec(String name, String path, Double validationSplit, Integer limit,
                          String labelColumn, Integer samples, Double noise,
                          @com.fasterxml.jackson.annotation.JsonInclude(
                                  com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL) String features,
                          @com.fasterxml.jackson.annotation.JsonInclude(
                                  com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
                          List<Integer> classes) {

    /** The accepted {@link #features} values. */
    public static final List<String> FEATURES = List.of("xy", "playground", "fourier");

    /** Datasets shipped inside Verdant's jar. */
    public static final List<String> BUILT_IN = List.of("digits", "fashion-mnist-small");
    /** Two-dimensional teaching sets generated from the seed (the TensorFlow Playground sets). */
    public static final List<String> SYNTHETIC = List.of("spirals", "circles", "xor", "gaussians");
    /** Formats read from a folder or file on disk. */
    public static final List<String> ON_DISK = List.of("mnist", "fashion-mnist", "cifar10", "csv");
    /** Every accepted dataset name. */
    public static final List<String> NAMES = concat(BUILT_IN, SYNTHETIC, ON_DISK);

    public DatasetSpec {
        name = Objects.requireNonNullElse(name, "digits");
        validationSplit = Objects.requireNonNullElse(validationSplit, 0.2);
        samples = Objects.requireNonNullElse(samples, 1000);
        noise = Objects.requireNonNullElse(noise, 0.1);
        classes = classes == null ? null : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(classes));
    }

    /** All classes (the arity before class selection existed). */
    public DatasetSpec(String name, String path, Double validationSplit, Integer limit, String labelColumn,
                       Integer samples, Double noise, String features) {
        this(name, path, validationSplit, limit, labelColumn, samples, noise, features, null);
    }

    /** A dataset spec without input features (the raw x, y of synthetic sets), for callers written before them. */
    public DatasetSpec(String name, String path, Double validationSplit, Integer limit, String labelColumn,
                       Integer samples, Double noise) {
        this(name, path, validationSplit, limit, labelColumn, samples, noise, null);
    }

    /** The same data with other input features ({@code null} or {@code xy}: the raw coordinates). */
    public DatasetSpec withFeatures(String newFeatures) {
        return new DatasetSpec(name, path, validationSplit, limit, labelColumn, samples, noise, newFeatures, classes);
    }

    /** The default dataset: built-in digits, 20% held out. */
    public static DatasetSpec defaults() {
        return new DatasetSpec(null, null, null, null, null, null, null);
    }

    public DatasetSpec withName(String newName) {
        return new DatasetSpec(newName, path, validationSplit, limit, labelColumn, samples, noise, features, classes);
    }

    public DatasetSpec withPath(String newPath) {
        return new DatasetSpec(name, newPath, validationSplit, limit, labelColumn, samples, noise, features, classes);
    }

    public DatasetSpec withLimit(Integer newLimit) {
        return new DatasetSpec(name, path, validationSplit, newLimit, labelColumn, samples, noise, features, classes);
    }

    public DatasetSpec withClasses(List<Integer> newClasses) {
        return new DatasetSpec(name, path, validationSplit, limit, labelColumn, samples, noise, features, newClasses);
    }

    @SafeVarargs
    private static List<String> concat(List<String>... lists) {
        return java.util.Arrays.stream(lists).flatMap(List::stream).toList();
    }
}
