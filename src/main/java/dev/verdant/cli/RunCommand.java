package dev.verdant.cli;

import dev.verdant.result.ResultJson;
import dev.verdant.result.RunResult;
import dev.verdant.result.RunStatus;
import dev.verdant.run.Job;
import dev.verdant.run.RunEvent;
import dev.verdant.run.RunGroup;
import dev.verdant.spec.ExperimentSpec;
import dev.verdant.spec.SpecCodec;
import dev.verdant.store.RunStore;
import dev.verdant.store.StoreLocation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code verdant run SPEC.yaml}: trains headless, a progress line per epoch on stderr, the result JSON on
 * stdout or in {@code --out}. Exit code 0 when completed; 2 diverged, 3 cancelled, 1 failed.
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
        try (RunStore store = noStore ? null : RunStore.open(StoreLocation.resolve(db))) {
            return run(spec, store, err);
        }
    }

    private int run(ExperimentSpec spec, RunStore store, PrintWriter err) throws IOException {
        if (spec.repeats() > 1) {
            return runGroup(spec, store, err);
        }
        Job job = Job.of(spec, store);
        if (!quiet) {
            job.subscribe(new ProgressPrinter(err));
        }
        Thread cancelOnCtrlC = new Thread(job::cancel, "verdant-cancel");
        Runtime.getRuntime().addShutdownHook(cancelOnCtrlC);
        RunResult result;
        try {
            result = job.runHere();
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(cancelOnCtrlC);
            } catch (IllegalStateException shuttingDown) {
                // the JVM is exiting because of Ctrl-C: the hook has already asked the job to stop
            }
        }
        writeJson(ResultJson.write(result), Summary.line(result));
        if (result.id() != null) {
            err.println("stored as run " + result.id() + " in " + store.dbFile());
        }
        if (result.status() != RunStatus.COMPLETED) {
            err.println("verdant: run " + result.status().label() + ": " + result.message());
        }
        err.flush();
        return exitCode(result.status());
    }

    /**
     * Runs the group's members one after another (each a normal stored run), a line per member and then the group
     * line on stdout; the JSON ({@code --out} or stdout) is {@code {"group": ..., "runs": [...]}}. Ctrl-C cancels the
     * running member and skips the rest. The exit code is the first unsuccessful member's, else 0.
     */
    private int runGroup(ExperimentSpec spec, RunStore store, PrintWriter err) throws IOException {
        RunGroup group = RunGroup.start(spec, store);
        PrintWriter stdout = command.commandLine().getOut();
        int exit = 0;
        for (int i = 0; i < group.size(); i++) {
            if (!quiet) {
                err.printf("run %d of %d (seed %d)%n", i + 1, group.size(), group.member(i).seed());
                err.flush();
            }
            Job job = group.job(i);
            if (!quiet) {
                job.subscribe(new ProgressPrinter(err));
            }
            Thread cancelOnCtrlC = new Thread(job::cancel, "verdant-cancel");
            Runtime.getRuntime().addShutdownHook(cancelOnCtrlC);
            RunResult result;
            try {
                result = job.runHere(); // the job joined the group itself (RunGroup.job)
            } finally {
                try {
                    Runtime.getRuntime().removeShutdownHook(cancelOnCtrlC);
                } catch (IllegalStateException shuttingDown) {
                    // the JVM is exiting because of Ctrl-C: the hook has already asked the job to stop
                }
            }
            // each member's line goes where the group line goes: stdout beside --out, else stderr beside the JSON
            PrintWriter lines = out != null ? stdout : err;
            lines.println(Summary.line(result));
            lines.flush();
            if (result.status() != RunStatus.COMPLETED) {
                err.println("verdant: run " + result.status().label() + ": " + result.message());
                exit = exit == 0 ? exitCode(result.status()) : exit;
                if (result.status() == RunStatus.CANCELLED || result.status() == RunStatus.INTERRUPTED) {
                    break;
                }
            }
        }
        String line = Summary.groupLine(spec.name(), group.summary(), group.size());
        java.util.Map<String, Object> json = new java.util.LinkedHashMap<>();
        json.put("group", group.summary());
        json.put("runs", group.results());
        writeJson(ResultJson.write(json), line);
        if (out == null) {
            err.println(line);
        }
        if (group.id() != null) {
            err.println("stored as run group " + group.id() + " in " + store.dbFile());
        }
        err.flush();
        return exit;
    }

    /** The JSON to {@code --out} with {@code line} on stdout, or the JSON alone on stdout. */
    private void writeJson(String json, String line) throws IOException {
        if (out != null) {
            Path parent = out.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(out, json);
            command.commandLine().getOut().println(line);
        } else {
            command.commandLine().getOut().println(json);
        }
        command.commandLine().getOut().flush();
    }

    static int exitCode(RunStatus status) {
        return switch (status) {
            case COMPLETED -> 0;
            case DIVERGED -> 2;
            case CANCELLED, INTERRUPTED -> 3;
            default -> 1;
        };
    }

    /** Prints one line per epoch and notices to stderr. */
    static final class ProgressPrinter implements java.util.function.Consumer<RunEvent> {
        private final PrintWriter err;
        private dev.verdant.energy.CarbonModel carbon;

        ProgressPrinter(PrintWriter err) {
            this.err = err;
        }

        @Override
        public void accept(RunEvent event) {
            if (event instanceof RunEvent.Started s) {
                carbon = dev.verdant.energy.CarbonModel.of(s.spec().energy());
                String method = s.provenance().energyProbes().stream().filter(p -> p.available())
                        .map(p -> p.name()).collect(java.util.stream.Collectors.joining("+"));
                err.printf("%s: %s on %s, %,d parameters, %,d FLOPs/sample, device %s%n", s.spec().name(),
                        s.spec().model().arch(), s.spec().dataset().name(), s.params(), s.flopsPerSample(),
                        s.provenance().device());
                err.println("energy: " + (method.isEmpty() ? "no probe available" : method)
                        + " ('verdant energy probe' explains which counters this machine has)");
            } else if (event instanceof RunEvent.Notice n) {
                err.println("note: " + n.message());
            } else if (event instanceof RunEvent.StepEnded st) {
                err.println(Summary.stepLine(st.report(), st.totalSteps()));
            } else if (event instanceof RunEvent.EpochEnded e) {
                err.println(Summary.epochLine(e.epoch(), e.totalEpochs(), carbon));
            } else {
                return;
            }
            err.flush();
        }
    }
}
