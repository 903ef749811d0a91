package dev.verdant.data;

import java.util.Arrays;

/**
 * One pass over a loaded dataset before any training, so that data which cannot be right is refused with its
 * file, the item and the rule it breaks, instead of surfacing as a DJL index error, a division by zero or a
 * "diverged" run. The readers check their formats; this checks what every dataset must satisfy:
 * <ul>
 *   <li>the training split has at least {@link #MIN_TRAIN} samples and two classes, the validation split one;</li>
 *   <li>every label is a class index {@code 0..classes-1};</li>
 *   <li>every feature is a finite number;</li>
 *   <li>both splits have the same sample size, and it matches the sample shape.</li>
 * </ul>
 */
public final class DataValidator {

    /** Fewer training samples than this cannot train a classifier (one sample: every gradient after it is zero). */
    public static final int MIN_TRAIN = 2;

    private DataValidator() {
    }

    /**
     * Checks {@code data}; returns it unchanged when it passes.
     *
     * @param source what the data was read from (a path, or the built-in dataset's name), for messages
     * @throws DatasetException naming the source, the split, the item and the rule
     */
    public static LoadedData check(LoadedData data, String source) {
        String where = data.name() + " (" + source + ")";
        long expected = Arrays.stream(data.sampleShape()).reduce(1, (a, b) -> a * b);
        for (Split s : new Split[] {data.train(), data.validation()}) {
            String split = s == data.train() ? "training" : "validation";
            if (s.sampleSize() != expected) {
                throw new DatasetException(where + ": " + split + " samples hold " + s.sampleSize() + " values but "
                        + "the sample shape " + Arrays.toString(data.sampleShape()) + " needs " + expected);
            }
        }
        if (data.train().size() < MIN_TRAIN) {
            throw new DatasetException(where + ": the training split has " + data.train().size() + " sample(s) "
                    + "after the validation hold-out and dataset.limit; at least " + MIN_TRAIN + " are needed "
                    + "(is the training file empty, or dataset.limit / validationSplit too tight?)");
        }
        if (data.validation().size() < 1) {
            throw new DatasetException(where + ": the validation split is empty; it needs at least one sample "
                    + "(raise dataset.validationSplit, or check the test file)");
        }
        labels(data.train(), data.numClasses(), where, "training");
        labels(data.validation(), data.numClasses(), where, "validation");
        if (Arrays.stream(data.train().labels()).distinct().count() < 2) {
            throw new DatasetException(where + ": every training sample has label " + data.classNames()
                    .get(data.train().labels()[0]) + "; a classifier needs at least two classes to learn from");
        }
        features(data.train(), where, "training");
        features(data.validation(), where, "validation");
        return data;
    }

    private static void labels(Split s, int classes, String where, String split) {
        int[] labels = s.labels();
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= classes) {
                throw new DatasetException(where + ": " + split + " sample " + i + " has label " + labels[i]
                        + ", outside the " + classes + " classes 0-" + (classes - 1));
            }
        }
    }

    private static void features(Split s, String where, String split) {
        if (s.isBytes()) {
            return; // 8-bit values are finite by construction
        }
        float[] x = s.floats();
        for (int i = 0; i < x.length; i++) {
            if (!Float.isFinite(x[i])) {
                throw new DatasetException(where + ": " + split + " sample " + i / s.sampleSize() + ", feature "
                        + i % s.sampleSize() + " is " + x[i] + "; every feature must be a finite number");
            }
        }
    }
}
