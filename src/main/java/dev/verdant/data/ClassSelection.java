package dev.verdant.data;

import java.util.ArrayList;
import java.util.List;

/**
 * Keeps some classes of a dataset and renumbers them 0..n-1 in the order asked for ({@code dataset.classes}), so a
 * network can be pre-trained on one half of a dataset and transferred to the other. Built on {@link Split#select}:
 * the selection is a subset by indices, whatever the split stores inside.
 */
public final class ClassSelection {

    private ClassSelection() {
    }

    /**
     * The samples of {@code classes} only, labelled by their position in {@code classes}.
     *
     * @throws DatasetException naming a class the dataset does not have
     */
    public static LoadedData apply(LoadedData data, List<Integer> classes) {
        int n = data.numClasses();
        int[] remap = new int[n];
        java.util.Arrays.fill(remap, -1);
        for (int i = 0; i < classes.size(); i++) {
            int c = classes.get(i);
            if (c < 0 || c >= n) {
                throw new DatasetException("dataset.classes: class " + c + " does not exist; '" + data.name()
                        + "' has classes 0.." + (n - 1) + " (" + String.join(", ", data.classNames()) + ")");
            }
            remap[c] = i;
        }
        Split train = select(data.train(), remap);
        Split val = select(data.validation(), remap);
        if (train.size() == 0) {
            throw new DatasetException("dataset.classes: " + classes + " has no training samples in '"
                    + data.name() + "'; choose classes the data holds");
        }
        List<String> names = new ArrayList<>();
        for (int c : classes) {
            names.add(data.classNames().get(c));
        }
        return new LoadedData(data.name(), train, val, data.sampleShape(), List.copyOf(names),
                ContentHash.of(train, val));
    }

    /** The samples whose class maps to a new label, relabelled. */
    static Split select(Split split, int[] remap) {
        int[] labels = split.labels();
        int count = 0;
        for (int l : labels) {
            if (remap[l] >= 0) {
                count++;
            }
        }
        int[] keep = new int[count];
        int[] relabelled = new int[count];
        int k = 0;
        for (int i = 0; i < labels.length; i++) {
            if (remap[labels[i]] >= 0) {
                keep[k] = i;
                relabelled[k++] = remap[labels[i]];
            }
        }
        Split picked = split.select(keep);
        // keeps the split's storage: 8-bit images stay 8-bit
        return picked.isBytes() ? Split.ofBytes(picked.bytes(), relabelled, picked.sampleSize())
                : new Split(picked.floats(), relabelled, picked.sampleSize());
    }
}
