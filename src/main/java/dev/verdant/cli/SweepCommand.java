package dev.verdant.cli;

import dev.verdant.run.RunEvent;
import dev.verdant.spec.SweepCodec;
import dev.verdant.spec.SweepSpec;
import dev.verdant.store.RunStore;
import dev.verdant.store.StoreLocation;
import dev.verdant.store.TrialRecord;
import dev.verdant.sweep.TrialExecutor;
import dev.verdant.sweep.SweepListener;
import dev.verdant.sweep.SweepPlan;
import dev.verdant.sweep.SweepResult;
import dev.verdant.sweep.SweepRunner;
import dev.verdant.sweep.SweepStop;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code verdant sweep FILE [--parallel N]}: runs a sweep headless, a line per trial on stderr, the trial table and
 * the recommendation with its waste ledger on stdout. {@code --resume ID} goes on with a stored sweep whose process
 * died. Exit code 0 when it completed or a budget or the target stopped it; 3 when cancelled; 1 when it failed.
 */
@Command(name = "sweep", mixinStandardHelpOptions = true,
        description = "Run a sweep (grid, random, successive halving, Hyperband) over an experiment spec.")
final class SweepCommand implements Callable<Integer> {

    @Parameters(index = "0", arity = "0..1", paramLabel = "FILE", description = "sweep file (.yaml)")
    Path file;

    @Option(names = "--parallel", paramLabel = "N", defaultValue = "1",
            description = "trials run at once in this process (default 1: runs on one machine distort each "
                    + "other's energy)")
    int parallel;

    @Option(names = "--resume", paramLabel = "ID", description = "go on with stored sweep ID instead of FILE")
    Long resume;

    @Option(names = "--quiet", description = "no per-trial progress on stderr")
    boolean quiet;

    @Option(names = "--db", paramLabel = "FILE",
            description = "store file (default: $VERDANT_DB, else the user data folder)")
    String db;

    @picocli.CommandLine.Mixin
    ClusterOptions cluster;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec command;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter err = command.commandLine().getErr();
        PrintWriter out = command.commandLine().getOut();
        if ((file == null) == (resume == null)) {
            throw new picocli.CommandLine.ParameterException(command.commandLine(),
                    "give a sweep FILE, or --resume ID to go on with a stored sweep");
        }
        if (parallel < 1 || parallel > 64) {
            throw new picocli.CommandLine.ParameterException(command.commandLine(),
                    "--parallel must be between 1 and 64, was " + parallel);
        }
        SweepSpec spec = file == null ? null : SweepCodec.read(file); // every problem reported before a run
        try (RunStore store = RunStore.open(StoreLocation.resolve(db));
             TrialExecutor executor = cluster.executor(store, parallel, err)) {
            SweepRunner runner = new SweepRunner(store, executor, quiet ? null : new Progress(err));
            SweepResult result;
            try (StopOnSignal signals = StopOnSignal.install(runner::stop, err)) {
                result = spec != null ? runner.run(spec) : runner.resume(resume);
            }
            out.print(SweepText.header(store.sweeps().sweep(result.sweepId()).orElseThrow()));
            out.print(SweepText.trials(result.trials()));
            out.print(SweepText.summary(result.summary()));
            out.flush();
            return switch (result.stop()) {
                case CANCELLED -> ExitCode.CANCELLED;
                case FAILED -> ExitCode.FAILED;
                default -> ExitCode.OK;
            };
        }
    }

    /** A line per trial on stderr. */
    private static final class Progress implements SweepListener {
        private final PrintWriter err;

        Progress(PrintWriter err) {
            this.err = err;
        }

        @Override
        public void onPlanned(long sweepId, SweepPlan plan, List<TrialRecord> stored) {
            err.printf(Locale.ROOT, "sweep %d: %d configurations, at most %d trial runs%s%n", sweepId,
                    plan.configurations().size(), plan.trialRuns(),
                    stored.isEmpty() ? "" : " (" + stored.size() + " attempts stored)");
            err.flush();
        }

        @Override
        public void onTrialStarted(TrialRecord t) {
            err.printf(Locale.ROOT, "trial %s (attempt %d, rung %d, %d epochs) %s%n", t.trialId(), t.attempt(),
                    t.rung(), t.epochs(), t.paramsJson());
            err.flush();
        }

        @Override
        public void onTrialEpoch(String trialId, int attempt, RunEvent.EpochEnded e) {
            // one line per trial is enough for a sweep; epochs show in the window's live view
        }

        @Override
        public void onTrialFinished(TrialRecord t) {
            err.printf(Locale.ROOT, "trial %s %s: accuracy %s, %s J%n", t.trialId(), t.status().label(),
                    SweepText.fmt(t.accuracy(), "%.4f"), SweepText.fmt(t.energyJoules(), "%.1f"));
            err.flush();
        }

        @Override
        public void onTrialPruned(TrialRecord t) {
            err.printf(Locale.ROOT, "trial %s pruned at rung %d: %s%n", t.trialId(), t.rung(), t.message());
            err.flush();
        }

        @Override
        public void onFinished(SweepResult r) {
            err.println(r.message() + (r.stop() == SweepStop.COMPLETED ? "" : " (" + r.stop().label() + ")"));
            err.flush();
        }
    }
}
