package dev.verdant.run;

import dev.verdant.result.BatchRecord;
import dev.verdant.result.CompressionReport;
import dev.verdant.result.EpochRecord;
import dev.verdant.result.PowerSample;
import dev.verdant.result.Provenance;
import dev.verdant.result.RunResult;
import dev.verdant.spec.ExperimentSpec;

/**
 * What happens during one run, published in order on the run's thread. Subscribers (store, CLI progress,
 * window) must return quickly; the window throttles redraws itself.
 */
public sealed interface RunEvent {

    /** The job this event belongs to. */
    Job job();

    /** Data and model are ready; training starts. {@code storeId} is null when the run is not stored. */
    record Started(Job job, Long storeId, ExperimentSpec spec, Provenance provenance, long params,
                   long flopsPerSample) implements RunEvent {
    }

    /** A phase begins: {@code train}, {@code eval}, {@code compress} or {@code inference}. */
    record PhaseChanged(Job job, String phase) implements RunEvent {
    }

    /** A training batch finished. */
    record BatchEnded(Job job, BatchRecord batch) implements RunEvent {
    }

    /** An epoch finished (energy figures included when a meter runs). */
    record EpochEnded(Job job, EpochRecord epoch, int totalEpochs) implements RunEvent {
    }

    /**
     * A compression step finished and was measured; the baseline (index 0) comes first.
     * {@code totalSteps} counts the spec's steps, the baseline excluded.
     */
    record StepEnded(Job job, CompressionReport report, int totalSteps) implements RunEvent {
    }

    /** A power reading from the energy meter. */
    record Power(Job job, PowerSample sample) implements RunEvent {
    }

    /** Something the user should know that is not an error, e.g. a device fallback. */
    record Notice(Job job, String message) implements RunEvent {
    }

    /** The run ended, in any status; always the last event. */
    record Finished(Job job, RunResult result) implements RunEvent {
    }
}
