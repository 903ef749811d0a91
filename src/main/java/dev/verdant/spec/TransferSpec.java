package dev.verdant.spec;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;
import java.util.Objects;

/**
 * Start from a stored run's trained network instead of a fresh one: its classifier is replaced to fit this run's
 * classes, and {@code mode} says what trains. The run's model section is taken from the stored run.
 *
 * @param from  the stored run whose network is reused (must have completed training)
 * @param mode  {@code linear-probe} (only the new classifier trains; the backbone's weights stay bit-identical),
 *              {@code fine-tune-last} (the classifier and the last weighted layer before it) or
 *              {@code fine-tune-all}; or {@code continue}: every parameter, the classifier included, is taken over
 *              and all of it trains on (the same classes; a sweep's promoted trial goes on from its previous rung
 *              this way). The optimiser's state is not stored, so it starts afresh
 * @param shots keep only this many labelled training samples per class (few-shot); null: all
 * @param compareEpochs epochs the same network is given from scratch on the same samples, to compare against (how
 *              many joules it needs to reach the transferred model's accuracy); 0 for no comparison. Default: twice
 *              {@code training.epochs}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TransferSpec(Long from, String mode, Integer shots, Integer compareEpochs) {

    /** What trains after the transfer. */
    public static final List<String> MODES = List.of("linear-probe", "fine-tune-last", "fine-tune-all",
            "continue");

    public TransferSpec {
        mode = Objects.requireNonNullElse(mode, "linear-probe");
    }
}
