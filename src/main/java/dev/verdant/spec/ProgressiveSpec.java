package dev.verdant.spec;

import java.util.List;

/**
 * One progressive-training strategy. Staged types share one convention: {@code epochs} lists how long each stage
 * lasts except the last (which runs to the end), and the type's value list has one entry per stage, so it is one
 * longer than {@code epochs}. Fields a type does not use must be left out; {@link SpecValidator} says which.
 *
 * @param type        {@code resize}, {@code stack}, {@code freeze} or {@code layerdrop} (see {@link #TYPES})
 * @param epochs      stage lengths in epochs, for {@code resize}, {@code stack} and {@code freeze}
 * @param resolutions {@code resize}: image side in pixels per stage, ending at the data's own size, e.g. [14, 20, 28]
 * @param depths      {@code stack}: {@code resnet} depth per stage, growing to {@code model.depth}, e.g. [8, 14]
 * @param frozen      {@code freeze}: how many leading layers are frozen in each stage, non-decreasing, e.g. [0, 1, 2]
 * @param rate        {@code layerdrop}: the drop rate of the deepest residual block that the schedule approaches
 */
public record ProgressiveSpec(String type, List<Integer> epochs, List<Integer> resolutions, List<Integer> depths,
                              List<Integer> frozen, Double rate) {

    /** Progressive strategies, in the order they are applied before each epoch. */
    public static final List<String> TYPES = List.of("stack", "freeze", "resize", "layerdrop");

    public ProgressiveSpec {
        epochs = epochs == null ? null : List.copyOf(epochs);
        resolutions = resolutions == null ? null : List.copyOf(resolutions);
        depths = depths == null ? null : List.copyOf(depths);
        frozen = frozen == null ? null : List.copyOf(frozen);
    }

    /** Progressive resizing: {@code resolutions[i]} for {@code epochs[i]} epochs, the last to the end. */
    public static ProgressiveSpec resize(List<Integer> epochs, List<Integer> resolutions) {
        return new ProgressiveSpec("resize", epochs, resolutions, null, null, null);
    }

    /** Progressive stacking: a resnet of {@code depths[i]} for {@code epochs[i]} epochs, the last to the end. */
    public static ProgressiveSpec stack(List<Integer> epochs, List<Integer> depths) {
        return new ProgressiveSpec("stack", epochs, null, depths, null, null);
    }

    /** FreezeOut-style freezing: {@code frozen[i]} leading layers frozen for {@code epochs[i]} epochs. */
    public static ProgressiveSpec freeze(List<Integer> epochs, List<Integer> frozen) {
        return new ProgressiveSpec("freeze", epochs, null, null, frozen, null);
    }

    /** Progressive layer dropping towards {@code rate} for the deepest residual block. */
    public static ProgressiveSpec layerdrop(double rate) {
        return new ProgressiveSpec("layerdrop", null, null, null, null, rate);
    }

    /** The stage value active in 1-based {@code epoch}, from {@code values} (one per stage). */
    public int stageValue(List<Integer> values, int epoch) {
        int end = 0;
        for (int i = 0; i < epochs.size(); i++) {
            end += epochs.get(i);
            if (epoch <= end) {
                return values.get(i);
            }
        }
        return values.get(values.size() - 1);
    }
}
