package dev.verdant.cluster;

import dev.verdant.spec.ExperimentSpec;

/**
 * One trial in the cluster's trial map, as the coordinator offers it and a worker leases it. Entries are replaced
 * whole with {@code replace(key, expected, new)}, so two workers can never lease the same attempt, and a worker's
 * renewal fails the moment the coordinator has taken the trial back.
 *
 * @param trialId    the sweep's trial id (also the map key)
 * @param attempt    which attempt this is (1 first); a re-run after a lost worker gets the next
 * @param state      {@code pending}, {@code leased} (a worker runs it) or {@code reported} (its result is on the way)
 * @param spec       the spec to run
 * @param worker     the leasing worker's name; null while pending
 * @param workerUuid the leasing worker's Hazelcast client id, to notice it leave; null while pending
 * @param renewals   how often the lease was renewed; the coordinator measures lapses on its own clock by watching
 *                   this number change, so the machines' clocks need not agree
 * @param cancel     the coordinator asks the worker to stop the run (a pruned or cancelled trial)
 * @param data       the file dataset's content (hashes) when the spec reads files; null for built-in and synthetic
 */
record TrialEntry(String trialId, int attempt, String state, ExperimentSpec spec, String worker, String workerUuid,
                  long renewals, boolean cancel, DataRef data) {

    static final String PENDING = "pending";
    static final String LEASED = "leased";
    static final String REPORTED = "reported";

    static TrialEntry pending(String trialId, int attempt, ExperimentSpec spec, DataRef data) {
        return new TrialEntry(trialId, attempt, PENDING, spec, null, null, 0, false, data);
    }

    TrialEntry leasedBy(String workerName, String uuid) {
        return new TrialEntry(trialId, attempt, LEASED, spec, workerName, uuid, 0, cancel, data);
    }

    TrialEntry renewed() {
        return new TrialEntry(trialId, attempt, state, spec, worker, workerUuid, renewals + 1, cancel, data);
    }

    TrialEntry reported() {
        return new TrialEntry(trialId, attempt, REPORTED, spec, worker, workerUuid, renewals + 1, cancel, data);
    }

    TrialEntry cancelled() {
        return new TrialEntry(trialId, attempt, state, spec, worker, workerUuid, renewals, true, data);
    }

    boolean isPending() {
        return PENDING.equals(state);
    }

    boolean isLeased() {
        return LEASED.equals(state);
    }

    /** The map value: this entry, signed by {@code from}. */
    String seal(ClusterKey key, String from) {
        return Wire.seal(key, "trial", from, Wire.JSON.valueToTree(this));
    }

    /** The entry in a signed map value; null when it does not verify or is not a trial entry. */
    static TrialEntry open(ClusterKey key, String raw) {
        return Wire.open(key, raw).filter(m -> m.kind().equals("trial")).map(m -> {
            try {
                return Wire.JSON.treeToValue(m.body(), TrialEntry.class);
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                return null;
            }
        }).orElse(null);
    }
}
