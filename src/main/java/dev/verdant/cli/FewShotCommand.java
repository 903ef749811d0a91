package dev.verdant.cli;

import dev.verdant.run.FewShot;
import dev.verdant.spec.DatasetSpec;
import dev.verdant.spec.SpecException;
import dev.verdant.store.RunStore;
import dev.verdant.store.StoreException;
import dev.verdant.store.StoreLocation;
import dev.verdant.result.FewShotResult;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code verdant fewshot}: how well a stored run's embeddings separate classes it may never have seen, as N-way
 * K-shot episodes with a prototype (nearest class mean) classifier; mean accuracy with its 95% confidence interval.
 */
@Command(name = "fewshot", mixinStandardHelpOptions = true,
        description = "N-way K-shot episodes with a prototype classifier on a stored run's embeddings.")
public final class FewShotCommand implements Callable<Integer> {

    @Option(names = "--from", required = true, paramLabel = "RUN_ID", description = "The stored run whose network "
            + "embeds the samples (see 'verdant runs list').")
    long from;

    @Option(names = "--dataset", required = true, paramLabel = "SPEC", description = "The data: a dataset name "
            + "(digits, fashion-mnist-small, ...) or NAME:PATH for data on disk (mnist:/data/mnist).")
    String dataset;

    @Option(names = "--classes", split = ",", paramLabel = "C", description = "Only these classes, e.g. 5,6,7,8,9.")
    List<Integer> classes;

    @Option(names = "--ways", defaultValue = "5", description = "Classes per episode (default ${DEFAULT-VALUE}).")
    int ways;

    @Option(names = "--shots", split = ",", defaultValue = "1,5", description = "Support samples per class; "
            + "several give one line each (default ${DEFAULT-VALUE}).")
    List<Integer> shots;

    @Option(names = "--episodes", defaultValue = "200", description = "Episodes per shots value (default "
            + "${DEFAULT-VALUE}).")
    int episodes;

    @Option(names = "--seed", defaultValue = "42", description = "Fixes the episodes (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--db", paramLabel = "FILE", description = "Store file (default: $VERDANT_DB, else the user data "
            + "folder).")
    String db;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (ways < 2 || episodes < 1 || shots.stream().anyMatch(k -> k == null || k < 1)) {
            err.println("verdant: --ways must be at least 2, --episodes at least 1 and every --shots at least 1");
            return ExitCode.USAGE;
        }
        int colon = dataset.indexOf(':');
        DatasetSpec data = DatasetSpec.defaults().withName(colon < 0 ? dataset : dataset.substring(0, colon))
                .withPath(colon < 0 ? null : dataset.substring(colon + 1)).withClasses(classes);
        try (RunStore store = RunStore.openForReading(StoreLocation.resolve(db))) {
            FewShot.Report r = FewShot.evaluate(store, from, data, ways, shots, episodes, seed);
            out.printf(Locale.ROOT, "embeddings of run %d on %d samples of '%s' (%d classes): %.1f J (%s)%n",
                    r.fromRun(), r.samples(), data.name(), r.classes(), r.embedJoules(), r.energyMethod());
            for (FewShotResult e : r.results()) {
                out.printf(Locale.ROOT, "%d-way %d-shot, %d episodes of %d queries per class: accuracy %.3f +- %.3f "
                        + "(95%% CI)%n", e.ways(), e.shots(), e.episodes(), e.queries(), e.mean(), e.ci95());
            }
            return ExitCode.OK;
        } catch (SpecException | StoreException e) {
            err.println("verdant: " + e.getMessage());
            return ExitCode.FAILED;
        } finally {
            out.flush();
            err.flush();
        }
    }
}
