package dev.verdant.app.deploy;

import dev.verdant.app.UiExecutor;
import dev.verdant.energy.CarbonModel;
import dev.verdant.result.Int8Inference;
import dev.verdant.run.DeployedModel;
import dev.verdant.run.DeploymentWhatIf;
import dev.verdant.spec.EnergySpec;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.util.Locale;
import java.util.function.LongFunction;

/**
 * State of the deployment what-if panel: the question (run, requests per day, batch, precision, hardware power or
 * this machine as measured, years) and the estimate as labelled lines. Measuring a run's model is slow, so it runs
 * through {@link UiExecutor} in the background.
 */
public final class DeployViewModel {

    /** A stored run's measured inference cost and the energy settings of its spec (region, PUE, price). */
    public record Source(LongFunction<DeployedModel> model, LongFunction<EnergySpec> energy) {

        /** The store behind {@code history}, or null when the window keeps runs in memory only. */
        public static Source of(dev.verdant.app.history.RunHistory history) {
            if (!(history instanceof dev.verdant.app.history.StoreHistory s)) {
                return null;
            }
            return new Source(id -> DeployedModel.of(s.store(), id), id -> s.store().spec(id)
                    .orElseThrow(() -> new IllegalArgumentException("there is no stored run " + id)).energy());
        }
    }

    private final UiExecutor executor;
    private final Source source;
    private final ObjectProperty<Long> runId = new SimpleObjectProperty<>();
    private final ObjectProperty<Long> requestsPerDay = new SimpleObjectProperty<>(100_000L);
    private final ObjectProperty<Integer> batch = new SimpleObjectProperty<>(1);
    private final StringProperty precision = new SimpleStringProperty("fp32");
    private final ObjectProperty<Double> tdp = new SimpleObjectProperty<>();
    private final ObjectProperty<Double> years = new SimpleObjectProperty<>(3.0);
    private final BooleanProperty busy = new SimpleBooleanProperty(false);
    private final StringProperty status = new SimpleStringProperty("Pick a stored run, then Estimate.");
    private final ObservableList<String[]> lines = FXCollections.observableArrayList();

    /** @param source where runs' models are measured; null when no store is open (nothing to estimate) */
    public DeployViewModel(UiExecutor executor, Source source) {
        this.executor = executor;
        this.source = source;
    }

    public ObjectProperty<Long> runIdProperty() {
        return runId;
    }

    public ObjectProperty<Long> requestsPerDayProperty() {
        return requestsPerDay;
    }

    public ObjectProperty<Integer> batchProperty() {
        return batch;
    }

    /** {@code fp32} or {@code int8}. */
    public StringProperty precisionProperty() {
        return precision;
    }

    /** The serving hardware's power in watts, or null to use this machine's measured inference power. */
    public ObjectProperty<Double> tdpProperty() {
        return tdp;
    }

    public ObjectProperty<Double> yearsProperty() {
        return years;
    }

    public BooleanProperty busyProperty() {
        return busy;
    }

    public StringProperty statusProperty() {
        return status;
    }

    /** The estimate as (label, value) pairs. */
    public ObservableList<String[]> lines() {
        return lines;
    }

