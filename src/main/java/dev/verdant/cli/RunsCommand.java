package dev.verdant.cli;

import dev.verdant.result.EpochRecord;
import dev.verdant.result.FinalMetrics;
import dev.verdant.result.Provenance;
import dev.verdant.result.ResultJson;
import dev.verdant.result.MachineNoise;
import dev.verdant.result.RunResult;
import dev.verdant.result.Significance;
import dev.verdant.result.RunStatus;
import dev.verdant.spec.ExperimentSpec;
import dev.verdant.store.FieldDifference;
import dev.verdant.store.ImportCheck;
import dev.verdant.store.Note;
import dev.verdant.store.RunComparison;
import dev.verdant.store.RunExport;
import dev.verdant.store.RunFilter;
import dev.verdant.store.RunStore;
import dev.verdant.store.StoredGroup;
import dev.verdant.store.StoredGroups;
import dev.verdant.store.RunSummary;
import dev.verdant.store.StoreException;
import dev.verdant.store.StoreLocation;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.Console;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

/**
 * {@code verdant runs ...}: list, show, compare, export, import, re-run, delete, tag and annotate stored runs.
 * The store file is {@code --db}, else {@code VERDANT_DB}, else the platform's data folder.
 * One class because picocli's subcommands are small nested classes sharing the store-opening base and the
 * formatting helpers; each subcommand stays a few dozen lines.
 */
@Command(name = "runs", mixinStandardHelpOptions = true,
        description = "Work with stored runs: list, show, compare, export, import, rerun, delete, tag, note.",
        subcommands = {RunsCommand.ListRuns.class, RunsCommand.Show.class, RunsCommand.Compare.class,
                RunsCommand.Export.class, RunsCommand.Import.class, RunsCommand.Rerun.class,
                RunsCommand.Delete.class, RunsCommand.Tag.class, RunsCommand.AddNote.class})
public final class RunsCommand implements Runnable {

    /**
     * Runs a spec again for {@code verdant runs rerun}: trains it and returns the result, stored in {@code store}
     * (its id set) or not (id null; the command then imports it). Set by the run layer, which owns training.
     */
    @FunctionalInterface
    public interface Rerunner {
        RunResult rerun(ExperimentSpec spec, RunStore store);
    }

    /** The training hook for {@code rerun}; while null, {@code rerun} says it is unavailable. */
    public static volatile Rerunner rerunner;

    @Option(names = "--db", scope = CommandLine.ScopeType.INHERIT, paramLabel = "FILE",
            description = "Store file (default: $VERDANT_DB, else the user data folder, e.g. ~/.local/share/verdant/verdant.db).")
    String db;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec commandSpec;

    @Override
    public void run() {
        commandSpec.commandLine().usage(commandSpec.commandLine().getOut());
    }

    /** Opens the store, runs the subcommand, and turns store and input errors into one line and exit code 1. */
    abstract static class StoreCommand implements Callable<Integer> {
        @CommandLine.ParentCommand
        RunsCommand parent;
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public final Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            Path file = StoreLocation.resolve(parent.db);
            try (RunStore store = readsOnly() ? RunStore.openForReading(file) : RunStore.open(file)) {
                if (store.isReadOnly()) {
                    err.println("note: reading the store read-only: " + store.readOnlyReason());
                }
                return execute(store, out, err);
            } catch (StoreException | IllegalArgumentException e) {
                err.println("verdant: " + e.getMessage());
                return ExitCode.FAILED;
            } finally {
                out.flush();
                err.flush();
            }
        }

        abstract int execute(RunStore store, PrintWriter out, PrintWriter err);

        /** True for commands that only read: they still work, read-only, where the store cannot be written. */
        boolean readsOnly() {
            return false;
        }

