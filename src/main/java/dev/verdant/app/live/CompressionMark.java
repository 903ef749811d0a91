package dev.verdant.app.live;

/**
 * Where a compression step started on a run's accuracy-against-energy trajectory.
 *
 * @param run  the run's label
 * @param x    energy (or seconds) at which it started
 * @param text what the marker says
 */
public record CompressionMark(String run, double x, String text) {
}
