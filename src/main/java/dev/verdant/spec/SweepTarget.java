package dev.verdant.spec;

/**
 * The accuracy a sweep is after: the recommendation is the greenest trial reaching it, and with
 * {@code stopAtTarget: true} the sweep stops once a trial reaches it.
 *
 * @param accuracy validation accuracy in (0, 1]
 */
public record SweepTarget(Double accuracy) {
}
