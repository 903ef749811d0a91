/**
 * Training sessions and what plugs into them: device choice, optimisers and schedules, initialisation,
 * and {@link dev.verdant.train.TrainingObserver}s that receive per-batch and per-epoch events.
 * A session runs the one training loop ({@link dev.verdant.model.TrainingLoop}) once per epoch with its own hooks;
 * metering, storage and live charts are observers, and training strategies (progressive resizing, stacking,
 * freezing, layer dropping, early stopping) are {@code TrainingStrategy} hooks, not edits to the loop.
 * Initialisations DJL lacks (orthogonal, LSUV, zero-residual) live here too.
 */
package dev.verdant.train;
