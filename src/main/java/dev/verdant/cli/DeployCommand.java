package dev.verdant.cli;

import dev.verdant.energy.CarbonModel;
import dev.verdant.run.DeployedModel;
import dev.verdant.run.DeploymentWhatIf;
import dev.verdant.store.RunStore;
import dev.verdant.store.StoreException;
import dev.verdant.store.StoreLocation;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;

/** {@code verdant deploy RUN_ID ...}: the deployment what-if of a stored run (estimated). */
@Command(name = "deploy", mixinStandardHelpOptions = true,
        description = {"Estimate what serving a stored run's model would cost: kWh per year, gCO2e, cost, and the day "
                + "inference energy overtakes the training energy. Measured latency and joules per 1k samples feed "
                + "it (the delivered model's when the run compressed, else the trained model measured now); every "
                + "figure is an estimate (see docs/compact-networks.md)."})
public final class DeployCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec commandSpec;

    @Parameters(index = "0", paramLabel = "RUN_ID", description = "A stored run ('verdant runs list').")
    long runId;

    @Option(names = "--requests-per-day", required = true, paramLabel = "N", description = "Requests served per day.")
    long requestsPerDay;

    @Option(names = "--batch", defaultValue = "1", paramLabel = "B",
            description = "Requests per forward pass (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--precision", defaultValue = "fp32", paramLabel = "fp32|int8",
            description = "Number format served (default: ${DEFAULT-VALUE}; int8 is assumed to halve the energy).")
    String precision;

    @CommandLine.ArgGroup(exclusive = true)
    Hardware hardware;

    /** This machine as measured, or an entered TDP. */
    static final class Hardware {
        @Option(names = "--tdp", paramLabel = "W", description = "Power of the serving hardware in watts.")
        Double tdp;

        @Option(names = "--measured", description = "Use this machine's measured inference power (the default).")
        boolean measured;
    }

    @Option(names = "--years", defaultValue = "3", paramLabel = "Y",
            description = "Years in service (default: ${DEFAULT-VALUE}).")
    double years;

    @Option(names = "--db", paramLabel = "FILE", description = "Store file (default: $VERDANT_DB, else the user data "
            + "folder).")
    String db;

    @Override
    public void run() {
        DeploymentWhatIf.Precision p;
        try {
            p = DeploymentWhatIf.Precision.of(precision);
        } catch (IllegalArgumentException e) {
            throw new CliException(e.getMessage() + "; use --precision fp32 or --precision int8");
        }
        Path file = StoreLocation.resolve(db);
        PrintWriter out = commandSpec.commandLine().getOut();
        try (RunStore store = RunStore.open(file)) {
            var spec = store.spec(runId).orElseThrow(() -> new CliException("there is no stored run " + runId
                    + "; 'verdant runs list' shows the stored runs"));
            DeployedModel m = DeployedModel.of(store, runId);
            Double tdp = hardware == null ? null : hardware.tdp;
            DeploymentWhatIf.Estimate e;
            try {
                e = DeploymentWhatIf.estimate(m.inputs(requestsPerDay, batch, p, tdp, years),
                        CarbonModel.of(spec.energy()));
            } catch (IllegalArgumentException ex) {
                throw new CliException(ex.getMessage());
            }
            CarbonModel carbon = CarbonModel.of(spec.energy());
            out.println("Deployment what-if for run " + runId + ", " + m.which() + " model (" + DeploymentWhatIf.LABEL
                    + ")");
            out.println(fmt("  serving        %,d requests/day, batch %d, %s, %s", requestsPerDay, batch,
                    p.name().toLowerCase(Locale.ROOT), tdp != null ? fmt("TDP %.1f W (entered)", tdp)
                            : fmt("power %.1f W from %s inference energy (joules %s)", e.watts(),
                            m.how(p), m.energyMethod())));
            var in = m.inputs(requestsPerDay, batch, p, tdp, years);
            out.println(fmt("  latency        %.3f ms per batch of %d (%s: %.3f ms at 1, %.3f ms at 64)",
                    e.msPerBatch(), batch, m.how(p), in.msBatch1(), in.msBatch64()));
            if (m.int8Assumed(p)) {
                out.println("  int8           assumed to halve energy per request (not measured"
                        + (m.int8() == null ? ")" : ": " + m.int8().note() + ")"));
            }
            out.println(fmt("  per request    %.4g J", e.joulesPerRequest()));
            out.println(fmt("  per year       %.4g kWh (PUE %.2f), %.4g gCO2e (%s)%s", e.kwhPerYear(), carbon.pue(),
                    e.gco2ePerYear(), carbon.region(), e.costPerYear() == null ? "" : fmt(", $%.2f", e.costPerYear())));
            out.println(fmt("  over %.1f years %.4g kWh, %.4g gCO2e%s", years, e.kwhTotal(), e.gco2eTotal(),
                    e.costTotal() == null ? "" : fmt(", $%.2f", e.costTotal())));
            out.println(m.trainingJoules() <= 0 ? "  break-even     unknown: the run has no training energy"
                    : fmt("  break-even     day %.3g: inference energy overtakes the %.4g J spent on training%s",
                    e.breakEvenDay(), m.trainingJoules(), e.breaksEvenWithin(years) ? ""
                            : " (after the service life)"));
            if (e.busyShare() > 1) {
                out.println(fmt("  note           one such machine would be busy %.1fx the day: more are needed",
                        e.busyShare()));
            }
            out.flush();
        } catch (StoreException e) {
            throw new CliException(e.getMessage(), e);
        }
    }

    private static String fmt(String f, Object... args) {
        return String.format(Locale.ROOT, f, args);
    }
}
