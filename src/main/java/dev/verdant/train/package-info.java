/**
 * The training loop and what plugs into it: device choice, optimisers and schedules, initialisation,
 * and {@link dev.verdant.train.TrainingObserver}s that receive per-batch and per-epoch events.
 * The loop is small on purpose; metering, storage and live charts are observers, and training strategies
 * (progressive resizing, stacking, freezing, layer dropping, early stopping) are {@code TrainingStrategy} hooks,
 * not edits to the loop. Initialisations DJL lacks (orthogonal, LSUV, zero-residual) live here too.
 */
package dev.verdant.train;
