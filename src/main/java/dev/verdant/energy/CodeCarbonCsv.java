package dev.verdant.energy;

import dev.verdant.result.FinalMetrics;
import dev.verdant.result.Provenance;
import dev.verdant.result.RunResult;

import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Writes runs in the column layout of CodeCarbon's {@code emissions.csv} (CodeCarbon 3.x, fields of its
 * {@code EmissionsData} in order), so that tools reading CodeCarbon output read Verdant's. Units follow
 * CodeCarbon: kg CO2e, kWh, W, seconds. The mapping, including what stays empty because Verdant does not
 * know it, is documented in {@code docs/energy.md}; nothing is invented to fill a column.
 */
public final class CodeCarbonCsv {

    /** CodeCarbon's header, in its order. */
    public static final List<String> HEADER = List.of("timestamp", "project_name", "run_id", "experiment_id",
            "duration", "emissions", "emissions_rate", "cpu_power", "gpu_power", "ram_power", "cpu_energy",
            "gpu_energy", "ram_energy", "energy_consumed", "water_consumed", "country_name", "country_iso_code",
            "region", "cloud_provider", "cloud_region", "os", "python_version", "codecarbon_version", "cpu_count",
            "cpu_model", "gpu_count", "gpu_model", "longitude", "latitude", "ram_total_size", "tracking_mode",
            "cpu_utilization_percent", "gpu_utilization_percent", "ram_utilization_percent", "ram_used_gb",
            "on_cloud", "pue", "wue");

    private CodeCarbonCsv() {
    }

    /** Writes the header and one row per run (runs without energy figures get empty energy columns). */
    public static void write(List<RunResult> runs, Writer out) throws IOException {
        out.write(String.join(",", HEADER));
        out.write("\n");
        for (RunResult run : runs) {
            out.write(String.join(",", row(run)));
            out.write("\n");
        }
        out.flush();
    }

    private static List<String> row(RunResult run) {
        FinalMetrics f = run.finalMetrics();
        Provenance p = run.provenance();
        CarbonModel carbon = carbon(run);
        Double joules = f == null ? null : f.energyJoules();
        Double seconds = f == null ? null : f.trainSeconds();
        Double kg = f == null || f.co2eGrams() == null ? null : f.co2eGrams() / 1000;
        List<String> c = new ArrayList<>(HEADER.size());
        c.add(text(timestamp(run.endedAt() != null ? run.endedAt() : run.startedAt())));
        c.add(text(run.name()));
        c.add(run.id() == null ? "" : run.id().toString());
        c.add("");                                                       // experiment_id: no such notion
        c.add(num(seconds));
        c.add(num(kg));
        c.add(kg == null || seconds == null || seconds <= 0 ? "" : num(kg / seconds));
        c.add("");                                                       // cpu/gpu/ram power: Verdant keeps
        c.add("");                                                       // one total, not a split, so these
        c.add("");                                                       // stay empty rather than guessed
        c.add("");
        c.add("");
        c.add("");
        c.add(joules == null ? "" : num(CarbonModel.kwh(joules)));       // energy_consumed (kWh, before PUE)
        c.add("");                                                       // water_consumed
        c.add(text(carbon == null ? null : carbon.country()));
        c.add(text(carbon == null ? null : carbon.iso3()));
        c.add("");                                                       // region (province/state)
        c.add("");                                                       // cloud_provider
        c.add("");                                                       // cloud_region
        c.add(text(p == null ? null : p.os()));
        c.add("");                                                       // python_version
        c.add("");                                                       // codecarbon_version
        c.add(p == null ? "" : Integer.toString(p.cpuCores()));
        c.add(text(p == null ? null : p.cpu()));
        c.add("");                                                       // gpu_count
        c.add("");                                                       // gpu_model
        c.add("");                                                       // longitude
        c.add("");                                                       // latitude
        c.add("");                                                       // ram_total_size
        c.add(trackingMode(f == null ? null : f.energyMethod()));
        c.add("");                                                       // utilisation columns
        c.add("");
        c.add("");
        c.add("");                                                       // ram_used_gb
        c.add("");                                                       // on_cloud
        c.add(run.spec() == null ? "" : num(run.spec().energy().pue()));
        c.add("");                                                       // wue
        return c;
    }

    private static CarbonModel carbon(RunResult run) {
        if (run.spec() == null) {
            return null;
        }
        try {
            return CarbonModel.of(run.spec().energy());
        } catch (IllegalArgumentException e) {
            return null; // a region unknown to this version: leave the country columns empty
        }
    }

    /**
     * CodeCarbon's {@code machine} mode measures the whole machine, {@code process} this process only;
     * Verdant's CPU estimator counts this process's CPU time, RAPL and NVML the whole machine or board.
     */
    static String trackingMode(String method) {
        if (method == null) {
            return "";
        }
        return method.contains("estimated:cpu-tdp") ? "process" : "machine";
    }

    /** ISO-8601 to CodeCarbon's {@code %Y-%m-%dT%H:%M:%S} (seconds precision, zone dropped). */
    static String timestamp(String iso) {
        if (iso == null || iso.length() < 19) {
            return iso;
        }
        return iso.substring(0, 19);
    }

    private static String num(Double v) {
        return v == null ? "" : num(v.doubleValue());
    }

    private static String num(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%s", v) : "";
    }

    /** RFC 4180 quoting, for names with commas (CPU models, OS strings). */
    static String text(String s) {
        if (s == null) {
            return "";
        }
        if (s.contains(",") || s.contains("\"") || s.contains("\n") || s.contains("\r")) {
            return "\"" + s.replace("\"", "\"\"") + "\"";
        }
        return s;
    }
}
