package dev.verdant.store;

/**
 * One field that differs between two values, e.g. the CPU of a run and of its re-run.
 *
 * @param path   dotted field path, e.g. {@code training.learningRate} or {@code energyProbes[0].available}
 * @param before the value in the first (older) one, as text; null when the field is absent there
 * @param after  the value in the second (newer) one, as text; null when the field is absent there
 */
public record FieldDifference(String path, String before, String after) {
}
