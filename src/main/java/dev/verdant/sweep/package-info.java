/**
 * Sweeps (efficient AutoML): a sweep expands a spec into trials (grid, random, successive halving, Hyperband),
 * promotes trials by their accuracy and energy, forecasts the energy to a target and recommends a recipe. Trials run
 * through a {@link dev.verdant.sweep.TrialExecutor}: in this JVM, or on cluster workers ({@code dev.verdant.cluster}).
 */
package dev.verdant.sweep;
