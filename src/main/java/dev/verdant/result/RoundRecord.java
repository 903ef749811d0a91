package dev.verdant.result;

/**
 * One active-learning round: trained on {@code labelled} labels, then evaluated on the fixed validation split.
 * Energy figures are the run's meter's (measured or estimated: see the run's energy method); they belong to the
 * model trained in this round.
 *
 * @param round                  1-based round number
 * @param labelled               labels the round trained on
 * @param valAccuracy            validation accuracy after the round's training
 * @param energyJoules           joules of the round: its training, evaluation and query
 * @param cumulativeEnergyJoules joules of every round so far (queries included)
 * @param queryJoules            joules of scoring the pool after this round (phase {@code query}); 0 after the last
 * @param poolScored             pool samples scored after this round (0 after the last round)
 */
public record RoundRecord(int round, int labelled, double valAccuracy, double energyJoules,
                          double cumulativeEnergyJoules, double queryJoules, int poolScored) {
}
