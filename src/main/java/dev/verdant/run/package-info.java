/**
 * Runs experiments: a {@link dev.verdant.run.Job} takes a spec through data loading, training (metered and
 * stored), and publishes an ordered {@link dev.verdant.run.RunEvent} stream; {@link dev.verdant.run.JobRunner}
 * queues jobs on background threads. The CLI and the window are subscribers.
 */
package dev.verdant.run;
