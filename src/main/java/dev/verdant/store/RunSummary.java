package dev.verdant.store;

import dev.verdant.result.RunStatus;

import java.util.List;

/**
 * One line of the run list: the headline figures without the per-epoch history.
 * Metric fields are null while a run has no final metrics (running, interrupted) or no energy meter ran.
 *
 * @param id              store id
 * @param name            run name
 * @param status          status
 * @param dataset         dataset name from the spec
 * @param arch            architecture from the spec
 * @param accuracy        final validation accuracy
 * @param energyJoules    total energy
 * @param co2eGrams       emissions
 * @param params          trainable parameters
 * @param epochsCompleted epochs finished (from the final metrics, else the stored epoch rows)
 * @param createdAt       ISO-8601 time the row was created
 * @param startedAt       ISO-8601 start time
 * @param endedAt         ISO-8601 end time, null while running
 * @param tags            tags, sorted
 */
public record RunSummary(long id, String name, RunStatus status, String dataset, String arch, Double accuracy,
                         Double energyJoules, Double co2eGrams, Long params, Integer epochsCompleted,
                         String createdAt, String startedAt, String endedAt, List<String> tags) {

    public RunSummary {
        tags = tags == null ? List.of() : List.copyOf(tags);
    }
}
