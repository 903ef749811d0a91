package dev.verdant.run;

import dev.verdant.result.BatchRecord;
import dev.verdant.result.CompressionReport;
import dev.verdant.result.ResultJson;
import dev.verdant.result.EpochRecord;
import dev.verdant.result.PowerSample;
import dev.verdant.result.Provenance;
import dev.verdant.result.RunResult;
import dev.verdant.spec.ExperimentSpec;
import dev.verdant.store.RunStore;

import java.util.ArrayList;
import java.util.List;

/**
 * Writes one run to the store as it happens: the run row at start, each epoch (with a downsampled slice of
 * its batches and power samples) the moment it completes, and the final result at the end. Runs on the
 * training thread; each epoch's writes are one short transaction each.
 */
final class StoreRecorder {

    /** Batches kept per epoch for the loss curve; more would bloat the store without changing the chart. */
    private static final int BATCHES_PER_EPOCH = 100;

    private final RunStore store;
    private int batchesPerEpoch = 1;
    private final List<BatchRecord> pendingBatches = new ArrayList<>();
    private long runId = -1;

    StoreRecorder(RunStore store) {
        this.store = store;
    }

    long begin(ExperimentSpec spec, Provenance provenance, int batchesPerEpoch) {
        this.batchesPerEpoch = batchesPerEpoch;
        runId = store.createRun(spec, provenance);
        return runId;
    }

    void batch(BatchRecord batch) {
        int stride = Math.max(1, (batchesPerEpoch + BATCHES_PER_EPOCH - 1) / BATCHES_PER_EPOCH);
        if (batch.batch() % stride == 0) {
            pendingBatches.add(batch);
        }
    }

    void epoch(EpochRecord epoch, List<PowerSample> powerSinceLastEpoch) {
        if (!pendingBatches.isEmpty()) {
            store.appendBatches(runId, List.copyOf(pendingBatches));
            pendingBatches.clear();
        }
        if (!powerSinceLastEpoch.isEmpty()) {
            store.appendPower(runId, powerSinceLastEpoch);
        }
        store.appendEpoch(runId, epoch);
    }

    void compressionStep(CompressionReport report) {
        store.appendCompressionStep(runId, report.index(), ResultJson.write(report));
    }

    RunResult finish(RunResult result) {
        RunResult stored = result.withId(runId);
        store.finishRun(runId, stored);
        return stored;
    }

    boolean hasRun() {
        return runId >= 0;
    }

    java.nio.file.Path modelDir() {
        return store.modelDir(runId);
    }
}
