package dev.verdant.cli;

import dev.verdant.run.ArchGallery;
import dev.verdant.run.EarlyExitReport;
import dev.verdant.spec.Architecture;
import dev.verdant.spec.ExperimentSpec;
import dev.verdant.spec.SpecCodec;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** {@code verdant arch}: the compact-architecture gallery (see docs/compact-networks.md). */
@Command(name = "arch", mixinStandardHelpOptions = true,
        description = "Compact architectures side by side (see docs/compact-networks.md).",
        subcommands = {ArchCommand.Compare.class})
public final class ArchCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec commandSpec;

    @Override
    public void run() {
        commandSpec.commandLine().usage(commandSpec.commandLine().getOut());
    }

    /** {@code verdant arch compare}: trains each architecture briefly and measures it as deployed. */
    @Command(name = "compare", mixinStandardHelpOptions = true,
            description = {"Train each compact architecture for a fixed budget of epochs on one dataset and width, "
                    + "then print parameters, FLOPs, latency at batch 1 and 64, inference joules per 1k samples and "
                    + "accuracy, and a teaching note per block with its cost formula.",
                    "With --exits N, the last architecture is also trained with an early-exit head after block N and "
                            + "its threshold curve is printed."})
    public static final class Compare implements Runnable {

        @CommandLine.Spec
        CommandLine.Model.CommandSpec commandSpec;

        @Option(names = "--spec", paramLabel = "FILE",
                description = "Base spec (dataset, training, energy); default: the built-in digits with defaults.")
        Path specFile;

        @Option(names = "--dataset", paramLabel = "NAME", description = "Dataset name, e.g. digits, mnist, fashion-mnist.")
        String dataset;

        @Option(names = "--path", paramLabel = "DIR", description = "Folder of an on-disk dataset (mnist, fashion-mnist).")
        String path;

        @Option(names = "--limit", paramLabel = "N", description = "Use only the first N training samples.")
        Integer limit;

        @Option(names = "--width", paramLabel = "W", description = "Width multiplier (default: the spec's).")
        Double width;

        @Option(names = "--channels", paramLabel = "C", description = "Base channels (default: the spec's).")
        Integer channels;

        @Option(names = "--epochs", defaultValue = "1", paramLabel = "E",
                description = "Epochs per architecture (default: ${DEFAULT-VALUE}).")
        int epochs;

        @Option(names = "--archs", split = ",", paramLabel = "A,B",
                description = "Architectures (default: dscnn,squeezenet,mobilenetv2,shufflenet,ghostnet,vit-tiny).")
        List<String> archs;

        @Option(names = "--repeats", defaultValue = "15", paramLabel = "N",
                description = "Timed forward passes per batch size (default: ${DEFAULT-VALUE}).")
        int repeats;

        @Option(names = "--energy-samples", defaultValue = "2000", paramLabel = "N",
                description = "Samples inferred while metering inference energy (default: ${DEFAULT-VALUE}).")
        int energySamples;

        @Option(names = "--exits", paramLabel = "BLOCK",
                description = "Also train the last architecture with an exit head after this block and print the "
                        + "early-exit threshold curve.")
        Integer exitAfter;

        @Option(names = "--from-store", description = "Take accuracy from stored runs instead of training: per "
                + "architecture, the newest completed run on the same dataset in the store (see --db).")
        boolean fromStore;

        @Option(names = "--db", paramLabel = "FILE", description = "Store file for --from-store (default: $VERDANT_DB, "
                + "else the user data folder).")
        String db;

        @Option(names = "--markdown", description = "Print the tables as Markdown (for docs).")
        boolean markdown;

        @Override
        public void run() {
            PrintWriter out = commandSpec.commandLine().getOut();
            PrintWriter err = commandSpec.commandLine().getErr();
            ExperimentSpec base = base();
            List<Architecture> list = new ArrayList<>();
            try {
                for (String a : archs == null ? List.<String>of() : archs) {
                    list.add(Architecture.of(a.trim()));
                }
            } catch (IllegalArgumentException e) {
                throw new CliException(e.getMessage());
            }
            if (list.isEmpty()) {
                list.addAll(Architecture.GALLERY);
            }
            if (epochs < 1) {
                throw new CliException("--epochs must be at least 1");
            }
            if (fromStore) {
                printStored(out, base.dataset().name(), list);
                out.flush();
                return;
            }
            int timed = Math.max(1, repeats);
            int metered = Math.max(64, energySamples);
            List<ArchGallery.Row> rows = ArchGallery.compare(base, list, epochs, timed, metered, line -> {
                err.println(line);
                err.flush();
            }, () -> false);
            out.println(table(rows));
            out.println();
            out.println("Figures are for the trained model of each architecture: params and FLOPs counted, latency "
                    + "measured (median), joules " + (rows.isEmpty() ? "" : rows.get(0).energyMethod())
                    + ", accuracy measured on the validation split after " + epochs + " epoch"
                    + (epochs == 1 ? "" : "s") + ".");
            out.println();
            out.println(notes(list));
            if (exitAfter != null) {
                Architecture last = list.get(list.size() - 1);
                EarlyExitReport r = ArchGallery.earlyExitCurve(base, last, exitAfter, epochs, timed, metered, line -> {
                    err.println(line);
                    err.flush();
                });
                out.println();
                out.println("Early exit: " + last + " with a head after block " + exitAfter + " (trained jointly, "
                        + epochs + " epoch" + (epochs == 1 ? "" : "s") + "); accuracy measured, FLOPs counted, "
                        + "joules per sample " + EarlyExitReport.METHOD + " from the full network's "
                        + r.joulesBasis() + " figure");
                out.println(exitTable(r));
            }
            out.flush();
        }

        private void printStored(PrintWriter out, String datasetName, List<Architecture> list) {
            if (exitAfter != null) {
                throw new CliException("--exits needs training; it cannot be combined with --from-store.");
            }
            java.nio.file.Path file = dev.verdant.store.StoreLocation.resolve(db);
            if (!java.nio.file.Files.exists(file)) {
                throw new CliException("No store at " + file + "; give --db FILE, or run some architectures first.");
            }
            java.util.Map<Architecture, dev.verdant.store.RunSummary> found;
            try (dev.verdant.store.RunStore store = dev.verdant.store.RunStore.openForReading(file)) {
                found = ArchGallery.newestStored(store, datasetName, list);
            }
            List<List<String>> cells = new ArrayList<>();
            List<String> missing = new ArrayList<>();
            for (Architecture a : list) {
                dev.verdant.store.RunSummary r = found.get(a);
                if (r == null) {
                    missing.add(a.label());
                    continue;
                }
                cells.add(List.of(a.label(), String.valueOf(r.id()), r.name(),
                        r.params() == null ? "-" : String.valueOf(r.params()), fmt("%.4f", r.accuracy()),
                        r.energyJoules() == null ? "-" : fmt("%.2f", r.energyJoules()),
                        r.epochsCompleted() == null ? "-" : String.valueOf(r.epochsCompleted()),
                        r.endedAt() == null ? "-" : r.endedAt()));
            }
            out.println(render(List.of("arch", "run", "name", "params", "accuracy", "train J", "epochs", "ended"),
                    cells));
            out.println();
            out.println("Figures are for the trained model of each stored run (newest completed run per architecture "
                    + "on " + datasetName + " in " + file + "): accuracy measured on its validation split when it "
                    + "ran, training joules as stored with that run (see `verdant runs show ID` for how obtained).");
            if (!missing.isEmpty()) {
                out.println("No completed stored run on " + datasetName + " for: " + String.join(", ", missing)
                        + " (run `verdant arch compare` without --from-store, or `verdant run`, to make one).");
            }
        }

        private ExperimentSpec base() {
            ExperimentSpec s = specFile == null ? ExperimentSpec.defaults() : SpecCodec.read(specFile);
            if (dataset != null) {
                s = s.withDataset(s.dataset().withName(dataset));
            }
            if (path != null) {
                s = s.withDataset(s.dataset().withPath(path));
            }
            if (limit != null) {
                s = s.withDataset(s.dataset().withLimit(limit));
            }
            if (width != null) {
                s = s.withModel(s.model().withWidth(width));
            }
            if (channels != null) {
                s = s.withModel(s.model().withChannels(channels));
            }
            return s;
        }

        private String table(List<ArchGallery.Row> rows) {
            List<String> header = List.of("arch", "params", "MFLOPs", "ms b1", "ms b64", "J/1k", "accuracy", "epochs");
            List<List<String>> cells = new ArrayList<>();
            for (ArchGallery.Row r : rows) {
                cells.add(List.of(r.arch().label(), String.valueOf(r.params()),
                        fmt("%.3f", r.flopsPerSample() / 1e6), fmt("%.3f", r.msBatch1()), fmt("%.3f", r.msBatch64()),
                        r.joulesPer1k() == null ? "-" : fmt("%.2f", r.joulesPer1k()), fmt("%.4f", r.accuracy()),
                        String.valueOf(r.epochs())));
            }
            return render(header, cells);
        }

        private String notes(List<Architecture> list) {
            List<List<String>> cells = new ArrayList<>();
            for (Architecture a : list) {
                ArchGallery.Note n = ArchGallery.NOTES.get(a);
                if (n != null) {
                    cells.add(List.of(a.label(), n.block(), n.replaces(), n.why(), n.formula()));
                }
            }
            return render(List.of("arch", "block", "replaces", "why cheaper", "cost per output position"), cells);
        }

        private String exitTable(EarlyExitReport r) {
            List<List<String>> cells = new ArrayList<>();
            for (EarlyExitReport.Row row : r.rows()) {
                StringBuilder shares = new StringBuilder();
                for (double s : row.shares()) {
                    shares.append(shares.length() == 0 ? "" : " / ").append(fmt("%.2f", s));
                }
                cells.add(List.of(fmt("%.2f", row.threshold()), fmt("%.4f", row.accuracy()), shares.toString(),
                        fmt("%.3f", row.flopsPerSample() / 1e6), fmt("%.3f", row.flopsRatio()),
                        row.joulesPerSample() == null ? "-" : fmt("%.3f", row.joulesPerSample() * 1000)));
            }
            return render(List.of("threshold", "accuracy", "share per exit (heads..., final)", "MFLOPs/sample",
                    "of full", "J/1k (est.)"), cells);
        }

        private String render(List<String> header, List<List<String>> cells) {
            if (!markdown) {
                TextTable t = new TextTable(header);
                cells.forEach(t::row);
                return t.toString();
            }
            StringBuilder sb = new StringBuilder("| " + String.join(" | ", header) + " |\n|");
            header.forEach(h -> sb.append("---|"));
            for (List<String> row : cells) {
                sb.append("\n| ").append(String.join(" | ", row)).append(" |");
            }
            return sb.toString();
        }

        private static String fmt(String f, double v) {
            return String.format(Locale.ROOT, f, v);
        }
    }
}
