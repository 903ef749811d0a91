package dev.verdant.run;

import dev.verdant.result.BatchRecord;
import dev.verdant.result.CompressionReport;
import dev.verdant.result.EpochRecord;
import dev.verdant.result.Phase;
import dev.verdant.result.PowerSample;
import dev.verdant.result.Provenance;
import dev.verdant.result.RunResult;
import dev.verdant.spec.ExperimentSpec;

/**
 * What happens during one run, as immutable values that carry the run's {@link RunId} (never the job itself, so a
 * listener cannot reach into a running job). Only the run layer makes them; listeners receive them through their
 * typed {@link RunListener} callbacks, and a carrier that holds events (the window's pump) hands each one back with
 * {@link #deliverTo}, so no consumer decodes events by their class.
 */
public sealed interface RunEvent {

    /** The run this event belongs to. */
    RunId runId();

    /** Calls the callback of {@code listener} that takes this kind of event. */
    void deliverTo(RunListener listener);

    /**
     * Data and model are ready; training starts.
     *
     * @param batchesPerEpoch training batches in each epoch
     */
    record Started(RunId runId, ExperimentSpec spec, Provenance provenance, long params, long flopsPerSample,
                   int batchesPerEpoch) implements RunEvent {
        @Override
        public void deliverTo(RunListener listener) {
            listener.onStarted(this);
        }
    }

    /** A phase begins. */
    record PhaseChanged(RunId runId, Phase phase) implements RunEvent {
        @Override
        public void deliverTo(RunListener listener) {
            listener.onPhase(this);
        }
    }

    /** A training batch finished. */
    record BatchEnded(RunId runId, BatchRecord batch) implements RunEvent {
        @Override
        public void deliverTo(RunListener listener) {
            listener.onBatch(this);
        }
    }

    /** An epoch finished (energy figures included when a meter runs). */
    record EpochEnded(RunId runId, EpochRecord epoch, int totalEpochs) implements RunEvent {
        @Override
        public void deliverTo(RunListener listener) {
            listener.onEpoch(this);
        }
    }

    /**
     * A compression step finished and was measured; the baseline (index 0) comes first.
     * {@code totalSteps} counts the spec's steps, the baseline excluded.
     */
    record StepEnded(RunId runId, CompressionReport report, int totalSteps) implements RunEvent {
        @Override
        public void deliverTo(RunListener listener) {
            listener.onStep(this);
        }
    }

    /** A power reading from the energy meter. */
    record Power(RunId runId, PowerSample sample) implements RunEvent {
        @Override
        public void deliverTo(RunListener listener) {
            listener.onPower(this);
        }
    }

    /** Something the user should know that is not an error, e.g. a device fallback. */
    record Notice(RunId runId, String message) implements RunEvent {
        @Override
        public void deliverTo(RunListener listener) {
            listener.onNotice(this);
        }
    }

    /** The run ended, in any status; always the last event. */
    record Finished(RunId runId, RunResult result) implements RunEvent {
        @Override
        public void deliverTo(RunListener listener) {
            listener.onFinished(this);
        }
    }
}