        static RunResult load(RunStore store, long id) {
            return store.load(id).orElseThrow(() ->
                    new StoreException("no run with id " + id + " (see 'verdant runs list')"));
        }
    }

    @Command(name = "list", description = "List stored runs, newest first.")
    static final class ListRuns extends StoreCommand {
        @Override
        boolean readsOnly() {
            return true;
        }

        @Option(names = "--status", paramLabel = "S", description = "Only runs with this status: "
                + "running, completed, diverged, cancelled, failed, interrupted.")
        String status;
        @Option(names = "--tag", paramLabel = "T", description = "Only runs with this tag.")
        String tag;
        @Option(names = "--name", paramLabel = "GLOB", description = "Only runs whose name matches, e.g. 'mlp-*'.")
        String name;

        @Override
        int execute(RunStore store, PrintWriter out, PrintWriter err) {
            RunFilter filter = new RunFilter(status == null ? null : parseStatus(status), tag, name, null);
            List<RunSummary> runs = store.list(filter);
            if (runs.isEmpty()) {
                err.println("no stored runs" + (status != null || tag != null || name != null ? " match" : "")
                        + " (store: " + store.dbFile() + ")");
                return 0;
            }
            TextTable table = new TextTable("ID", "NAME", "STATUS", "DATASET", "ARCH", "ACCURACY", "ENERGY_J",
                    "CO2E_G", "PARAMS", "EPOCHS", "STARTED", "TAGS");
            for (RunSummary r : runs) {
                table.row(r.id(), r.name(), r.status().label(), r.dataset(), r.arch(), fmt(r.accuracy(), 4),
                        fmt(r.energyJoules(), 1), fmt(r.co2eGrams(), 3), r.params(), r.epochsCompleted(),
                        r.startedAt(), String.join(",", r.tags()));
            }
            out.print(table);
            return 0;
        }

        private static RunStatus parseStatus(String s) {
            try {
                return RunStatus.fromLabel(s.strip());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("unknown status '" + s + "'; use one of " + java.util.Arrays
                        .stream(RunStatus.values()).map(RunStatus::label).collect(Collectors.joining(", ")));
            }
        }
    }

    @Command(name = "show", description = "Show one run: spec summary, provenance, final metrics, epochs, tags, notes.")
    static final class Show extends StoreCommand {
        @Override
        boolean readsOnly() {
            return true;
        }

        @Parameters(paramLabel = "ID")
        long id;
        @Option(names = "--json", description = "Print the full result JSON instead.")
        boolean json;

        @Override
        int execute(RunStore store, PrintWriter out, PrintWriter err) {
            RunResult r = load(store, id);
            if (json) {
                out.println(ResultJson.write(r));
                return 0;
            }
            out.printf("Run %d  %s  [%s]%n", r.id(), r.name(), r.status().label());
            if (r.message() != null) {
                out.println("  message:  " + r.message());
            }
            out.printf("  spec:     %s on %s, %d epochs, %s lr %s, batch %d, seed %d, device %s%n",
                    r.spec().model().arch(), r.spec().dataset().name(), r.spec().training().epochs(),
                    r.spec().training().optimizer(), r.spec().training().learningRate(),
                    r.spec().training().batchSize(), r.spec().seed(), r.spec().device());
            out.println("  started:  " + nz(r.startedAt()) + "   ended: " + nz(r.endedAt()));
            Provenance p = r.provenance();
            if (p != null) {
                out.printf("  ran on:   %s, %s (%d cores), %s, Verdant %s, %s%n", p.device(), p.cpu(), p.cpuCores(),
                        p.os(), p.verdantVersion(), p.engine());
            }
            FinalMetrics m = r.finalMetrics();
            if (m != null) {
                out.printf("  result:   accuracy %s, loss %s, %d params, %d epochs (%s), %s s%n", fmt(m.accuracy(), 4),
                        fmt(m.loss(), 4), m.params(), m.epochsCompleted(), m.stopReason(), fmt(m.trainSeconds(), 1));
                if (m.energyJoules() != null) {
                    out.printf("  energy:   %s J, %s gCO2e, avg %s W (%s)%n", fmt(m.energyJoules(), 1),
                            fmt(m.co2eGrams(), 3), fmt(m.avgPowerWatts(), 1), m.energyMethod());
                }
                dev.verdant.result.CompressionReport last = dev.verdant.result.DeliveredFigures.lastStep(r.compression());
                if (last != null && m.deliveredAccuracy() != null) {
                    out.printf("  delivered: accuracy %s%s after %d compression steps, %,d bytes (the model the run "
                            + "hands over; steps below)%n", fmt(m.deliveredAccuracy(), 4),
                            last.simulated() ? " (" + dev.verdant.result.CompressionReport.SIMULATED + ")" : "",
                            last.index(), m.deliveredModelBytes());
                }
            }
            List<String> tags = store.tags(id);
            if (!tags.isEmpty()) {
                out.println("  tags:     " + String.join(", ", tags));
            }
            store.modelPath(id).ifPresent(dir -> out.println("  model:    " + dir));
            for (Note n : store.notes(id)) {
                out.println("  note:     " + n.text() + "  (" + n.createdAt() + ")");
            }
            if (!r.epochs().isEmpty()) {
                TextTable table = new TextTable("EPOCH", "TRAIN_LOSS", "TRAIN_ACC", "VAL_LOSS", "VAL_ACC", "SECONDS",
                        "ENERGY_J");
                for (EpochRecord e : r.epochs()) {
                    table.row(e.epoch(), fmt(e.trainLoss(), 4), fmt(e.trainAccuracy(), 4), fmt(e.valLoss(), 4),
                            fmt(e.valAccuracy(), 4), fmt(e.seconds(), 2), fmt(e.energyJoules(), 1));
                }
                out.println();
                out.print(table);
            }
            if (!r.compression().isEmpty()) {
                // the same lines `verdant run` printed while compressing, so a stored run reads as it ran
                out.println();
                for (dev.verdant.result.CompressionReport c : r.compression()) {
                    out.println(Summary.stepLine(c, r.compression().get(r.compression().size() - 1).index()));
                }
            }
            return 0;
        }
    }

    @Command(name = "compare", description = "Compare runs: spec differences and metric deltas against the first run; "
            + "with two --group options, whether the groups differ significantly (Welch's t-test).")
    static final class Compare extends StoreCommand {
        @Override
        boolean readsOnly() {
            return true;
        }

        @Parameters(paramLabel = "ID", arity = "0..*", description = "Two or more run ids; the first is the baseline.")
        List<Long> ids = new ArrayList<>();

        @Option(names = "--group", paramLabel = "GROUP",
                description = "A run group id (from 'verdant run' with repeats); give two to compare groups.")
        List<Long> groups = new ArrayList<>();

        @Override
        int execute(RunStore store, PrintWriter out, PrintWriter err) {
            if (!groups.isEmpty()) {
                return compareGroups(store, out, err);
            }
            if (ids.size() < 2) {
                err.println("verdant: give two or more run ids, or two --group ids");
                return ExitCode.USAGE;
            }
            List<RunResult> runs = new ArrayList<>();
            for (long id : ids) {
                runs.add(load(store, id));
            }
            printTables(runs, out);
            out.println();
            MachineNoise noise = StoredGroups.noise(store);
            for (int i = 1; i < runs.size(); i++) {
                String prefix = runs.size() > 2 ? "#" + ids.get(i) + " vs #" + ids.get(0) + ": " : "";
                Significance.singles(runs.get(0), runs.get(i), noise).forEach(l -> out.println(prefix + l));
            }
            return 0;
        }

        private int compareGroups(RunStore store, PrintWriter out, PrintWriter err) {
            if (groups.size() != 2 || !ids.isEmpty()) {
                err.println("verdant: compare groups as --group A --group B (two groups, no run ids)");
                return ExitCode.USAGE;
            }
            List<List<RunResult>> members = new ArrayList<>();
            for (long g : groups) {
                StoredGroup group = store.group(g).orElse(null);
                if (group == null) {
                    err.println("verdant: no run group with id " + g);
                    return ExitCode.FAILED;
                }
                List<RunResult> runs = StoredGroups.members(store, group);
                members.add(runs);
                out.println(Summary.groupLine(group.name(), dev.verdant.result.GroupSummary.of(g, runs),
                        group.repeats()));
            }
            out.println();
            Significance.groups("group " + groups.get(0), members.get(0), "group " + groups.get(1), members.get(1))
                    .forEach(out::println);
            return 0;
        }

        private static void printTables(List<RunResult> runs, PrintWriter out) {
            RunComparison c = RunComparison.of(runs);
            List<String> header = new ArrayList<>(List.of("SPEC FIELD"));
            runs.forEach(r -> header.add("#" + r.id()));
            TextTable spec = new TextTable(header);
            c.specDifferences().forEach(d -> {
                List<Object> row = new ArrayList<>(List.of(d.path()));
                row.addAll(d.values());
                spec.row(row);
            });
            out.print(spec.isEmpty() ? "The specs are identical.\n" : spec.toString());
            out.println();
            header.set(0, "METRIC");
            TextTable metrics = new TextTable(header);
            for (RunComparison.MetricRow m : c.metrics()) {
                if (m.values().stream().allMatch(v -> v == null)) {
                    continue;
                }
                List<Object> row = new ArrayList<>(List.of(m.metric()));
                for (int i = 0; i < m.values().size(); i++) {
                    Double delta = m.deltas().get(i);
                    row.add(fmtMetric(m.values().get(i)) + (delta == null ? "" : " (" + (delta >= 0 ? "+" : "")
                            + fmtMetric(delta) + ")"));
                }
                metrics.row(row);
            }
            out.print(metrics);
        }
    }

    @Command(name = "export", description = "Export runs as result JSON (one object, or an array for several), CSV, "
            + "or CodeCarbon's emissions.csv layout (--format codecarbon).")
    static final class Export extends StoreCommand {
        @Override
        boolean readsOnly() {
            return true;
        }

        @Parameters(paramLabel = "ID", arity = "1..*")
        List<Long> ids;
        @Option(names = "--format", required = true, paramLabel = "csv|json|codecarbon")
        String format;
        @Option(names = "--out", paramLabel = "FILE", description = "Write here instead of standard output.")
        Path outFile;
        @Option(names = "--epochs", description = "CSV: one row per epoch instead of one row per run.")
        boolean epochs;

        @Override
        int execute(RunStore store, PrintWriter out, PrintWriter err) {
            List<RunResult> runs = new ArrayList<>();
            for (long id : ids) {
                runs.add(load(store, id));
            }
            String text = switch (format.toLowerCase(Locale.ROOT)) {
                case "json" -> RunExport.json(runs) + "\n";
                case "csv" -> epochs ? RunExport.epochsCsv(runs) : RunExport.runsCsv(runs);
                case "codecarbon" -> codeCarbon(runs);
                default -> throw new IllegalArgumentException("unknown format '" + format
                        + "'; use csv, json or codecarbon");
            };
            if (outFile == null) {
                out.print(text);
                return 0;
            }
            try {
                OutputFiles.checkWritable(outFile, "--out");
                OutputFiles.write(outFile, text, "--out");
            } catch (CliException e) {
                throw new IllegalArgumentException(e.getMessage(), e);
            }
            err.println("exported " + runs.size() + " run(s) to " + outFile.toAbsolutePath());
            return 0;
        }
    }

    private static String codeCarbon(List<RunResult> runs) {
        java.io.StringWriter text = new java.io.StringWriter();
        try {
            dev.verdant.energy.CodeCarbonCsv.write(runs, text);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return text.toString();
    }

    @Command(name = "import", description = "Import runs from a result JSON file (as written by export or 'run --out').")
    static final class Import extends StoreCommand {
        @Parameters(paramLabel = "FILE.json")
        Path file;

        @Override
        int execute(RunStore store, PrintWriter out, PrintWriter err) {
            String text;
            try {
                text = Files.readString(file);
            } catch (IOException e) {
                throw new StoreException("cannot import " + file.toAbsolutePath() + ": " + IoProblem.describe(e), e);
            }
            List<RunResult> runs = RunExport.parseJson(text);
            for (int i = 0; i < runs.size(); i++) {
                // all or nothing: one run that cannot be imported stops the file before anything is stored
                ImportCheck.requireImportable(runs.get(i), file.getFileName() + (runs.size() > 1
                        ? ", run " + (i + 1) + " of " + runs.size() : ""));
            }
            for (RunResult r : runs) {
                long id = store.importRun(r);
                out.println("imported run " + id + " (" + r.name() + ")");
            }
            return 0;
        }
    }

    @Command(name = "rerun", description = "Run a stored run's spec again, same seed, as a new run; "
            + "prints what differs in where it ran.")
    static final class Rerun extends StoreCommand {
        @Parameters(paramLabel = "ID")
        long id;

        @Override
        int execute(RunStore store, PrintWriter out, PrintWriter err) {
            Rerunner hook = rerunner;
            if (hook == null) {
                err.println("verdant: rerun is unavailable: this build has no training engine connected");
                return 1;
            }
            RunResult old = load(store, id);
            RunResult fresh = hook.rerun(old.spec(), store);
            long newId = fresh.id() != null ? fresh.id() : store.importRun(fresh);
            out.println("re-ran run " + id + " as run " + newId + " [" + fresh.status().label() + "]");
            if (fresh.status() != RunStatus.COMPLETED) {
                err.println("verdant: the re-run " + fresh.status().label() + ": " + fresh.message());
            }
            if (old.provenance() == null || fresh.provenance() == null) {
                out.println("provenance unknown for one of the runs; cannot tell what differs");
            } else {
                List<FieldDifference> diffs = RunComparison.provenanceDifferences(old.provenance(),
                        fresh.provenance());
                out.print(provenanceTable(id, newId, diffs));
            }
            return ExitCode.of(fresh.status());
        }
    }

    /** The provenance differences of a re-run as text: a table, or a line saying there are none. */
    static String provenanceTable(long oldId, long newId, List<FieldDifference> diffs) {
        if (diffs.isEmpty()) {
            return "same provenance: same versions, machine and data\n";
        }
        TextTable table = new TextTable("PROVENANCE", "#" + oldId, "#" + newId);
        diffs.forEach(d -> table.row(d.path(), d.before(), d.after()));
        return table.toString();
    }

    @Command(name = "delete", description = "Delete runs and their model files.")
    static final class Delete extends StoreCommand {
        @Parameters(paramLabel = "ID", arity = "1..*")
        List<Long> ids;
        @Option(names = "--yes", description = "Do not ask for confirmation.")
        boolean yes;

        @Override
        int execute(RunStore store, PrintWriter out, PrintWriter err) {
            for (long id : ids) {
                load(store, id); // all or nothing: an unknown id or a training run stops before anything is deleted
                if (store.isTraining(id)) {
                    throw new StoreException("run " + id + " is still training; cancel it first (Ctrl-C where it "
                            + "runs, or Cancel in the window), then delete it");
                }
            }
            String which = ids.stream().map(String::valueOf).collect(Collectors.joining(", "));
            if (!yes) {
                Console console = System.console();
                if (console == null) {
                    err.println("verdant: not deleting run(s) " + which + " without confirmation; add --yes");
                    return 1;
                }
                String answer = console.readLine("Delete run(s) %s and their model files? [y/N] ", which);
                if (answer == null || !answer.strip().toLowerCase(Locale.ROOT).startsWith("y")) {
                    err.println("nothing deleted");
                    return 1;
                }
            }
            for (long id : ids) {
                store.delete(id);
            }
            out.println("deleted run(s) " + which);
            return 0;
        }
    }

    @Command(name = "tag", description = "Tag a run (or remove a tag with --remove).")
    static final class Tag extends StoreCommand {
        @Parameters(index = "0", paramLabel = "ID")
        long id;
        @Parameters(index = "1", paramLabel = "TAG")
        String tag;
        @Option(names = "--remove", description = "Remove the tag instead.")
        boolean remove;

        @Override
        int execute(RunStore store, PrintWriter out, PrintWriter err) {
            load(store, id);
            if (remove) {
                store.untag(id, tag);
            } else {
                store.tag(id, tag);
            }
            out.println("run " + id + " tags: " + String.join(", ", store.tags(id)));
            return 0;
        }
    }

    @Command(name = "note", description = "Add a note to a run.")
    static final class AddNote extends StoreCommand {
        @Parameters(index = "0", paramLabel = "ID")
        long id;
        @Parameters(index = "1..*", arity = "1..*", paramLabel = "TEXT")
        List<String> words;

        @Override
        int execute(RunStore store, PrintWriter out, PrintWriter err) {
            store.note(id, String.join(" ", words));
            out.println("noted on run " + id);
            return 0;
        }
    }

    static String fmt(Double value, int decimals) {
        return value == null ? "-" : String.format(Locale.ROOT, "%." + decimals + "f", value);
    }

    private static String fmtMetric(Double v) {
        if (v == null) {
            return "-";
        }
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? String.valueOf(v.longValue())
                : String.format(Locale.ROOT, "%.4g", v);
    }

    private static String nz(String s) {
        return s == null ? "-" : s;
    }
}
