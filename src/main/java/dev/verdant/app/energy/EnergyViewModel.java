package dev.verdant.app.energy;

import dev.verdant.app.Carbon;
import dev.verdant.result.FinalMetrics;
import dev.verdant.result.ProbeStatus;
import dev.verdant.result.RunResult;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The energy story of one run, as text and rows the panel binds to. */
public final class EnergyViewModel {

    /**
     * Energy of one phase.
     *
     * @param phase  {@code train}, {@code eval}, ..., or {@code total}
     * @param joules its energy, formatted
     * @param share  its share of the total, formatted
     */
    public record PhaseRow(String phase, String joules, String share) {
    }

    private final ReadOnlyStringWrapper run = new ReadOnlyStringWrapper("No run yet");
    private final ReadOnlyStringWrapper method = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper emissions = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper cost = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper intensity = new ReadOnlyStringWrapper("");
    private final ObservableList<ProbeStatus> probes = FXCollections.observableArrayList();
    private final ObservableList<PhaseRow> phases = FXCollections.observableArrayList();
    private final ObservableList<String> equivalents = FXCollections.observableArrayList();
    private final ObservableList<dev.verdant.result.CompressionReport> compression =
            FXCollections.observableArrayList();
    private final ObservableList<Int8Figures.Row> int8 = FXCollections.observableArrayList();

    public ReadOnlyStringProperty runProperty() {
        return run.getReadOnlyProperty();
    }

    /** How the energy was obtained, e.g. {@code measured:rapl}, or why there is no figure. */
    public ReadOnlyStringProperty methodProperty() {
        return method.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty emissionsProperty() {
        return emissions.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty costProperty() {
        return cost.getReadOnlyProperty();
    }

    /** Grid intensity and its source. */
    public ReadOnlyStringProperty intensityProperty() {
        return intensity.getReadOnlyProperty();
    }

    /** Every probe, measuring or not, with the reason. */
    public ObservableList<ProbeStatus> probes() {
        return probes;
    }

    public ObservableList<PhaseRow> phases() {
        return phases;
    }

    public ObservableList<String> equivalents() {
        return equivalents;
    }

    /** What each compression step bought and cost (baseline first); empty without compression. */
    public ObservableList<dev.verdant.result.CompressionReport> compression() {
        return compression;
    }

    /**
     * Each 8-bit quantize step's model on integer kernels (measured on ONNX Runtime, or simulated with the reason);
     * empty without such a step.
     */
    public ObservableList<Int8Figures.Row> int8() {
        return int8;
    }

    /** Shows {@code r}'s energy figures. */
    public void show(RunResult r) {
        run.set(r.name() + (r.id() != null ? " (run " + r.id() + ")" : "") + " · " + r.status().label());
        probes.setAll(r.provenance() == null ? List.of() : r.provenance().energyProbes());
        compression.setAll(r.compression());
        FinalMetrics m = r.finalMetrics();
        int8.setAll(Int8Figures.rows(r.compression(), m == null ? null : m.energyMethod()));
        List<PhaseRow> rows = new ArrayList<>();
        if (m == null || m.energyJoules() == null) {
            method.set(probes.isEmpty()
                    ? "No energy meter ran for this run: this build records no probes, so accuracy is charted "
                    + "against time instead of energy."
                    : "No energy figure: none of the probes below could measure.");
            emissions.set("gCO2e: n/a");
            cost.set("cost: n/a");
            equivalents.clear();
        } else {
            method.set("Energy " + (m.energyMethod() == null ? "(method not recorded)" : m.energyMethod())
                    + (dev.verdant.result.EnergyMethod.estimated(m)
                    ? " — an estimate, not a measurement" : ""));
            double total = m.energyJoules();
            add(rows, "train", m.trainEnergyJoules(), total);
            add(rows, "eval", m.evalEnergyJoules(), total);
            double other = total - nz(m.trainEnergyJoules()) - nz(m.evalEnergyJoules());
            if (other > total * 0.005) {
                add(rows, "other (compress, setup)", other, total);
            }
            add(rows, "total", total, total);
            if (m.avgPowerWatts() != null) {
                rows.add(new PhaseRow("average power", String.format(Locale.ROOT, "%.1f W", m.avgPowerWatts()), ""));
            }
            emissions.set(m.co2eGrams() == null ? "gCO2e: n/a"
                    : String.format(Locale.ROOT, "%.4f gCO2e", m.co2eGrams()));
            cost.set(m.costUsd() == null ? "cost: no electricity price in the spec (energy.pricePerKwh)"
                    : String.format(Locale.ROOT, "cost: $%.6f", m.costUsd()));
            equivalents.setAll(m.co2eGrams() == null ? List.of() : Carbon.equivalents(total, m.co2eGrams()));
        }
        String i = Carbon.intensity(r.spec());
        intensity.set(i == null ? "" : i);
        phases.setAll(rows);
    }

    private static void add(List<PhaseRow> rows, String phase, Double joules, double total) {
        if (joules == null) {
            return;
        }
        rows.add(new PhaseRow(phase, String.format(Locale.ROOT, "%.1f J", joules),
                total > 0 ? String.format(Locale.ROOT, "%.0f%%", 100 * joules / total) : ""));
    }

    private static double nz(Double d) {
        return d == null ? 0 : d;
    }
}
