/**
 * The data-efficiency window feature: accuracy against labelled samples and against cumulative joules, one line per
 * active-learning strategy, from the kept runs' rounds.
 */
package dev.verdant.app.dataeff;
