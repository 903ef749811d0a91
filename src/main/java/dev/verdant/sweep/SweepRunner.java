package dev.verdant.sweep;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.verdant.result.RunResult;
import dev.verdant.result.RunStatus;
import dev.verdant.run.RunEvent;
import dev.verdant.run.RunListener;
import dev.verdant.run.DataSize;
import dev.verdant.result.EpochForecast;
import dev.verdant.result.EpochRecord;
import dev.verdant.run.TargetForecast;
import dev.verdant.spec.DatasetSpec;
import dev.verdant.spec.ExperimentSpec;
import dev.verdant.spec.Mappers;
import dev.verdant.spec.TransferSpec;
import dev.verdant.spec.SpecException;
import dev.verdant.spec.SweepCodec;
import dev.verdant.spec.SweepObjective;
import dev.verdant.spec.SweepSpec;
import dev.verdant.store.RunStore;
import dev.verdant.store.StoredSweep;
import dev.verdant.store.SweepStatus;
import dev.verdant.store.SweepStore;
import dev.verdant.store.TrialRecord;
import dev.verdant.store.TrialStatus;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * Runs a sweep through any {@link TrialExecutor} (this JVM, or cluster workers), keeping every trial in the
 * store as it goes: a trial attempt is recorded before it is handed over, and its result committed once when it
 * ends, so a sweep killed at any point resumes ({@link #resume}) with every finished trial kept and each unfinished
 * one run again as its next attempt. Rung by rung, it runs each trial (up to the executor's parallelism at once),
 * promotes the best by {@link Promotion} and marks the rest pruned, and stops at the first budget (joules, trial
 * runs, seconds) or the target reached. When asked, a promoted trial goes on from its previous rung's model, a rung
 * in joules ends each trial at the epoch where its allowance is spent, and a trial is pruned on its energy-to-target
 * forecast. One class because the loop, its budget checks, the per-epoch decisions on running trials and its
 * bookkeeping share one state; the ranking, planning and summary live in their own classes.
 */
public final class SweepRunner {

    private final RunStore runs;
    private final SweepStore store;
    private final TrialExecutor executor;
    private final SweepListener listener;

    private volatile SweepStop stop;
    private final Map<String, InFlight> inFlight = new ConcurrentHashMap<>();
    private final Map<String, List<TrialRecord>> rows = new HashMap<>();
    private final Map<DatasetSpec, Integer> validationSizes = new HashMap<>();
    private double committedJoules;
    private int started;
    private long sessionStartNanos;
    private double elapsedBefore;
    private long lastElapsedNanos;
    private long sweepId = -1;
    private SweepPlan plan;
    private SweepSpec sweep;

    /** A runner storing in {@code runs}' sweep tables and running trials on {@code executor}. */
    public SweepRunner(RunStore runs, TrialExecutor executor, SweepListener listener) {
        this.runs = runs;
        this.store = runs.sweeps();
        this.executor = executor;
        this.listener = listener == null ? new SweepListener() { } : listener;
    }

    /** The sweep's id once {@link #run} or {@link #resume} has created or found it; -1 before. */
    public long sweepId() {
        return sweepId;
    }

    /** Asks the sweep to stop: running trials are cancelled (their completed epochs kept), nothing new starts. */
    public void stop() {
        requestStop(SweepStop.CANCELLED);
    }

    /**
     * Plans, records and runs a new sweep (validated, base inlined, as {@link SweepCodec} reads it).
     *
     * @throws SpecException before anything is stored when a configuration fails the spec validator
     */
    public SweepResult run(SweepSpec spec) throws InterruptedException {
        SweepPlan planned = SweepPlan.of(spec); // every configuration checked before the sweep is stored
        long id = store.createSweep(spec.name(), spec.method().label(), SweepCodec.toJson(spec));
        return go(id, planned, 0.0);
    }

    /**
     * Goes on with a stored sweep: attempts left open by a dead process are marked interrupted and run again; every
     * trial with a result is kept and not run again.
     */
    public SweepResult resume(long id) throws InterruptedException {
        StoredSweep stored = store.sweep(id).orElseThrow(() -> new IllegalArgumentException(
                "there is no sweep " + id + " in the store; 'verdant sweeps list' shows the stored ones"));
        SweepSpec spec = SweepCodec.fromStored(stored.specJson());
        SweepPlan planned = SweepPlan.of(spec);
        store.claimSweep(id);
        store.interruptOpenTrials(id);
        return go(id, planned, stored.elapsedSeconds());
    }

    private SweepResult go(long id, SweepPlan planned, double elapsed) throws InterruptedException {
        this.sweepId = id;
        this.plan = planned;
        this.sweep = planned.sweep();
        this.elapsedBefore = elapsed;
        this.sessionStartNanos = System.nanoTime();
        this.lastElapsedNanos = sessionStartNanos;
        this.stop = null;
        List<TrialRecord> stored = store.trials(id);
        for (TrialRecord t : stored) {
            rows.computeIfAbsent(t.trialId(), k -> new ArrayList<>()).add(t);
            if (t.energyJoules() != null) {
                committedJoules += t.energyJoules();
            }
            if (t.status() != TrialStatus.PENDING) {
                started++;
            }
        }
        listener.onPlanned(id, planned, stored);
        try {
            for (SweepPlan.Bracket bracket : planned.brackets()) {
                runBracket(bracket);
                if (stop != null) {
                    break;
                }
            }
        } catch (InterruptedException e) {
            requestStop(SweepStop.CANCELLED);
            finish(SweepStop.CANCELLED, null);
            throw e;
        } catch (RuntimeException e) {
            requestStop(SweepStop.FAILED);
            String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            return finish(SweepStop.FAILED, "The sweep failed: " + why);
        }
        return finish(stop == null ? SweepStop.COMPLETED : stop, null);
    }

    private void runBracket(SweepPlan.Bracket bracket) throws InterruptedException {
        List<Configuration> alive = bracket.configs();
        for (int rung = 0; rung < bracket.epochs().size(); rung++) {
            int epochs = bracket.epochs().get(rung);
            List<Task> tasks = new ArrayList<>();
            for (Configuration c : alive) {
                for (int r = 0; r < sweep.repeats(); r++) {
                    tasks.add(new Task(c, bracket.index(), rung, r, epochs, bracket.allowance(rung)));
                }
            }
            runTasks(tasks);
            if (stop != null || rung == bracket.epochs().size() - 1) {
                return;
            }
            alive = promote(alive, rung, bracket.keep().get(rung + 1));
        }
    }

    /** Ranks the rung's configurations, marks those not kept pruned, and returns the kept ones in number order. */
    private List<Configuration> promote(List<Configuration> alive, int rung, int keep) {
        List<SweepObjective> objectives = sweep.objectives();
        List<Promotion.Point> points = new ArrayList<>();
        Map<Integer, Configuration> byNumber = new LinkedHashMap<>();
        for (Configuration c : alive) {
            if (prunedAt(c, rung)) {
                continue; // its forecast pruned it during the rung: not a candidate
            }
            byNumber.put(c.number(), c);
            double[] v = new double[objectives.size()];
            double[] err = new double[objectives.size()];
            for (int i = 0; i < v.length; i++) {
                v[i] = mean(c, rung, objectives.get(i).metric());
                if (objectives.get(i).isAccuracy()) { // binomial noise of the mean over the pooled validation sets
                    err[i] = Promotion.accuracyError(v[i], (long) validationSamples(c) * sweep.repeats());
                }
            }
            points.add(new Promotion.Point(c.number(), v, err));
        }
        List<Promotion.Point> ranked = Promotion.rank(points, objectives, selection());
        Set<Integer> kept = new HashSet<>();
        for (int i = 0; i < Math.min(keep, ranked.size()); i++) {
            kept.add(ranked.get(i).key());
        }
        List<Configuration> next = new ArrayList<>();
        for (int i = 0; i < ranked.size(); i++) {
            Configuration c = byNumber.get(ranked.get(i).key());
            if (kept.contains(c.number())) {
                next.add(c);
                continue;
            }
            for (int r = 0; r < sweep.repeats(); r++) {
                Optional<TrialRecord> row = latest(PlanIds.id(sweepId, c.number(), rung, r));
                if (row.isPresent() && row.get().status() == TrialStatus.COMPLETED) {
                    String why = "not promoted past rung " + rung + ": ranked " + (i + 1) + " of " + ranked.size()
                            + " (" + keep + " kept)";
                    store.setTrialStatus(row.get().trialId(), row.get().attempt(), TrialStatus.PRUNED, why);
                    TrialRecord pruned = row.get().withResult(TrialStatus.PRUNED, row.get().runId(),
                            row.get().accuracy(), row.get().energyJoules(), row.get().energyMethod(),
                            row.get().seconds(), row.get().metricsJson(), why);
                    replace(pruned);
                    listener.onTrialPruned(pruned);
                }
            }
        }
        next.sort(Comparator.comparingInt(Configuration::number));
        return next;
    }

    /** True when a repeat of the configuration was pruned during the rung (by its forecast). */
    private boolean prunedAt(Configuration c, int rung) {
        for (int r = 0; r < sweep.repeats(); r++) {
            Optional<TrialRecord> row = latest(PlanIds.id(sweepId, c.number(), rung, r));
            if (row.isPresent() && row.get().status() == TrialStatus.PRUNED) {
                return true;
            }
        }
        return false;
    }

    /** The front order asked for by {@code halving.selection} (validated; epsnet by default). */
    private Promotion.Selection selection() {
        Promotion.Selection s = Promotion.Selection.of(sweep.halving().selectionOrDefault());
        return s == null ? Promotion.Selection.EPSNET : s;
    }

    /**
     * Validation samples of a configuration's data, for the accuracy's standard error in promotion; read once per
     * dataset section (the data is loaded as its runs load it). 0, meaning "compare exactly", if it cannot be read.
     */
    private int validationSamples(Configuration c) {
        return validationSizes.computeIfAbsent(c.spec().dataset(), d -> {
            try {
                return DataSize.validationSamples(d, c.spec().seed());
            } catch (RuntimeException e) {
                return 0;
            }
        });
    }

    /** The mean of {@code metric} over the configuration's repeats at a rung; NaN when one has no value. */
    private double mean(Configuration c, int rung, String metric) {
        double sum = 0;
        for (int r = 0; r < sweep.repeats(); r++) {
            Optional<TrialRecord> row = latest(PlanIds.id(sweepId, c.number(), rung, r));
            Double v = row.filter(t -> t.status().hasResult()).map(t -> metricOf(t, metric)).orElse(null);
            if (v == null || v.isNaN()) {
                return Double.NaN;
            }
            sum += v;
        }
        return sum / sweep.repeats();
    }

    static Double metricOf(TrialRecord t, String metric) {
        if (t.metricsJson() == null) {
            return null;
        }
        try {
            var node = Mappers.json().readTree(t.metricsJson()).get(metric);
            return node == null || node.isNull() ? null : node.asDouble();
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    /** One trial to run: {@code epochs} its recipe's epochs (the most, with joule rungs), {@code allowance} its joule
     * allowance by the rung's end, or null for rungs in epochs. */
    private record Task(Configuration config, int bracket, int rung, int repeat, int epochs, Double allowance) {
    }

    private static final class InFlight {
        final Task task;
        final String trialId;
        final int attempt;
        /** The previous rung's result this attempt continues from, or null (trained from scratch). */
        final TrialRecord previous;
        final int priorEpochs;
        final double priorJoules;
        final double priorSeconds;
        volatile TrialRun run;
        volatile double liveJoules;
        /** Why the forecast pruned it, once it has (the run is then cancelled). */
        volatile String pruneReason;
        /** The rung's joule allowance was spent: its run was stopped at that epoch's end. */
        volatile boolean allowanceSpent;
        volatile int epochsDone;
        /** The trial's epochs so far, numbered from its first rung, energy cumulative over its runs (forecast). */
        final List<EpochRecord> history = new ArrayList<>();

        InFlight(Task task, String trialId, int attempt, TrialRecord previous) {
            this.task = task;
            this.trialId = trialId;
            this.attempt = attempt;
            this.previous = previous;
            this.priorEpochs = previous == null ? 0 : previous.epochs();
            this.priorJoules = previous == null ? 0 : recipeFigure(previous, RECIPE_JOULES, previous.energyJoules());
            this.priorSeconds = previous == null ? 0 : recipeFigure(previous, RECIPE_SECONDS, previous.seconds());
        }
    }

    /** Metrics-JSON key: joules of everything that produced a trial's model (its run and the runs it continued). */
    static final String RECIPE_JOULES = "recipeJoules";
    /** Metrics-JSON key: seconds of those runs. */
    static final String RECIPE_SECONDS = "recipeSeconds";
    /** Metrics-JSON key: validation samples its accuracy was measured on. */
    static final String VALIDATION_SAMPLES = "validationSamples";

    /** A trial's recipe figure from its metrics, else {@code fallback} (rows written before continuation). */
    static double recipeFigure(TrialRecord t, String key, Double fallback) {
        Double v = metricOf(t, key);
        return v != null ? v : fallback == null ? 0 : fallback;
    }

    /**
     * The previous rung's result a promoted trial can continue from: only when asked (halving.continueTrials), the
     * executor can load a stored model, and that run completed with a saved model; else null, and
     * the trial trains from scratch.
     */
    private TrialRecord continuable(Task t) {
        if (t.rung() == 0 || !sweep.halving().continues() || !executor.continuesTrials()) {
            return null;
        }
        Optional<TrialRecord> prev = latest(PlanIds.id(sweepId, t.config().number(), t.rung() - 1, t.repeat()));
        if (prev.isEmpty() || !prev.get().status().hasResult() || prev.get().runId() == null
                || prev.get().epochs() >= t.epochs()) {
            return null;
        }
        boolean saved = runs.modelPath(prev.get().runId())
                .map(d -> java.nio.file.Files.exists(d.resolve("model-0000.params"))).orElse(false);
        return saved ? prev.get() : null;
    }

    private record Done(InFlight flight, RunResult result, Throwable error) {
    }

    private void runTasks(List<Task> tasks) throws InterruptedException {
        Deque<Task> queue = new ArrayDeque<>();
        for (Task t : tasks) {
            Optional<TrialRecord> row = latest(PlanIds.id(sweepId, t.config().number(), t.rung(), t.repeat()));
            boolean finished = row.isPresent() && (row.get().status().hasResult()
                    || row.get().status() == TrialStatus.FAILED);
            if (!finished) {
                queue.add(t);
            }
        }
        BlockingQueue<Done> done = new LinkedBlockingQueue<>();
        while (!queue.isEmpty() || !inFlight.isEmpty()) {
            while (stop == null && inFlight.size() < Math.max(1, executor.parallelism()) && !queue.isEmpty()) {
                SweepStop budget = budgetReached();
                if (budget != null) {
                    requestStop(budget);
                    break;
                }
                start(queue.poll(), done);
            }
            if (inFlight.isEmpty()) {
                return;
            }
            handle(done.take());
        }
    }

    private void start(Task t, BlockingQueue<Done> done) {
        String trialId = PlanIds.id(sweepId, t.config().number(), t.rung(), t.repeat());
        int attempt = latest(trialId).map(r -> r.attempt() + 1).orElse(1);
        TrialRecord pending = TrialRecord.pending(sweepId, trialId, attempt, t.config().number(), t.bracket(),
                t.rung(), t.repeat(), t.epochs(), t.config().valuesJson());
        store.addTrial(pending);
        add(pending);
        TrialRecord previous = continuable(t);
        InFlight flight = new InFlight(t, trialId, attempt, previous);
        if (sweep.halving().forecastStops() && sweep.targetAccuracy() != null) {
            flight.history.addAll(chainEpochs(previous));
        }
        inFlight.put(trialId, flight);
        ExperimentSpec spec = plan.attemptSpec(t.config(), t.rung(), t.repeat(),
                Math.max(1, t.epochs() - flight.priorEpochs));
        if (previous != null) { // go on from the previous rung's model: only the epochs it lacks are trained
            spec = spec.withTransfer(new TransferSpec(previous.runId(), "continue", null, 0));
        }
        TrialAttempt a = new TrialAttempt(trialId, attempt, spec);
        TrialRun run = executor.start(a, new TrialListener(flight));
        flight.run = run;
        started++;
        store.trialStarted(trialId, attempt, run.worker());
        TrialRecord running = new TrialRecord(sweepId, trialId, attempt, pending.config(), pending.bracket(),
                pending.rung(), pending.repeat(), pending.epochs(), pending.paramsJson(), TrialStatus.RUNNING,
                null, run.worker(), null, null, null, null, null, null, Instant.now().toString(), null);
        replace(running);
        listener.onTrialStarted(running);
        if (stop != null) {
            run.cancel(); // the stop came while it was being handed over
        }
        run.result().whenComplete((r, e) -> done.add(new Done(flight, r, e)));
    }

    /** Hears one trial's run: records its run id, tracks its energy against the budget, passes epochs on. */
    private final class TrialListener implements RunListener {
        private final InFlight flight;

        TrialListener(InFlight flight) {
            this.flight = flight;
        }

        @Override
        public void onStarted(RunEvent.Started e) {
            if (e.runId().stored()) {
                store.trialRun(flight.trialId, flight.attempt, e.runId().value());
            }
        }

        @Override
        public void onEpoch(RunEvent.EpochEnded e) {
            Double cumulative = e.epoch().cumulativeEnergyJoules();
            flight.epochsDone = e.epoch().epoch();
            if (cumulative != null) {
                flight.liveJoules = cumulative;
                Double budget = sweep.budget().joules();
                if (budget != null && spentJoules() >= budget) {
                    requestStop(SweepStop.BUDGET_JOULES);
                }
                Double allowance = flight.task.allowance();
                if (allowance != null && flight.priorJoules + cumulative >= allowance && !flight.allowanceSpent) {
                    flight.allowanceSpent = true; // checked before the next batch: the run ends at this epoch
                    cancel(flight);
                }
            }
            if (flight.pruneReason == null && !flight.allowanceSpent) {
                forecastCheck(flight, e.epoch());
            }
            listener.onTrialEpoch(flight.trialId, flight.attempt, e);
        }
    }

    private static void cancel(InFlight f) {
        TrialRun run = f.run;
        if (run != null) {
            run.cancel();
        }
    }

    /**
     * With {@code halving.stopOnForecast} and a target: adds the epoch to the trial's history and prunes the trial
     * when the energy-to-target forecast (estimated, {@link TargetForecast}) says the target is out of reach within
     * the sweep's most epochs, or would cost more joules than the budget has left.
     */
    private void forecastCheck(InFlight f, EpochRecord epoch) {
        Double target = sweep.targetAccuracy();
        if (!sweep.halving().forecastStops() || target == null || epoch.cumulativeEnergyJoules() == null) {
            return;
        }
        EpochRecord chained = renumbered(epoch, f.priorEpochs + epoch.epoch(), f.priorJoules);
        f.history.add(chained);
        if (f.history.size() < TargetForecast.MIN_EPOCHS || chained.valAccuracy() >= target) {
            return;
        }
        int horizon = plan.brackets().stream().flatMap(b -> b.epochs().stream()).mapToInt(Integer::intValue).max()
                .orElse(f.task.epochs());
        EpochForecast fc = TargetForecast.forecast(f.history, target, horizon, sweep.seed());
        String at = "pruned at rung " + f.task.rung() + " after epoch " + chained.epoch() + ": ";
        if (fc == null) {
            f.pruneReason = at + String.format(Locale.ROOT, "the energy-to-target forecast (estimated) does not "
                    + "reach the target %.4f within %d epochs (accuracy now %.4f)", target, horizon,
                    chained.valAccuracy());
        } else if (fc.joulesToTarget() != null && sweep.budget().joules() != null) {
            double more = fc.joulesToTarget() - chained.cumulativeEnergyJoules();
            double left = sweep.budget().joules() - spentJoules();
            if (more > left) {
                f.pruneReason = at + String.format(Locale.ROOT, "the energy-to-target forecast (estimated) needs "
                        + "about %.1f J more to reach %.4f, more than the %.1f J the budget has left", more, target,
                        Math.max(0, left));
            }
        }
        if (f.pruneReason != null) {
            cancel(f);
        }
    }

    /** An epoch renumbered from the trial's first rung, its cumulative energy counting the runs it went on from. */
    private static EpochRecord renumbered(EpochRecord e, int epoch, double priorJoules) {
        return new EpochRecord(epoch, e.trainLoss(), e.trainAccuracy(), e.valLoss(), e.valAccuracy(), e.seconds(),
                e.samplesPerSecond(), e.learningRate(), e.flopsPerSample(), e.energyJoules(),
                e.cumulativeEnergyJoules() == null ? null : priorJoules + e.cumulativeEnergyJoules(), e.resolution(),
                e.depth(), e.frozenLayers(), e.dropRate(), e.trainFlopsPerSample(), e.forecast());
    }

    /**
     * The epochs of the runs a continued trial goes on from, oldest first, numbered from its first rung (empty
     * when it starts from scratch): read back from the store, following each rung's continuedFromRun.
     */
    private List<EpochRecord> chainEpochs(TrialRecord previous) {
        List<TrialRecord> chain = new ArrayList<>();
        TrialRecord t = previous;
        while (t != null) {
            chain.add(0, t);
            if (t.rung() == 0 || metricOf(t, "continuedFromRun") == null) {
                break;
            }
            t = latest(PlanIds.id(sweepId, t.config(), t.rung() - 1, t.repeat())).orElse(null);
        }
        List<EpochRecord> out = new ArrayList<>();
        double joules = 0;
        int epochs = 0;
        for (TrialRecord r : chain) {
            if (r.runId() == null) {
                return List.of();
            }
            List<EpochRecord> own = runs.load(r.runId()).map(RunResult::epochs).orElse(List.of());
            for (EpochRecord e : own) {
                out.add(renumbered(e, epochs + e.epoch(), joules));
            }
            epochs += own.size();
            joules = recipeFigure(r, RECIPE_JOULES, r.energyJoules());
        }
        return out;
    }

    /** Joules committed plus those of the runs still going. */
    private double spentJoules() {
        double live = 0;
        for (InFlight f : inFlight.values()) {
            live += f.liveJoules;
        }
        return committedJoules + live;
    }

    private void handle(Done d) {
        InFlight f = d.flight();
        RunResult r = d.result();
        TrialStatus status;
        String message = null;
        if (d.error() != null || r == null) {
            status = TrialStatus.FAILED;
            message = "the attempt was lost: " + (d.error() == null ? "no result" : d.error().getMessage());
        } else {
            status = switch (r.status()) {
                case COMPLETED, DIVERGED -> TrialStatus.COMPLETED;
                case CANCELLED -> TrialStatus.CANCELLED;
                case INTERRUPTED, RUNNING -> TrialStatus.INTERRUPTED;
                case FAILED -> TrialStatus.FAILED;
            };
            if (r.status() == RunStatus.DIVERGED) {
                message = "its run diverged";
            } else if (status != TrialStatus.COMPLETED) {
                message = r.message();
            }
            if (f.pruneReason != null && (status == TrialStatus.CANCELLED || status == TrialStatus.COMPLETED)) {
                status = TrialStatus.PRUNED; // by its forecast: it keeps the figures of the epochs it trained
                message = f.pruneReason;
            } else if (f.allowanceSpent && status == TrialStatus.CANCELLED && stop == null) {
                status = TrialStatus.COMPLETED; // stopped by the runner at an epoch's end, not by anyone's cancel
                message = String.format(Locale.ROOT, "its rung's allowance of %.3f J was spent after epoch %d "
                        + "(rungs in joules end at an epoch boundary)", f.task.allowance(),
                        f.priorEpochs + f.epochsDone);
            }
        }
        Double joules = Metrics.joules(r);
        ObjectNode metrics = Mappers.json().createObjectNode();
        for (String m : dev.verdant.spec.SweepObjective.METRICS) {
            Double v = Metrics.of(r, m);
            if (v != null) {
                metrics.put(m, v);
            }
        }
        if (joules != null) {
            metrics.put(RECIPE_JOULES, f.priorJoules + joules);
        }
        Double runSeconds = r == null || r.finalMetrics() == null ? null : r.finalMetrics().trainSeconds();
        metrics.put(RECIPE_SECONDS, f.priorSeconds + (runSeconds == null ? 0 : runSeconds));
        if (f.previous != null) {
            metrics.put("continuedFromRun", f.previous.runId());
        }
        Double accuracy = Metrics.of(r, accuracyMetric());
        Long runId = r == null ? null : r.id();
        if (runId == null && f.run != null) {
            runId = f.run.runId().filter(dev.verdant.run.RunId::stored).map(dev.verdant.run.RunId::value)
                    .orElse(null);
        }
        TrialRecord base = latest(f.trialId).orElseThrow();
        int epochsTrained = f.task.allowance() == null || r == null ? base.epochs()
                : f.priorEpochs + r.epochs().size(); // joule rungs: the epochs it trained by its allowance
        metrics.put(VALIDATION_SAMPLES, validationSamples(f.task.config()));
        TrialRecord result = new TrialRecord(sweepId, f.trialId, f.attempt, base.config(), base.bracket(),
                base.rung(), base.repeat(), epochsTrained, base.paramsJson(), status, runId,
                f.run != null ? f.run.worker() : base.worker(), // a cluster trial's worker is known once leased
                accuracy, joules, r == null || r.finalMetrics() == null ? null : r.finalMetrics().energyMethod(),
                r == null || r.finalMetrics() == null ? null : r.finalMetrics().trainSeconds(),
                metrics.toString(), message, base.startedAt(), Instant.now().toString());
        inFlight.remove(f.trialId);
        if (store.commitTrial(result)) {
            if (joules != null) {
                committedJoules += joules;
            }
            replace(result);
            listener.onTrialFinished(result);
        }
        long now = System.nanoTime();
        store.addElapsed(sweepId, (now - lastElapsedNanos) / 1e9);
        lastElapsedNanos = now;
        Double target = sweep.targetAccuracy();
        if (target != null && sweep.stopAtTarget() && status == TrialStatus.COMPLETED && accuracy != null
                && accuracy >= target) {
            requestStop(SweepStop.TARGET);
        }
        Double budget = sweep.budget().joules();
        if (budget != null && committedJoules >= budget) {
            requestStop(SweepStop.BUDGET_JOULES);
        }
    }

    /** The sweep's accuracy metric: its first accuracy objective, else the delivered accuracy. */
    private String accuracyMetric() {
        return sweep.objectives().stream().filter(SweepObjective::isAccuracy).map(SweepObjective::metric)
                .findFirst().orElse("deliveredAccuracy");
    }

    private SweepStop budgetReached() {
        var b = sweep.budget();
        if (b.joules() != null && spentJoules() >= b.joules()) {
            return SweepStop.BUDGET_JOULES;
        }
        if (b.trials() != null && started >= b.trials()) {
            return SweepStop.BUDGET_TRIALS;
        }
        if (b.seconds() != null && elapsedSeconds() >= b.seconds()) {
            return SweepStop.BUDGET_SECONDS;
        }
        return null;
    }

    private double elapsedSeconds() {
        return elapsedBefore + (System.nanoTime() - sessionStartNanos) / 1e9;
    }

    private synchronized void requestStop(SweepStop why) {
        if (stop == null) {
            stop = why;
        }
        for (InFlight f : inFlight.values()) {
            TrialRun run = f.run;
            if (run != null) {
                run.cancel();
            }
        }
    }

    private SweepResult finish(SweepStop why, String failure) {
        long now = System.nanoTime();
        store.addElapsed(sweepId, (now - lastElapsedNanos) / 1e9);
        lastElapsedNanos = now;
        List<TrialRecord> trials = store.trials(sweepId);
        SweepSummary summary = SweepSummary.of(sweep, trials);
        SweepStatus status = switch (why) {
            case COMPLETED -> SweepStatus.COMPLETED;
            case FAILED -> SweepStatus.FAILED;
            default -> SweepStatus.STOPPED;
        };
        String message = failure != null ? failure : why == SweepStop.COMPLETED
                ? "The sweep completed: every planned trial ran."
                : "The sweep stopped: " + why.sentence() + ".";
        String summaryJson;
        try {
            summaryJson = Mappers.json().writeValueAsString(summary);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a summary record always serialises", e);
        }
        store.finishSweep(sweepId, status, why == SweepStop.COMPLETED ? null : why.label(), message, summaryJson);
        SweepResult result = new SweepResult(sweepId, status, why, message, trials, summary);
        listener.onFinished(result);
        return result;
    }

    private Optional<TrialRecord> latest(String trialId) {
        List<TrialRecord> list = rows.get(trialId);
        return list == null || list.isEmpty() ? Optional.empty() : Optional.of(list.get(list.size() - 1));
    }

    private void add(TrialRecord t) {
        rows.computeIfAbsent(t.trialId(), k -> new ArrayList<>()).add(t);
    }

    private void replace(TrialRecord t) {
        List<TrialRecord> list = rows.computeIfAbsent(t.trialId(), k -> new ArrayList<>());
        list.removeIf(x -> x.attempt() == t.attempt());
        list.add(t);
        list.sort(Comparator.comparingInt(TrialRecord::attempt));
    }

    /** Trial ids of this sweep. */
    private static final class PlanIds {
        static String id(long sweepId, int config, int rung, int repeat) {
            return SweepPlan.trialId(sweepId, config, rung, repeat);
        }
    }

    /** The store this runner writes runs to (for callers wanting a trial's run). */
    public RunStore runStore() {
        return runs;
    }
}
