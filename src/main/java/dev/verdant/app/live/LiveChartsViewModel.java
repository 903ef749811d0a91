package dev.verdant.app.live;

import dev.verdant.app.Carbon;
import dev.verdant.result.BatchRecord;
import dev.verdant.result.EpochRecord;
import dev.verdant.result.PowerSample;
import dev.verdant.result.RunResult;
import dev.verdant.run.RunEvent;
import dev.verdant.run.RunId;
import dev.verdant.run.RunListener;
import dev.verdant.spec.ExperimentSpec;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The live charts' data: per run, accuracy against cumulative energy (one point per epoch), batch and epoch loss,
 * power samples; and the Pareto front over chosen finished runs. {@link #apply} takes a batch of events on the FX
 * thread and adds all its points with notifications off, then fires each changed series once. It stays one class
 * (about 420 lines) because every chart's series, their run colours and the trajectory's x-axis choice are keyed by
 * the same per-run traces, which must change together as events arrive.
 */
public final class LiveChartsViewModel {

    /** Series key of the Pareto-optimal runs. */
    public static final String FRONT = "Pareto front";
    /** Series key of dominated runs (drawn grey). */
    public static final String DOMINATED = "dominated";

    private final XYSeriesCollection accuracy = new XYSeriesCollection();
    private final XYSeriesCollection loss = new XYSeriesCollection();
    private final XYSeriesCollection batchLoss = new XYSeriesCollection();
    private final XYSeriesCollection power = new XYSeriesCollection();
    private final ParetoViewModel pareto = new ParetoViewModel();
    private final Map<Comparable<?>, List<PointInfo>> info = new HashMap<>();
    private final Map<RunId, Trace> traces = new LinkedHashMap<>();
    private final Map<Comparable<?>, String> seriesRun = new HashMap<>();
    private final Map<String, Integer> runIndex = new HashMap<>();
    private final ObservableList<CompressionMark> marks = FXCollections.observableArrayList();
    // Every run is metered (the estimator is always available), so empty charts already promise joules.
    private final ReadOnlyObjectWrapper<XAxisMode> xMode = new ReadOnlyObjectWrapper<>(XAxisMode.ENERGY);
    private final javafx.beans.property.ReadOnlyBooleanWrapper energyEstimated =
            new javafx.beans.property.ReadOnlyBooleanWrapper(this, "energyEstimated");
    private final ReadOnlyIntegerWrapper revision = new ReadOnlyIntegerWrapper();
    private boolean sawEnergy;
    private boolean sawTime;
    private final javafx.beans.property.ObjectProperty<TrajectoryAxis> axis =
            new javafx.beans.property.SimpleObjectProperty<>(TrajectoryAxis.AUTO);
    /** Per accuracy point: its x under AUTO and its joules, gCO2e, seconds and training FLOPs (NaN when unknown). */
    private final Map<Comparable<?>, List<double[]>> coords = new HashMap<>();
    /** Every accuracy point's info, plotted or not (a point without the chosen measure is left off the chart). */
    private final Map<Comparable<?>, List<PointInfo>> allInfo = new HashMap<>();
    /** The marks as placed: series key and the index of the point after the step. */
    private final List<Object[]> markPoints = new ArrayList<>();

    public LiveChartsViewModel() {
        axis.addListener((o, was, now) -> replot());
    }

    /** The x of a point on the chosen axis (NaN when the point lacks that measure). */
    private double x(double[] c) {
        return switch (axis.get()) {
            case AUTO -> c[0];
            case ENERGY -> c[1];
            case CO2E -> c[2];
            case TIME -> c[3];
            case FLOPS -> c[4];
        };
    }

    /** Adds an accuracy point on the chosen axis (or only remembers it, when it lacks that measure). */
    private void plot(Trace t, double[] c, PointInfo p) {
        coords.get(t.acc.getKey()).add(c);
        allInfo.get(t.acc.getKey()).add(p);
        double x = x(c);
        if (Double.isFinite(x)) {
            t.acc.add(x, p.accuracy(), false);
            info.get(t.acc.getKey()).add(p);
        }
    }

    /** Re-plots every run's accuracy points and the compression marks on the chosen axis. */
    private void replot() {
        for (Trace t : traces.values()) {
            Comparable<?> key = t.acc.getKey();
            t.acc.clear();
            info.get(key).clear();
            List<double[]> cs = coords.get(key);
            List<PointInfo> ps = allInfo.get(key);
            for (int i = 0; i < cs.size(); i++) {
                double x = x(cs.get(i));
                if (Double.isFinite(x)) {
                    t.acc.add(x, ps.get(i).accuracy(), false);
                    info.get(key).add(ps.get(i));
                }
            }
            t.acc.fireSeriesChanged();
        }
        List<CompressionMark> moved = new ArrayList<>();
        for (Object[] m : markPoints) {
            double x = x(coords.get((Comparable<?>) m[0]).get((Integer) m[1]));
            if (Double.isFinite(x)) {
                moved.add(new CompressionMark((String) m[2], x, (String) m[3]));
            }
        }
        marks.setAll(moved);
        revision.set(revision.get() + 1);
    }

    private static double orNaN(Double d) {
        return d == null ? Double.NaN : d;
    }

    /** Per-run state while events arrive. */
    private static final class Trace {
        final String label;
        final ExperimentSpec spec;
        final XYSeries acc;
        final XYSeries batchLoss;
        final XYSeries trainLoss;
        final XYSeries valLoss;
        XYSeries power;
        double seconds;
        Double joules;
        double lastX;
        double flops;
        int knownSteps;
        /** Completed, failed or cancelled: "Clear finished runs" takes its curves off. */
        boolean finished;
        /** Its joules come from an estimator (power samples say {@code estimated:...}), not a meter. */
        boolean estimated;
        final List<BatchRecord> firstEpoch = new ArrayList<>();

        Trace(String label, ExperimentSpec spec) {
            this.label = label;
            this.spec = spec;
            acc = new XYSeries(label, false, true);
            batchLoss = new XYSeries(label + " · batch", false, true);
            trainLoss = new XYSeries(label + " · train", false, true);
            valLoss = new XYSeries(label + " · validation", false, true);
        }
    }

    public XYSeriesCollection accuracyDataset() {
        return accuracy;
    }

    /** Train and validation loss per epoch, two series per run. */
    public XYSeriesCollection lossDataset() {
        return loss;
    }

    /** Training loss per batch (x in fractional epochs), one series per run; drawn sampled, it can be long. */
    public XYSeriesCollection batchLossDataset() {
        return batchLoss;
    }

    public XYSeriesCollection powerDataset() {
        return power;
    }

    public XYSeriesCollection paretoDataset() {
        return pareto.dataset();
    }

    /** The Pareto chart's runs, task chooser and front. */
    public ParetoViewModel pareto() {
        return pareto;
    }

    /** Compression step markers on the accuracy chart. */
    public ObservableList<CompressionMark> compressionMarks() {
        return marks;
    }

    /** What the accuracy chart's x axis shows. */
    public ReadOnlyObjectProperty<XAxisMode> xAxisModeProperty() {
        return xMode.getReadOnlyProperty();
    }

    /**
     * The user's choice of the trajectory chart's x axis; changing it re-plots every run's points (and moves the
     * compression marks) on the chosen measure.
     */
    public javafx.beans.property.ObjectProperty<TrajectoryAxis> trajectoryAxisProperty() {
        return axis;
    }

    /** The accuracy chart's x-axis label for the current choice and runs, saying where joules were estimated. */
    public String trajectoryAxisLabel() {
        boolean est = energyEstimated.get();
        return axis.get().axisLabel() != null ? axis.get().axisLabel(est) : xMode.get().label(est);
    }

    /** True while any run on the charts has estimated (not metered) joules; the axis labels then say so. */
    public javafx.beans.property.ReadOnlyBooleanProperty energyEstimatedProperty() {
        return energyEstimated.getReadOnlyProperty();
    }

    private void updateEstimated() {
        energyEstimated.set(traces.values().stream().anyMatch(t -> t.estimated));
    }

    /** The Pareto chart's x-axis label (see {@link ParetoViewModel#axisLabelProperty()}). */
    public ReadOnlyObjectProperty<String> paretoAxisLabelProperty() {
        return pareto.axisLabelProperty();
    }

    /** What the Pareto chart's x axis shows. */
    public ReadOnlyObjectProperty<XAxisMode> paretoAxisModeProperty() {
        return pareto.axisModeProperty();
    }

    /** Increments after every applied batch (tests and the benchmark wait on it). */
    public ReadOnlyIntegerProperty revisionProperty() {
        return revision.getReadOnlyProperty();
    }

    /** Tooltip text of a point, or null. */
    public String tooltip(Comparable<?> seriesKey, int item) {
        if (FRONT.equals(seriesKey) || DOMINATED.equals(seriesKey)) {
            return pareto.tooltip(seriesKey, item);
        }
        List<PointInfo> list = info.get(seriesKey);
        return list == null || item < 0 || item >= list.size() ? null : list.get(item).describe();
    }

    /** The point infos of a series (for tests and CSV export). */
    public List<PointInfo> pointInfo(Comparable<?> seriesKey) {
        if (FRONT.equals(seriesKey) || DOMINATED.equals(seriesKey)) {
            return pareto.pointInfo(seriesKey);
        }
        return List.copyOf(info.getOrDefault(seriesKey, List.of()));
    }

    /**
     * The position of the run a series belongs to, in order of first appearance (0, 1, ...), so that a run has
     * the same colour in every chart; -1 for series of no run (the Pareto chart's).
     */
    public int runIndexOf(Comparable<?> seriesKey) {
        String run = seriesRun.get(seriesKey);
        return run == null ? -1 : runIndex.getOrDefault(run, -1);
    }

    /** The label of the run a series belongs to ({@code #3 quickstart}), or null for the Pareto chart's series. */
    public String runOf(Comparable<?> seriesKey) {
        return seriesRun.get(seriesKey);
    }

    /** Removes every run's curves (the Pareto chart stays). */
    public void clear() {
        accuracy.removeAllSeries();
        loss.removeAllSeries();
        batchLoss.removeAllSeries();
        power.removeAllSeries();
        traces.clear();
        seriesRun.clear();
        runIndex.clear();
        marks.clear();
        info.clear();
        allInfo.clear();
        coords.clear();
        markPoints.clear();
        sawEnergy = false;
        sawTime = false;
        xMode.set(XAxisMode.ENERGY);
        updateEstimated();
        revision.set(revision.get() + 1);
    }

    /** Records that run {@code run} ended (a stored run replayed onto the charts has no Finished event). */
    public void markFinished(RunId run) {
        Trace t = traces.get(run);
        if (t != null) {
            t.finished = true;
        }
    }

    /**
     * Removes the curves and step marks of every run that ended (completed, failed or cancelled) and keeps the
     * running ones as they are; the Pareto chart stays.
     *
     * @return the labels of the runs taken off
     */
    public List<String> clearFinished() {
        List<String> gone = new ArrayList<>();
        for (var it = traces.values().iterator(); it.hasNext(); ) {
            Trace t = it.next();
            if (!t.finished) {
                continue;
            }
            it.remove();
            gone.add(t.label);
            accuracy.removeSeries(t.acc);
            batchLoss.removeSeries(t.batchLoss);
            loss.removeSeries(t.trainLoss);
            loss.removeSeries(t.valLoss);
            if (t.power != null) {
                power.removeSeries(t.power);
                seriesRun.remove(t.power.getKey());
            }
            for (XYSeries s : List.of(t.acc, t.batchLoss, t.trainLoss, t.valLoss)) {
                seriesRun.remove(s.getKey());
            }
            info.remove(t.acc.getKey());
            allInfo.remove(t.acc.getKey());
            coords.remove(t.acc.getKey());
            markPoints.removeIf(m -> t.acc.getKey().equals(m[0]));
            marks.removeIf(m -> t.label.equals(m.run()));
        }
        if (traces.isEmpty()) {
            sawEnergy = false;
            sawTime = false;
            xMode.set(XAxisMode.ENERGY);
        }
        updateEstimated();
        revision.set(revision.get() + 1);
        return gone;
    }

    /**
     * Adds one batch of events; each changed series fires once at the end. A run's curves are labelled with its
     * id and name ({@code run 7 mnist-mlp}), as History and the queue name it.
     */
    public void apply(List<RunEvent> events) {
        Set<XYSeries> changed = new HashSet<>();
        RunListener points = new RunListener() {
            @Override
            public void onStarted(RunEvent.Started s) {
                trace(s.runId(), s.runId().label(s.spec().name()), s.spec());
            }

            @Override
            public void onBatch(RunEvent.BatchEnded b) {
                Trace t = traces.get(b.runId());
                if (t != null) {
                    batch(t, b.batch(), changed);
                }
            }

            @Override
            public void onEpoch(RunEvent.EpochEnded ep) {
                Trace t = traces.get(ep.runId());
                if (t != null) {
                    epoch(t, ep.epoch(), changed);
                }
            }

            @Override
            public void onPower(RunEvent.Power p) {
                Trace t = traces.get(p.runId());
                if (t != null) {
                    power(t, p.sample(), changed);
                }
            }

            @Override
            public void onStep(RunEvent.StepEnded st) {
                Trace t = traces.get(st.runId());
                if (t != null && st.report().index() > 0) {
                    step(t, st.report(), changed);
                }
            }

            @Override
            public void onFinished(RunEvent.Finished f) {
                markFinished(f.runId());
            }
        };
        for (RunEvent e : events) {
            e.deliverTo(points);
        }
        for (XYSeries s : changed) {
            s.fireSeriesChanged();
        }
        xMode.set(sawEnergy && sawTime ? XAxisMode.MIXED : sawTime ? XAxisMode.TIME : XAxisMode.ENERGY);
        updateEstimated();
        revision.set(revision.get() + 1);
    }

    private Trace trace(RunId run, String label, ExperimentSpec spec) {
        return traces.computeIfAbsent(run, id -> {
            Trace t = new Trace(label, spec);
            accuracy.addSeries(t.acc);
            batchLoss.addSeries(t.batchLoss);
            loss.addSeries(t.trainLoss);
            loss.addSeries(t.valLoss);
            info.put(t.acc.getKey(), new ArrayList<>());
            allInfo.put(t.acc.getKey(), new ArrayList<>());
            coords.put(t.acc.getKey(), new ArrayList<>());
            for (XYSeries s : List.of(t.acc, t.batchLoss, t.trainLoss, t.valLoss)) {
                seriesRun.put(s.getKey(), label);
            }
            runIndex.putIfAbsent(label, runIndex.size());
            return t;
        });
    }

    private void batch(Trace t, BatchRecord b, Set<XYSeries> changed) {
        if (b.epoch() == 1) {
            // the number of batches per epoch is only known once epoch 1 ends: place its points then
            t.firstEpoch.add(b);
            return;
        }
        t.batchLoss.add(b.epoch() - 1 + (b.batch() + 1.0) / Math.max(1, t.knownSteps), b.loss(), false);
        changed.add(t.batchLoss);
    }

    private void epoch(Trace t, EpochRecord r, Set<XYSeries> changed) {
        if (r.epoch() == 1 && !t.firstEpoch.isEmpty()) {
            t.knownSteps = t.firstEpoch.size();
            for (BatchRecord b : t.firstEpoch) {
                t.batchLoss.add((b.batch() + 1.0) / t.knownSteps, b.loss(), false);
            }
            t.firstEpoch.clear();
            changed.add(t.batchLoss);
        }
        t.seconds += r.seconds();
        Double joules = r.cumulativeEnergyJoules();
        t.joules = joules;
        double x = joules != null ? joules : t.seconds;
        if (joules != null) {
            sawEnergy = true;
        } else {
            sawTime = true;
        }
        t.lastX = x;
        // training FLOPs counted per sample (forward and backward of the trained layers) times samples seen
        long perSample = r.trainFlopsPerSample() != null ? r.trainFlopsPerSample() : 3 * r.flopsPerSample();
        t.flops += (double) perSample * Math.round(r.samplesPerSecond() * r.seconds());
        Double co2e = Carbon.co2eGrams(t.spec, joules);
        plot(t, new double[] {x, orNaN(joules), orNaN(co2e), t.seconds, t.flops},
                new PointInfo(t.label, r.epoch(), r.valAccuracy(), joules, t.seconds, co2e, null));
        t.trainLoss.add(r.epoch(), r.trainLoss(), false);
        t.valLoss.add(r.epoch(), r.valLoss(), false);
        changed.add(t.acc);
        changed.add(t.trainLoss);
        changed.add(t.valLoss);
    }

    /**
     * A compression step continues the run's trajectory: the point sits at the energy (or time) spent so far,
     * the step's own included, at the accuracy measured after it, with a marker naming the step.
     */
    private void step(Trace t, dev.verdant.result.CompressionReport r, Set<XYSeries> changed) {
        t.seconds += r.seconds();
        boolean energy = xMode.get() != XAxisMode.TIME && r.energyJoules() != null;
        if (energy) {
            t.joules = (t.joules == null ? 0 : t.joules) + r.energyJoules();
        }
        double x = energy ? t.joules : t.seconds;
        t.lastX = x;
        Double co2e = energy ? Carbon.co2eGrams(t.spec, t.joules) : null;
        double[] c = {x, energy ? t.joules : Double.NaN, orNaN(co2e), t.seconds, t.flops};
        plot(t, c, new PointInfo(t.label, 0, r.accuracy(), energy ? t.joules : null, t.seconds, co2e,
                "after " + r.step()));
        markPoints.add(new Object[] {t.acc.getKey(), coords.get(t.acc.getKey()).size() - 1, t.label, r.type()});
        if (Double.isFinite(x(c))) {
            marks.add(new CompressionMark(t.label, x(c), r.type()));
        }
        changed.add(t.acc);
    }

    private void power(Trace t, PowerSample p, Set<XYSeries> changed) {
        if (t.power == null) {
            t.power = new XYSeries(t.label + " (" + p.method() + ")", false, true);
            seriesRun.put(t.power.getKey(), t.label);
            power.addSeries(t.power);
        }
        t.estimated |= dev.verdant.result.EnergyMethod.estimated(p.method());
        t.power.add(p.seconds(), p.watts(), false);
        changed.add(t.power);
    }

    /** Shows {@code runs} on the Pareto chart (see {@link ParetoViewModel#setRuns}). */
    public void setParetoRuns(List<RunResult> runs) {
        pareto.setRuns(runs);
        revision.set(revision.get() + 1);
    }

    /** A finished run's label: {@code run <id> <name>} when stored (as on the live curves), else its name. */
    public static String runLabel(RunResult r) {
        return r.id() != null ? RunId.stored(r.id()).label(r.name()) : r.name();
    }
}
