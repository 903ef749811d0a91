package dev.verdant.spec;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;
import java.util.Objects;

/**
 * Active learning under a label budget: the run starts from a small class-stratified labelled seed set taken from the
 * training split, and each round trains, evaluates on the fixed validation split, scores the unlabelled rest (the
 * pool) and reveals the labels of the samples the strategy picks.
 *
 * @param strategy       how pool samples are picked: {@code random}, {@code least-confidence}, {@code margin},
 *                       {@code entropy} or {@code coreset} (k-center greedy on the network's embeddings)
 * @param initial        labelled seed set size (class-stratified)
 * @param perRound       labels revealed after each round but the last
 * @param rounds         training rounds; round r trains on {@code initial + (r-1) * perRound} labels. Null when
 *                       {@code budget} is given (then {@code 1 + (budget - initial) / perRound} rounds)
 * @param budget         total labels the run may use; null when {@code rounds} is given
 * @param retrain        {@code continue} (each round starts from the last round's weights) or {@code from-scratch}
 * @param epochsPerRound epochs of training per round
 * @param poolLimit      score only a random subset of this many pool samples per round (for speed); null: all
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ActiveLearningSpec(String strategy, Integer initial, Integer perRound, Integer rounds, Integer budget,
                                 String retrain, Integer epochsPerRound, Integer poolLimit) {

    /** The query strategies. */
    public static final List<String> STRATEGIES = List.of("random", "least-confidence", "margin", "entropy", "coreset");
    /** What each round starts from. */
    public static final List<String> RETRAIN = List.of("continue", "from-scratch");

    public ActiveLearningSpec {
        strategy = Objects.requireNonNullElse(strategy, "margin");
        initial = Objects.requireNonNullElse(initial, 100);
        perRound = Objects.requireNonNullElse(perRound, 100);
        if (rounds == null && budget == null) {
            rounds = 10;
        }
        retrain = Objects.requireNonNullElse(retrain, "continue");
        epochsPerRound = Objects.requireNonNullElse(epochsPerRound, 3);
    }

    /** Margin sampling, 100 seed labels, 100 per round, 10 rounds, 3 epochs a round, continuing. */
    public static ActiveLearningSpec defaults() {
        return new ActiveLearningSpec(null, null, null, null, null, null, null, null);
    }

    /** The training rounds: {@code rounds}, or what the budget allows after the seed set. */
    public int roundCount() {
        if (rounds != null) {
            return rounds;
        }
        return 1 + Math.max(0, budget - initial) / Math.max(1, perRound);
    }

    /** Labels used in round {@code round} (1-based). */
    public int labelledAt(int round) {
        return initial + (round - 1) * perRound;
    }

    public ActiveLearningSpec withStrategy(String newStrategy) {
        return new ActiveLearningSpec(newStrategy, initial, perRound, rounds, budget, retrain, epochsPerRound,
                poolLimit);
    }
}