    /** Estimates in the background; the lines replace the previous ones. */
    public void estimate() {
        if (source == null) {
            status.set("The deployment what-if needs a stored run; this window keeps runs in memory only.");
            return;
        }
        Long id = runId.get();
        if (id == null) {
            status.set("Enter the id of a stored run (History lists them).");
            return;
        }
        long requests = requestsPerDay.get() == null ? 0 : requestsPerDay.get();
        int b = batch.get() == null ? 1 : batch.get();
        DeploymentWhatIf.Precision p = DeploymentWhatIf.Precision.of(precision.get());
        Double watts = tdp.get();
        double y = years.get() == null ? 0 : years.get();
        busy.set(true);
        status.set("Measuring run " + id + "'s model...");
        executor.runInBackground(() -> {
            DeployedModel m = source.model().apply(id);
            CarbonModel carbon = CarbonModel.of(source.energy().apply(id));
            DeploymentWhatIf.Inputs in = m.inputs(requests, b, p, watts, y);
            return new Object[] {m, carbon, DeploymentWhatIf.estimate(in, carbon), in};
        }, done -> {
            busy.set(false);
            DeployedModel m = (DeployedModel) done[0];
            CarbonModel carbon = (CarbonModel) done[1];
            DeploymentWhatIf.Estimate e = (DeploymentWhatIf.Estimate) done[2];
            DeploymentWhatIf.Inputs in = (DeploymentWhatIf.Inputs) done[3];
            String how = m.how(p);
            lines.setAll(lines(id, m, carbon, e, in, how, watts, y));
            status.set("Run " + id + ", " + m.which() + " model: every figure is " + DeploymentWhatIf.LABEL
                    + " from " + how + " latency" + (watts == null ? " and inference energy (" + how + ", joules "
                    + m.energyMethod() + ")" : " and the entered TDP")
                    + (m.int8Assumed(p)
                    ? "; int8 assumed to halve energy per request (not measured)" : "") + ".");
        }, error -> {
            busy.set(false);
            lines.clear();
            status.set("No estimate: " + error.getMessage());
        });
    }

    private java.util.List<String[]> lines(long id, DeployedModel m, CarbonModel carbon, DeploymentWhatIf.Estimate e,
                                           DeploymentWhatIf.Inputs in, String how, Double watts, double y) {
        String cost = e.costPerYear() == null ? "no price set (energy.pricePerKwh)" : fmt("$%.2f", e.costPerYear());
        java.util.List<String[]> l = new java.util.ArrayList<>(java.util.List.of(
                new String[] {"Power while serving", watts != null ? fmt("%.1f W (entered TDP)", watts)
                        : fmt("%.3g W (from inference energy, %s, joules %s, over latency)", e.watts(), how,
                        m.energyMethod())},
                new String[] {"Latency per batch", fmt("%.3f ms (%s %.3f ms at 1, %.3f ms at 64)",
                        e.msPerBatch(), how, in.msBatch1(), in.msBatch64())},
                new String[] {"Energy per request", fmt("%.4g J (estimated)", e.joulesPerRequest())},
                new String[] {"Per year", fmt("%.4g kWh (PUE %.2f), %.4g gCO2e (%s), ", e.kwhPerYear(), carbon.pue(),
                        e.gco2ePerYear(), carbon.region()) + cost + " (estimated)"},
                new String[] {fmt("Over %.1f years", y), fmt("%.4g kWh, %.4g gCO2e (estimated)", e.kwhTotal(),
                        e.gco2eTotal())},
                new String[] {"Break-even", m.trainingJoules() <= 0 ? "unknown: run " + id + " has no training energy"
                        : fmt("day %.3g: inference overtakes the %.4g J of training%s (estimated)", e.breakEvenDay(),
                        m.trainingJoules(), e.breaksEvenWithin(y) ? "" : ", after the service life")}));
        if (m.int8() != null) {
            l.add(new String[] {"Int8 (delivered model)", int8Line(m.int8())});
        }
        return l;
    }

    /** The delivered model on integer kernels in one line: measured beside fp32 on the same runtime, or why not. */
    static String int8Line(Int8Inference q) {
        if (!q.measured()) {
            return Int8Inference.SIMULATED + ": " + q.note();
        }
        String s = fmt("%.3f ms at 64, %.3f ms at 1, %s", q.latencyMsBatch64(), q.latencyMsBatch1(),
                Int8Inference.MEASURED);
        if (q.fp32LatencyMsBatch64() != null) {
            s += fmt("; fp32 on the same runtime %.3f ms at 64: int8 runs at %.2fx fp32's speed",
                    q.fp32LatencyMsBatch64(), q.fp32LatencyMsBatch64() / q.latencyMsBatch64());
        }
        return s + fmt("; integer kernels in %d of %d layers", q.integerLayers(), q.layers().size());
    }

    private static String fmt(String f, Object... args) {
        return String.format(Locale.ROOT, f, args);
    }
}
