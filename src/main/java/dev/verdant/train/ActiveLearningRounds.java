package dev.verdant.train;

import ai.djl.Device;
import dev.verdant.data.LoadedData;
import dev.verdant.data.Split;
import dev.verdant.energy.EnergyMeter;
import dev.verdant.model.Net;
import dev.verdant.model.NetBlocks;
import dev.verdant.result.BatchRecord;
import dev.verdant.result.EpochRecord;
import dev.verdant.result.Phase;
import dev.verdant.result.RoundRecord;
import dev.verdant.result.RunStatus;
import dev.verdant.spec.ActiveLearningSpec;
import dev.verdant.spec.ExperimentSpec;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.BooleanSupplier;

/**
 * Active learning as a driver around ordinary training: each round is one {@link TrainingSession} (the one training
 * loop, {@code epochsPerRound} epochs) on the labelled subset of the training split, evaluated on the fixed
 * validation split; then the unlabelled pool is scored (phase {@link Phase#QUERY}, metered like any other phase) and
 * the strategy's picks have their labels revealed. The labelled set and the pool are index subsets of the training
 * split. With {@code retrain: continue} a round starts from the previous round's weights (with a fresh optimiser);
 * with {@code from-scratch} from the same initialisation each time.
 */
public final class ActiveLearningRounds {

    /**
     * What the rounds produced.
     *
     * @param training the last round's outcome, carrying every round's epochs (numbered on across rounds)
     * @param rounds   one record per completed round
     * @param net      the last round's trained network (description with values)
     * @param labelled the training-split indices labelled in the last round
     */
    public record Outcome(TrainingOutcome training, List<RoundRecord> rounds, Net net, int[] labelled) {
    }

    private ActiveLearningRounds() {
    }

    /**
     * Runs the rounds of {@code spec.activeLearning()} on {@code data}. {@code observer} hears every round's phases
     * (the query included), batches and epochs; it is expected to switch {@code meter}'s phase in
     * {@link TrainingObserver#onPhase}, as a run's observer does, so round energy is read from {@code meter}.
     */
    public static Outcome run(ExperimentSpec spec, LoadedData data, Device device, EnergyMeter meter,
                              TrainingObserver observer, BooleanSupplier cancelled) {
        ActiveLearningSpec al = spec.activeLearning();
        QueryStrategy strategy = QueryStrategy.of(al.strategy());
        ExperimentSpec roundSpec = spec.withTraining(spec.training().withEpochs(al.epochsPerRound()))
                .withActiveLearning(null);
        Split train = data.train();
        if (al.initial() >= train.size()) {
            throw new TrainingException("activeLearning.initial " + al.initial() + " labels the whole training split ("
                    + train.size() + " samples): nothing is left to query. Lower initial or use more data.");
        }
        int[] labelled = SeedSet.stratified(train.labels(), data.numClasses(), al.initial(), spec.seed());
        Random picker = new Random(spec.seed() * 31 + 7);
        List<RoundRecord> rounds = new ArrayList<>();
        List<EpochRecord> epochs = new ArrayList<>();
        TrainingOutcome last = null;
        Net net = null;
        double seconds = 0;
        double startJoules = meter.totalJoules();
        int totalRounds = al.roundCount();
        double roundStart = startJoules; // each round starts where the last one ended: no joule falls between
        for (int round = 1; round <= totalRounds; round++) {
            double queryStart = meter.joules(Phase.QUERY);
            LoadedData roundData = new LoadedData(data.name(), train.select(labelled), data.validation(),
                    data.sampleShape(), data.classNames(), data.sha256());
            Renumbering renumbered = new Renumbering(observer, epochs.size());
            int poolScored = 0;
            try (TrainingSession session = TrainingSession.create(roundSpec, roundData, device)) {
                if (net != null && "continue".equals(al.retrain())) {
                    NetBlocks.copyInto(net, session.network().block());
                }
                last = session.train(renumbered, cancelled);
                epochs.addAll(last.epochs());
                seconds += last.trainSeconds();
                net = session.trainedNet();
                if (last.status() != RunStatus.COMPLETED) {
                    break;
                }
                if (round < totalRounds) {
                    observer.onPhase(Phase.QUERY);
                    int[] pool = pool(train.size(), labelled, al.poolLimit(), picker);
                    poolScored = pool.length;
                    labelled = query(strategy, session, train, data.sampleShape(), pool, labelled,
                            al.perRound(), picker);
                    // closes the query phase: what follows (building the next round's network) is training
                    observer.onPhase(Phase.TRAIN);
                }
            }
            double end = meter.totalJoules();
            rounds.add(new RoundRecord(round, roundData.train().size(), last.finalEvaluation().accuracy(),
                    end - roundStart, end - startJoules, meter.joules(Phase.QUERY) - queryStart, poolScored));
            roundStart = end;
            if (labelled.length >= train.size()) {
                break; // every training label is revealed: more rounds would add nothing
            }
        }
        TrainingOutcome all = new TrainingOutcome(last.status(), last.message(), last.stopReason(),
                List.copyOf(epochs), last.finalEvaluation(), seconds, last.samplesPerSecond());
        return new Outcome(all, List.copyOf(rounds), net, labelled);
    }

