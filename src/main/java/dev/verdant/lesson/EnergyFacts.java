package dev.verdant.lesson;

/**
 * The grid figures an energy statement quotes, supplied by the caller (the energy layer's carbon model is not
 * visible from here).
 *
 * @param region       the region code, e.g. {@code DEU}
 * @param gramsPerKwh  grid carbon intensity
 * @param source       where the intensity comes from, with its year
 * @param version      Verdant's version, e.g. {@code 0.4.0} ("dev" when run from classes)
 */
public record EnergyFacts(String region, double gramsPerKwh, String source, String version) {
}
