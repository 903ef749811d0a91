package dev.verdant.run;

import dev.verdant.data.Datasets;
import dev.verdant.spec.DatasetSpec;

/** Sizes of a dataset section's splits, for layers that may not load data themselves (a sweep's promotion). */
public final class DataSize {

    private DataSize() {
    }

    /**
     * How many validation samples a run of {@code dataset} (seeded {@code seed}) is measured on: the data is loaded
     * as a run loads it.
     */
    public static int validationSamples(DatasetSpec dataset, long seed) {
        return Datasets.load(dataset, seed).validation().size();
    }
}
