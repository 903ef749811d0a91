/**
 * The energy panel: which probes measured a run and why others could not, how the energy was obtained, totals by
 * phase, emissions, cost and teaching equivalents.
 */
package dev.verdant.app.energy;
