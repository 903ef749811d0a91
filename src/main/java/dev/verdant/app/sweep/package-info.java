/**
 * The window's sweeps: a builder (spec fields with values or ranges, method, rungs, target and budget), a live view
 * of the running sweep (trial table with rung and status, accuracy against each configuration's cumulative joules,
 * lines ending where a trial was pruned, the front with the recommendation highlighted, a budget bar) and parallel
 * coordinates of the trials. {@link dev.verdant.app.sweep.SweepViewModel} holds the state and calls the sweep layer;
 * {@link dev.verdant.app.sweep.SweepView} lays it out.
 */
package dev.verdant.app.sweep;
