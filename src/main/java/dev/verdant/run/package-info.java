/**
 * Runs experiments: a {@link dev.verdant.run.Job} takes a spec through data loading, training and compression
 * (metered), publishing one ordered stream of immutable {@link dev.verdant.run.RunEvent}s that carry the run's
 * {@link dev.verdant.run.RunId} to its {@link dev.verdant.run.RunListener}s; the store (through
 * {@code StoreRecorder}), the CLI progress printer and the window's view models are listeners.
 * {@link dev.verdant.run.JobRunner} queues jobs on background threads and hands out a
 * {@link dev.verdant.run.RunHandle} per run for cancelling and awaiting it.
 */
package dev.verdant.run;
