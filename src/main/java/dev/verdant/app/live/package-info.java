/**
 * Live charts (JFreeChart in {@code ChartViewer}): accuracy against cumulative energy, loss curves, power over time
 * and the Pareto front of finished runs. The ViewModel owns the chart datasets and fills them from batches of run
 * events; the View wraps each update so that a batch costs one redraw.
 */
package dev.verdant.app.live;