    /** The unlabelled indices, or a random {@code limit} of them. */
    static int[] pool(int size, int[] labelled, Integer limit, Random random) {
        boolean[] taken = new boolean[size];
        for (int i : labelled) {
            taken[i] = true;
        }
        int[] pool = new int[size - labelled.length];
        int k = 0;
        for (int i = 0; i < size; i++) {
            if (!taken[i]) {
                pool[k++] = i;
            }
        }
        if (limit == null || limit >= pool.length) {
            return pool;
        }
        int[] p = dev.verdant.data.Datasets.permutation(pool.length, random);
        int[] out = new int[limit];
        for (int i = 0; i < limit; i++) {
            out[i] = pool[p[i]];
        }
        Arrays.sort(out);
        return out;
    }

    /** Scores {@code pool} with the session's network and returns the labelled set grown by the strategy's picks. */
    private static int[] query(QueryStrategy strategy, TrainingSession session, Split train, long[] shape, int[] pool,
                               int[] labelled, int perRound, Random random) {
        var block = session.network().block();
        var manager = session.model().getNDManager();
        PoolScores scores = PoolScores.of(block, manager, train, shape, pool, strategy.needsEmbeddings());
        float[][] labelledEmb = strategy.needsEmbeddings()
                ? PoolScores.of(block, manager, train, shape, labelled, true).embeddings() : null;
        int[] picks = strategy.pick(scores.probabilities(), scores.embeddings(), labelledEmb, perRound, random);
        int[] grown = Arrays.copyOf(labelled, labelled.length + picks.length);
        for (int i = 0; i < picks.length; i++) {
            grown[labelled.length + i] = pool[picks[i]];
        }
        Arrays.sort(grown);
        return grown;
    }

    /** Numbers epochs (and their batches) on across rounds, so a run's epochs stay unique and in order. */
    private static final class Renumbering implements TrainingObserver {
        private final TrainingObserver target;
        private final int offset;

        Renumbering(TrainingObserver target, int offset) {
            this.target = target;
            this.offset = offset;
        }

        @Override
        public void onPhase(Phase phase) {
            target.onPhase(phase);
        }

        @Override
        public void onBatch(BatchRecord b) {
            target.onBatch(new BatchRecord(b.epoch() + offset, b.batch(), b.loss(), b.accuracy(),
                    b.samplesPerSecond(), b.seconds()));
        }

        @Override
        public EpochRecord onEpoch(EpochRecord e) {
            return target.onEpoch(new EpochRecord(e.epoch() + offset, e.trainLoss(), e.trainAccuracy(), e.valLoss(),
                    e.valAccuracy(), e.seconds(), e.samplesPerSecond(), e.learningRate(), e.flopsPerSample(),
                    e.energyJoules(), e.cumulativeEnergyJoules(), e.resolution(), e.depth(), e.frozenLayers(),
                    e.dropRate(), e.trainFlopsPerSample()));
        }
    }
}
