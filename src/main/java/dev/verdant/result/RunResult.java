package dev.verdant.result;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.verdant.spec.ExperimentSpec;

import java.util.List;

/**
 * A finished (or stopped) run as a value: its spec, provenance, final metrics and per-epoch history.
 * This is the result JSON written by {@code verdant run --out}.
 *
 * @param id          the store's id of the run; null when the run was not stored
 * @param name        the spec's name
 * @param status      how the run ended
 * @param message     why it did not complete (and what to do), or null
 * @param spec        the spec it ran
 * @param provenance  where and how it ran
 * @param finalMetrics headline figures, serialised as {@code final}
 * @param epochs      one record per completed epoch
 * @param power       power samples over time (downsampled); empty without a meter
 * @param startedAt   ISO-8601 start time
 * @param endedAt     ISO-8601 end time
 * @param compression one report per compression step, the baseline first; empty without compression
 * @param rounds      one record per active-learning round; empty (and left out of the JSON) otherwise
 * @param transfer    what a transfer run reused and cost; null (left out) for a run on a fresh network
 *
 * Metrics without delivered figures (written before they existed) get them from the compression reports here, so
 * every reader sees what the run delivers (see {@link DeliveredFigures}).
 */
public record RunResult(Long id, String name, RunStatus status, String message, ExperimentSpec spec,
                        Provenance provenance, @JsonProperty("final") FinalMetrics finalMetrics,
                        List<EpochRecord> epochs, List<PowerSample> power, String startedAt, String endedAt,
                        List<CompressionReport> compression,
                        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<RoundRecord> rounds,
                        @JsonInclude(JsonInclude.Include.NON_NULL) TransferReport transfer) {

    public RunResult {
        rounds = rounds == null ? List.of() : List.copyOf(rounds);
        epochs = epochs == null ? List.of() : List.copyOf(epochs);
        power = power == null ? List.of() : List.copyOf(power);
        compression = compression == null ? List.of() : List.copyOf(compression);
        finalMetrics = DeliveredFigures.fill(finalMetrics, compression);
    }

    /** A result without active-learning rounds or transfer report (the arity before they existed). */
    public RunResult(Long id, String name, RunStatus status, String message, ExperimentSpec spec,
                     Provenance provenance, FinalMetrics finalMetrics, List<EpochRecord> epochs,
                     List<PowerSample> power, String startedAt, String endedAt, List<CompressionReport> compression) {
        this(id, name, status, message, spec, provenance, finalMetrics, epochs, power, startedAt, endedAt,
                compression, List.of(), null);
    }

    /** The same result under a store id. */
    public RunResult withId(Long newId) {
        return new RunResult(newId, name, status, message, spec, provenance, finalMetrics, epochs, power,
                startedAt, endedAt, compression, rounds, transfer);
    }

    /** The same result with its active-learning rounds and transfer report. */
    public RunResult withDataEfficiency(List<RoundRecord> newRounds, TransferReport newTransfer) {
        return new RunResult(id, name, status, message, spec, provenance, finalMetrics, epochs, power,
                startedAt, endedAt, compression, newRounds, newTransfer);
    }

    /** The same result with its compression reports (and the delivered figures derived from them). */
    public RunResult withCompression(List<CompressionReport> reports) {
        FinalMetrics m = finalMetrics == null ? null : finalMetrics.withoutDelivered();
        return new RunResult(id, name, status, message, spec, provenance, m, epochs, power,
                startedAt, endedAt, reports, rounds, transfer);
    }
}
