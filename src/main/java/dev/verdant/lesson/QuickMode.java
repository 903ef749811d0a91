package dev.verdant.lesson;

import dev.verdant.spec.DatasetSpec;
import dev.verdant.spec.ExperimentSpec;

/**
 * How {@code --quick} shrinks a lesson's specs so the whole lesson runs in seconds (tests, a first look): at most
 * {@code epochs} epochs, and the training data cut to a fraction of each spec's own limit, so specs that differ in
 * how much data they use still differ.
 *
 * @param epochs    the most epochs a quick run trains
 * @param limit     training samples for specs without a limit of their own
 * @param dataScale factor applied to a spec's own limit (at least 20 samples are kept)
 */
public record QuickMode(int epochs, int limit, double dataScale) {

    /** One epoch on 300 samples. */
    public static final QuickMode DEFAULT = new QuickMode(1, 300, 0.25);

    /** {@code spec} shrunk for a quick run. */
    public ExperimentSpec apply(ExperimentSpec spec) {
        DatasetSpec d = spec.dataset();
        int newLimit = d.limit() == null ? limit : Math.max(20, (int) Math.round(d.limit() * dataScale));
        DatasetSpec quickData = DatasetSpec.SYNTHETIC.contains(d.name())
                ? new DatasetSpec(d.name(), d.path(), d.validationSplit(), d.limit(), d.labelColumn(),
                Math.min(d.samples(), limit), d.noise(), d.features(), d.classes())
                : d.withLimit(newLimit);
        int e = Math.min(spec.training().epochs(), epochs);
        return spec.withDataset(quickData).withTraining(spec.training().withEpochs(e));
    }
}
