package dev.verdant.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.verdant.spec.Mappers;
import dev.verdant.store.RunStore;
import dev.verdant.store.StoreLocation;
import dev.verdant.store.StoredSweep;
import dev.verdant.store.TrialRecord;
import dev.verdant.sweep.SweepSummary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code verdant sweeps list|show|export}: the stored sweeps. */
@Command(name = "sweeps", mixinStandardHelpOptions = true, description = "List, show and export stored sweeps.",
        subcommands = {SweepsCommand.ListSweeps.class, SweepsCommand.Show.class, SweepsCommand.Export.class})
final class SweepsCommand implements Runnable {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec command;

    @Override
    public void run() {
        command.commandLine().usage(command.commandLine().getOut());
    }

    /** The store option every subcommand shares. */
    static class StoreOption {
        @Option(names = "--db", paramLabel = "FILE",
                description = "store file (default: $VERDANT_DB, else the user data folder)")
        String db;

        RunStore open() {
            return RunStore.openForReading(StoreLocation.resolve(db));
        }
    }

    /** {@code verdant sweeps list}. */
    @Command(name = "list", mixinStandardHelpOptions = true, description = "List stored sweeps, newest first.")
    static final class ListSweeps extends StoreOption implements Callable<Integer> {
        @picocli.CommandLine.Spec
        picocli.CommandLine.Model.CommandSpec command;

        @Override
        public Integer call() {
            try (RunStore store = open()) {
                TextTable t = new TextTable("ID", "NAME", "METHOD", "STATUS", "STOP", "TRIALS", "JOULES", "CREATED");
                for (StoredSweep s : store.sweeps().sweeps()) {
                    List<TrialRecord> trials = store.sweeps().trials(s.id());
                    double joules = trials.stream().filter(x -> x.energyJoules() != null)
                            .mapToDouble(TrialRecord::energyJoules).sum();
                    t.row(s.id(), s.name(), s.method(), s.status().label(), s.stopReason(), trials.size(),
                            SweepText.fmt(joules, "%.1f"), s.createdAt());
                }
                command.commandLine().getOut().print(t.isEmpty() ? "no sweeps stored yet\n" : t.toString());
                command.commandLine().getOut().flush();
                return ExitCode.OK;
            }
        }
    }

    /** {@code verdant sweeps show ID}. */
    @Command(name = "show", mixinStandardHelpOptions = true,
            description = "Show a sweep's trials, recommendation and waste ledger.")
    static final class Show extends StoreOption implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "ID")
        long id;

        @picocli.CommandLine.Spec
        picocli.CommandLine.Model.CommandSpec command;

        @Override
        public Integer call() throws IOException {
            try (RunStore store = open()) {
                StoredSweep s = find(store, id);
                var out = command.commandLine().getOut();
                out.print(SweepText.header(s));
                out.print(SweepText.trials(store.sweeps().trials(id)));
                if (s.summaryJson() != null) {
                    out.print(SweepText.summary(Mappers.tolerantJson().readValue(s.summaryJson(),
                            SweepSummary.class)));
                }
                out.flush();
                return ExitCode.OK;
            }
        }
    }

    /** {@code verdant sweeps export ID [--format json|csv] [--out FILE]}. */
    @Command(name = "export", mixinStandardHelpOptions = true,
            description = "Export a sweep (spec, trials, summary) as JSON, or its trials as CSV.")
    static final class Export extends StoreOption implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "ID")
        long id;

        @Option(names = "--format", defaultValue = "json", description = "json (default) or csv")
        String format;

        @Option(names = "--out", paramLabel = "FILE", description = "write here instead of stdout")
        Path out;

        @picocli.CommandLine.Spec
        picocli.CommandLine.Model.CommandSpec command;

        @Override
        public Integer call() throws IOException {
            if (!"json".equals(format) && !"csv".equals(format)) {
                throw new picocli.CommandLine.ParameterException(command.commandLine(),
                        "--format must be json or csv, was '" + format + "'");
            }
            OutputFiles.checkWritable(out, "--out");
            try (RunStore store = open()) {
                StoredSweep s = find(store, id);
                List<TrialRecord> trials = store.sweeps().trials(id);
                String text = "csv".equals(format) ? csv(trials) : json(s, trials);
                if (out != null) {
                    OutputFiles.write(out, text, "--out");
                } else {
                    command.commandLine().getOut().print(text);
                    command.commandLine().getOut().flush();
                }
                return ExitCode.OK;
            }
        }

        private static String json(StoredSweep s, List<TrialRecord> trials) throws IOException {
            ObjectNode root = Mappers.json().createObjectNode();
            root.put("id", s.id());
            root.put("name", s.name());
            root.put("method", s.method());
            root.put("status", s.status().label());
            root.put("stopReason", s.stopReason());
            root.put("message", s.message());
            root.put("createdAt", s.createdAt());
            root.put("endedAt", s.endedAt());
            root.put("elapsedSeconds", s.elapsedSeconds());
            root.set("spec", Mappers.json().readTree(s.specJson()).get("sweep"));
            ArrayNode list = root.putArray("trials");
            for (TrialRecord t : trials) {
                ObjectNode n = Mappers.json().valueToTree(t);
                n.set("params", Mappers.json().readTree(t.paramsJson()));
                n.remove("paramsJson");
                JsonNode metrics = t.metricsJson() == null ? null : Mappers.json().readTree(t.metricsJson());
                n.set("metrics", metrics);
                n.remove("metricsJson");
                list.add(n);
            }
            root.set("summary", s.summaryJson() == null ? null : Mappers.json().readTree(s.summaryJson()));
            return Mappers.json().writeValueAsString(root) + "\n";
        }

        private static String csv(List<TrialRecord> trials) {
            StringBuilder b = new StringBuilder("trial_id,attempt,config,bracket,rung,repeat,epochs,status,run_id,"
                    + "worker,accuracy,energy_joules,energy_method,seconds,params\n");
            for (TrialRecord t : trials) {
                b.append(String.join(",", t.trialId(), String.valueOf(t.attempt()), String.valueOf(t.config()),
                        String.valueOf(t.bracket()), String.valueOf(t.rung()), String.valueOf(t.repeat()),
                        String.valueOf(t.epochs()), t.status().label(), str(t.runId()), str(t.worker()),
                        str(t.accuracy()), str(t.energyJoules()), str(t.energyMethod()), str(t.seconds()),
                        "\"" + t.paramsJson().replace("\"", "\"\"") + "\"")).append('\n');
            }
            return b.toString();
        }

        private static String str(Object o) {
            return o == null ? "" : o.toString();
        }
    }

    static StoredSweep find(RunStore store, long id) {
        return store.sweeps().sweep(id).orElseThrow(() -> new CliException("there is no sweep " + id
                + " in " + store.dbFile() + "; 'verdant sweeps list' shows the stored ones"));
    }
}
