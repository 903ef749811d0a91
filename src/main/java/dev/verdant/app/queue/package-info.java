/**
 * The run queue: experiments submitted to a {@link dev.verdant.run.JobRunner}, each shown with its progress,
 * epoch, elapsed time, ETA and a Cancel button.
 */
package dev.verdant.app.queue;
