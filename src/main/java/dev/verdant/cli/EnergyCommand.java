package dev.verdant.cli;

import dev.verdant.energy.EnergyMeter;
import dev.verdant.energy.EnergyProbe;
import dev.verdant.result.PowerSample;
import dev.verdant.spec.EnergySpec;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** {@code verdant energy}: energy measurement on this machine. */
@Command(name = "energy", mixinStandardHelpOptions = true,
        description = "Energy measurement on this machine (see docs/energy.md).",
        subcommands = {EnergyCommand.Probe.class})
public final class EnergyCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec commandSpec;

    @Override
    public void run() {
        commandSpec.commandLine().usage(commandSpec.commandLine().getOut());
    }

    /** {@code verdant energy probe}: which probes work here and why not, then live power readings. */
    @Command(name = "probe", mixinStandardHelpOptions = true,
            description = "List the energy probes (available or why not), then print live power once per second.")
    public static final class Probe implements Runnable {

        @CommandLine.Spec
        CommandLine.Model.CommandSpec commandSpec;

        @Option(names = "--seconds", defaultValue = "5", description = "Seconds of live readings (default: ${DEFAULT-VALUE}).")
        int seconds;

        @Override
        public void run() {
            PrintWriter out = commandSpec.commandLine().getOut();
            List<EnergyProbe> probes = EnergyMeter.defaultProbes();
            try {
                for (EnergyProbe p : probes) {
                    out.printf("%-10s %s%n", p.name(), p.available()
                            ? "available  " + p.method() + ": " + p.covers()
                            : "unavailable: " + p.unavailableReason());
                }
                out.flush();
                live(out, probes);
            } finally {
                probes.forEach(EnergyProbe::close);
            }
        }

        private void live(PrintWriter out, List<EnergyProbe> probes) {
            List<PowerSample> window = new ArrayList<>();
            try (EnergyMeter meter = EnergyMeter.start(EnergySpec.defaults(), probes)) {
                out.println("method: " + meter.method());
                meter.addPowerListener(s -> {
                    synchronized (window) {
                        window.add(s);
                    }
                });
                for (int i = 1; i <= seconds; i++) {
                    try {
                        Thread.sleep(1000);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                    double watts;
                    synchronized (window) {
                        watts = window.stream().mapToDouble(PowerSample::watts).average().orElse(0);
                        window.clear();
                    }
                    out.printf(Locale.ROOT, "%3d s  %8.2f W%n", i, watts);
                    out.flush();
                }
            }
        }
    }
}
