/**
 * The training loop and what plugs into it: device choice, optimisers and schedules, initialisation,
 * and {@link dev.verdant.train.TrainingObserver}s that receive per-batch and per-epoch events.
 * The loop is small on purpose; metering, storage and live charts are observers, not edits to the loop.
 */
package dev.verdant.train;
