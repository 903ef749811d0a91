package dev.verdant.cli;

import dev.verdant.result.ResultJson;
import dev.verdant.result.RunResult;
import dev.verdant.result.RunStatus;
import dev.verdant.run.Job;
import dev.verdant.run.RunEvent;
import dev.verdant.run.RunListener;
import dev.verdant.spec.ExperimentSpec;
import dev.verdant.spec.SpecCodec;
import dev.verdant.store.RunStore;
import dev.verdant.store.StoreLocation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code verdant run SPEC.yaml}: trains headless, a progress line per epoch on stderr, the result JSON on
 * stdout or in {@code --out}. Exit code 0 when completed; 2 diverged, 3 cancelled (Ctrl-C or SIGTERM: see
 * {@link StopOnSignal}), 1 failed.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run an experiment spec (YAML or JSON) headless and write its result JSON.")
final class RunCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "SPEC", description = "experiment spec file (.yaml or .json)")
    Path specFile;

    @Option(names = "--out", paramLabel = "FILE", description = "write the result JSON here instead of stdout")
    Path out;

    @Option(names = "--quiet", description = "no per-epoch progress on stderr")
    boolean quiet;

    @Option(names = "--no-store", description = "do not keep this run in the store")
    boolean noStore;

    @Option(names = "--db", paramLabel = "FILE",
            description = "store file (default: $VERDANT_DB, else the user data folder)")
    String db;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec command;

    @Override
    public Integer call() throws IOException {
        PrintWriter err = command.commandLine().getErr();
        ExperimentSpec spec = SpecCodec.read(specFile);
        OutputFiles.checkWritable(out, "--out");
        try (RunStore store = noStore ? null : RunStore.open(StoreLocation.resolve(db))) {
            return run(spec, store, err);
        }
    }

    private int run(ExperimentSpec spec, RunStore store, PrintWriter err) throws IOException {
        Job job = Job.of(spec, store);
        if (!quiet) {
            job.addListener(new ProgressPrinter(err));
        }
        RunResult result;
        try (StopOnSignal signals = StopOnSignal.install(job.handle()::cancel, err)) {
            result = job.runHere();
            write(result, store, err);
        }
        return ExitCode.of(result.status());
    }

    /** The result JSON to {@code --out} (or stdout), then where it was stored and why it did not complete. */
    private void write(RunResult result, RunStore store, PrintWriter err) throws IOException {
        String json = ResultJson.write(result);
        if (out != null) {
            OutputFiles.write(out, json, "--out");
            command.commandLine().getOut().println(Summary.line(result));
        } else {
            command.commandLine().getOut().println(json);
        }
        command.commandLine().getOut().flush();
        if (result.id() != null) {
            err.println("stored as run " + result.id() + " in " + store.dbFile());
        }
        if (result.status() != RunStatus.COMPLETED) {
            err.println("verdant: run " + result.status().label() + ": " + result.message());
        }
        err.flush();
    }

    /** Prints the run's setup, one line per epoch and per compression step, and notices to stderr. */
    static final class ProgressPrinter implements RunListener {
        private final PrintWriter err;
        private dev.verdant.energy.CarbonModel carbon;

        ProgressPrinter(PrintWriter err) {
            this.err = err;
        }

        @Override
        public void onStarted(RunEvent.Started s) {
            carbon = dev.verdant.energy.CarbonModel.of(s.spec().energy());
            String method = s.provenance().energyProbes().stream().filter(p -> p.available())
                    .map(p -> p.name()).collect(java.util.stream.Collectors.joining("+"));
            // a stored run is named by its store id from the start, as 'verdant runs' and the window name it
            String name = s.runId().stored() ? s.runId().label(s.spec().name()) : s.spec().name();
            err.printf("%s: %s on %s, %,d parameters, %,d FLOPs/sample, device %s%n", name,
                    s.spec().model().arch(), s.spec().dataset().name(), s.params(), s.flopsPerSample(),
                    s.provenance().device());
            err.println("energy: " + (method.isEmpty() ? "no probe available" : method)
                    + " ('verdant energy probe' explains which counters this machine has)");
            err.flush();
        }

        @Override
        public void onNotice(RunEvent.Notice n) {
            err.println("note: " + n.message());
            err.flush();
        }

        @Override
        public void onStep(RunEvent.StepEnded st) {
            err.println(Summary.stepLine(st.report(), st.totalSteps()));
            err.flush();
        }

        @Override
        public void onEpoch(RunEvent.EpochEnded e) {
            err.println(Summary.epochLine(e.epoch(), e.totalEpochs(), carbon));
            err.flush();
        }
    }
}
