package dev.verdant.cli;

import dev.verdant.energy.CarbonModel;
import dev.verdant.lesson.EnergyFacts;
import dev.verdant.lesson.Report;
import dev.verdant.lesson.ReportItem;
import dev.verdant.store.RunStore;
import dev.verdant.store.StoreLocation;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code verdant report ID... --out report.html|.md}: a report to hand in, from stored runs and run groups. */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Write a self-contained report (HTML with inline SVG charts, or Markdown) of stored runs and run "
                + "groups: energy statement, spec differences, metrics with uncertainty, accuracy-vs-energy and "
                + "Pareto charts, compression table.")
final class ReportCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "RUN_OR_GROUP_ID",
            description = "run ids (e.g. 12) and run group ids (e.g. g3)")
    List<String> ids;

    @Option(names = "--out", required = true, paramLabel = "FILE",
            description = "report file: .html (or .htm) for HTML, .md for Markdown")
    Path out;

    @Option(names = "--db", paramLabel = "FILE",
            description = "store file (default: $VERDANT_DB, else the user data folder)")
    String db;

    @Override
    public Integer call() {
        String name = out.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        boolean markdown = name.endsWith(".md");
        if (!markdown && !name.endsWith(".html") && !name.endsWith(".htm")) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--out " + out + ": end the file name in "
                    + ".html for an HTML report or .md for Markdown");
        }
        OutputFiles.checkWritable(out, "--out");
        try (RunStore store = RunStore.open(StoreLocation.resolve(db))) {
            List<ReportItem> items;
            try {
                items = ReportItem.load(store, ids);
            } catch (IllegalArgumentException e) {
                throw new CliException(e.getMessage());
            }
            Report report = new Report(items, facts(items), Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
            OutputFiles.write(out, markdown ? report.markdown() : report.html(), "--out");
            spec.commandLine().getErr().println("wrote " + out.toAbsolutePath());
            spec.commandLine().getOut().println(report.energyStatement());
            spec.commandLine().getOut().flush();
            return 0;
        }
    }

    /** The grid figures of the first run's region (the statement quotes one region). */
    static EnergyFacts facts(List<ReportItem> items) {
        CarbonModel carbon = CarbonModel.of(items.get(0).first().spec().energy());
        return new EnergyFacts(carbon.region(), carbon.gramsPerKwh(), carbon.source(),
                new VersionProvider().getVersion()[0].replaceFirst("^verdant ", ""));
    }
}
