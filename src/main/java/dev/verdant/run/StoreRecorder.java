package dev.verdant.run;

import dev.verdant.result.BatchRecord;
import dev.verdant.result.PowerSample;
import dev.verdant.result.Provenance;
import dev.verdant.result.ResultJson;
import dev.verdant.spec.ExperimentSpec;
import dev.verdant.store.RunStore;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The store as a run listener: each epoch (with a downsampled slice of its batches and power samples) is committed
 * the moment it completes, each compression step as it is measured, and the final result when the run finishes.
 * The one call that is not an event is {@link #open}: a stored run's id is its row's, so the job makes the row
 * (before training) and then publishes the {@code Started} event carrying that id. The job delivers every event to
 * this listener before any other, so a listener that sees an epoch or the end can read it back from the store.
 * Store errors propagate: during the run they fail it; at the end the job records the failure.
 */
final class StoreRecorder implements RunListener {

    /** Batches kept per epoch for the loss curve; more would bloat the store without changing the chart. */
    private static final int BATCHES_PER_EPOCH = 100;
    /** Power samples kept per epoch; the chart of a stored run needs no more. */
    private static final int POWER_PER_EPOCH = 200;

    private final RunStore store;
    private final List<BatchRecord> pendingBatches = new ArrayList<>();
    // filled on the meter's thread, drained on the run's
    private final ConcurrentLinkedQueue<PowerSample> pendingPower = new ConcurrentLinkedQueue<>();
    private int batchStride = 1;
    private long runId = -1;

    StoreRecorder(RunStore store) {
        this.store = store;
    }

    /** Makes the run's row (status running) and returns its id. */
    RunId open(ExperimentSpec spec, Provenance provenance) {
        runId = store.createRun(spec, provenance);
        return RunId.stored(runId);
    }

    boolean isOpen() {
        return runId >= 0;
    }

    java.nio.file.Path modelDir() {
        return store.modelDir(runId);
    }

    @Override
    public void onStarted(RunEvent.Started e) {
        batchStride = Math.max(1, (e.batchesPerEpoch() + BATCHES_PER_EPOCH - 1) / BATCHES_PER_EPOCH);
    }

    @Override
    public void onBatch(RunEvent.BatchEnded e) {
        if (isOpen() && e.batch().batch() % batchStride == 0) {
            pendingBatches.add(e.batch());
        }
    }

    @Override
    public void onPower(RunEvent.Power e) {
        if (isOpen()) {
            pendingPower.add(e.sample());
        }
    }

    @Override
    public void onEpoch(RunEvent.EpochEnded e) {
        if (!isOpen()) {
            return;
        }
        if (!pendingBatches.isEmpty()) {
            store.appendBatches(runId, List.copyOf(pendingBatches));
            pendingBatches.clear();
        }
        List<PowerSample> power = new ArrayList<>();
        for (PowerSample s; (s = pendingPower.poll()) != null; ) {
            power.add(s);
        }
        if (!power.isEmpty()) {
            store.appendPower(runId, thin(power, POWER_PER_EPOCH));
        }
        store.appendEpoch(runId, e.epoch());
    }

    @Override
    public void onStep(RunEvent.StepEnded e) {
        if (isOpen()) {
            store.appendCompressionStep(runId, e.report().index(), ResultJson.write(e.report()));
        }
    }

    /** Writes the final result (it carries this run's id); a run that was never opened is not stored. */
    @Override
    public void onFinished(RunEvent.Finished e) {
        if (isOpen()) {
            store.finishRun(runId, e.result());
        }
    }

    /** At most {@code max} evenly spaced samples. */
    static List<PowerSample> thin(List<PowerSample> samples, int max) {
        if (samples.size() <= max) {
            return samples;
        }
        List<PowerSample> kept = new ArrayList<>(max);
        double step = (double) samples.size() / max;
        for (int i = 0; i < max; i++) {
            kept.add(samples.get((int) (i * step)));
        }
        return kept;
    }
}
