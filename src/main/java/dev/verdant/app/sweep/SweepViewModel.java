package dev.verdant.app.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import dev.verdant.app.UiExecutor;
import dev.verdant.run.RunEvent;
import dev.verdant.spec.ExperimentSpec;
import dev.verdant.spec.Mappers;
import dev.verdant.spec.SpecCodec;
import dev.verdant.spec.SpecException;
import dev.verdant.spec.SpecPaths;
import dev.verdant.spec.SweepCodec;
import dev.verdant.spec.SweepMethod;
import dev.verdant.spec.SweepSpec;
import dev.verdant.store.RunStore;
import dev.verdant.store.TrialRecord;
import dev.verdant.store.TrialStatus;
import dev.verdant.sweep.LocalTrialExecutor;
import dev.verdant.sweep.SweepListener;
import dev.verdant.sweep.SweepPlan;
import dev.verdant.sweep.SweepResult;
import dev.verdant.sweep.SweepRunner;
import dev.verdant.sweep.SweepSummary;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The sweep builder's fields and the live state of the sweep it started: trial rows, one accuracy-vs-cumulative-
 * joules line per configuration (a pruned configuration's line ends, and its end is marked), the front and the
 * recommendation once the sweep ends, the budget used, and the configurations for parallel coordinates. Slow work
 * (the sweep itself) runs through the {@link UiExecutor}; every change to this state happens on the FX thread.
 */
public final class SweepViewModel {

    private static final Pattern TRIAL_ID = Pattern.compile("\\d+/t(\\d+)(?:/r(\\d+))?(?:/s(\\d+))?");

    private final RunStore store;
    private final UiExecutor executor;

    // ---- builder ----
    private final ObjectProperty<ExperimentSpec> base = new SimpleObjectProperty<>(ExperimentSpec.defaults());
    private final ObservableList<ParameterRow> parameters = FXCollections.observableArrayList();
    private final StringProperty name = new SimpleStringProperty("sweep");
    private final ObjectProperty<SweepMethod> method = new SimpleObjectProperty<>(SweepMethod.HALVING);
    private final StringProperty trials = new SimpleStringProperty("");
    private final StringProperty eta = new SimpleStringProperty("3");
    private final StringProperty minEpochs = new SimpleStringProperty("1");
    private final StringProperty maxEpochs = new SimpleStringProperty("");
    private final StringProperty rungUnit = new SimpleStringProperty("epochs");
    private final StringProperty minJoules = new SimpleStringProperty("");
    private final StringProperty maxJoules = new SimpleStringProperty("");
    private final BooleanProperty continueTrials = new SimpleBooleanProperty(false);
    private final BooleanProperty stopOnForecast = new SimpleBooleanProperty(false);
    private final StringProperty target = new SimpleStringProperty("");
    private final BooleanProperty stopAtTarget = new SimpleBooleanProperty(false);
    private final StringProperty budgetJoules = new SimpleStringProperty("");
    private final StringProperty budgetTrials = new SimpleStringProperty("");
    private final StringProperty problems = new SimpleStringProperty("");

    // ---- live ----
    private final BooleanProperty running = new SimpleBooleanProperty(false);
    private final StringProperty status = new SimpleStringProperty("No sweep yet: add parameters and press Start.");
    private final StringProperty recommendation = new SimpleStringProperty("");
    private final DoubleProperty budgetUsed = new SimpleDoubleProperty(0);
    private final StringProperty budgetText = new SimpleStringProperty("");
    private final ObservableList<TrialRow> rows = FXCollections.observableArrayList();
    private final XYSeriesCollection curves = new XYSeriesCollection();
    private final XYSeriesCollection prunedEnds = new XYSeriesCollection();
    private final XYSeriesCollection front = new XYSeriesCollection();
    private final ObservableList<Coordinates> coordinates = FXCollections.observableArrayList();
    private final Map<Integer, Double> configJoules = new HashMap<>();
    private final Map<Integer, Double> joulesBeforeRung = new HashMap<>();
    private final Map<Integer, String> configParams = new TreeMap<>();
    private final Map<String, Integer> rowIndex = new HashMap<>();
    private double spentJoules;
    private int trialRuns;
    private SweepSpec current;
    private volatile SweepRunner runner;
    private long sweepId = -1;

    /**
     * One configuration for parallel coordinates.
     *
     * @param config   its number
     * @param values   spec path -> value text
     * @param accuracy its best accuracy so far (NaN before a result)
     * @param joules   joules spent on it so far
     * @param pruned   whether it was pruned
     */
    public record Coordinates(int config, Map<String, String> values, double accuracy, double joules,
                              boolean pruned) {
    }

    /** A view model whose sweeps are kept in {@code store} (an SQLite store) and run through {@code executor}. */
    public SweepViewModel(RunStore store, UiExecutor executor) {
        this.store = store;
        this.executor = executor;
        XYSeries ends = new XYSeries("pruned here", false, true);
        prunedEnds.addSeries(ends);
        front.addSeries(new XYSeries("front", true, true));
        front.addSeries(new XYSeries("recommended", false, true));
    }

    // ---- builder ----

    /** Every spec path the builder offers, from the base spec. */
    public List<String> paths() {
        return SpecPaths.leafPaths(base.get());
    }

    /** The sweep file the builder's fields describe (the base spec inline). */
    public String yaml() {
        StringBuilder b = new StringBuilder("sweep:\n");
        b.append("  name: ").append(name.get().isBlank() ? "sweep" : name.get()).append('\n');
        b.append("  base:\n");
        for (String line : SpecCodec.toYaml(base.get()).split("\n")) {
            b.append("    ").append(line).append('\n');
        }
        b.append("  parameters:\n");
        parameters.forEach(p -> b.append(p.yaml()));
        b.append("  method: ").append(method.get().label()).append('\n');
        if (!trials.get().isBlank() && method.get() != SweepMethod.GRID) {
            b.append("  trials: ").append(trials.get().strip()).append('\n');
        }
        if (method.get().usesRungs()) {
            b.append("  halving: { eta: ").append(eta.get().strip()).append(", minEpochs: ")
                    .append(minEpochs.get().strip());
            if (!maxEpochs.get().isBlank()) {
                b.append(", maxEpochs: ").append(maxEpochs.get().strip());
            }
            if ("joules".equals(rungUnit.get())) {
                b.append(", unit: joules");
                if (!minJoules.get().isBlank()) {
                    b.append(", minJoules: ").append(minJoules.get().strip());
                }
                if (!maxJoules.get().isBlank()) {
                    b.append(", maxJoules: ").append(maxJoules.get().strip());
                }
            }
            if (continueTrials.get()) {
                b.append(", continueTrials: true");
            }
            if (stopOnForecast.get()) {
                b.append(", stopOnForecast: true");
            }
            b.append(" }\n");
        }
        if (!target.get().isBlank()) {
            b.append("  target: { accuracy: ").append(target.get().strip()).append(" }\n");
            b.append("  stopAtTarget: ").append(stopAtTarget.get()).append('\n');
        }
        List<String> budget = new ArrayList<>();
        if (!budgetJoules.get().isBlank()) {
            budget.add("joules: " + budgetJoules.get().strip());
        }
        if (!budgetTrials.get().isBlank()) {
            budget.add("trials: " + budgetTrials.get().strip());
        }
        if (!budget.isEmpty()) {
            b.append("  budget: { ").append(String.join(", ", budget)).append(" }\n");
        }
        return b.toString();
    }

    /** The sweep the fields describe, validated; the problems are also shown in {@link #problemsProperty()}. */
    public SweepSpec build() {
        try {
            SweepSpec s = SweepCodec.parse(yaml(), null);
            problems.set("");
            return s;
        } catch (SpecException e) {
            problems.set(e.getMessage());
            throw e;
        }
    }

    /** Checks the fields and returns whether they make a valid sweep (the problems go to the problems property). */
    public boolean validate() {
        try {
            build();
            return true;
        } catch (SpecException e) {
            return false;
        }
    }

    // ---- running ----

    /** Starts the sweep the fields describe; returns false (problems shown) when they are not valid. */
    public boolean start() {
        if (running.get()) {
            return false;
        }
        SweepSpec spec;
        try {
            spec = build();
        } catch (SpecException e) {
            return false;
        }
        clearLive();
        current = spec;
        running.set(true);
        status.set("Planning " + spec.name() + " ...");
        executor.runInBackground(() -> {
            try (LocalTrialExecutor local = new LocalTrialExecutor(1, store)) {
                SweepRunner r = new SweepRunner(store, local, new FxListener());
                runner = r;
                return r.run(spec);
            }
        }, this::finished, e -> {
            running.set(false);
            status.set("The sweep could not run: " + (e.getMessage() == null ? e.getClass().getSimpleName()
                    : e.getMessage()));
        });
        return true;
    }

    /** Asks the running sweep to stop (running trials are cancelled, their epochs kept). */
    public void stop() {
        SweepRunner r = runner;
        if (r != null) {
            r.stop();
        }
    }

    private void clearLive() {
        rows.clear();
        rowIndex.clear();
        curves.removeAllSeries();
        prunedEnds.getSeries(0).clear();
        front.getSeries(0).clear();
        front.getSeries(1).clear();
        coordinates.clear();
        configJoules.clear();
        joulesBeforeRung.clear();
        configParams.clear();
        spentJoules = 0;
        trialRuns = 0;
        recommendation.set("");
        budgetUsed.set(0);
        budgetText.set("");
    }

    /** Hands every sweep event to the FX thread. */
    private final class FxListener implements SweepListener {
        @Override
        public void onPlanned(long id, SweepPlan plan, List<TrialRecord> stored) {
            int max = plan.trialRuns();
            executor.onFx(() -> {
                sweepId = id;
                status.set(String.format(Locale.ROOT, "Sweep %d: %d configurations, at most %d trial runs", id,
                        plan.configurations().size(), max));
            });
        }

        @Override
        public void onTrialStarted(TrialRecord t) {
            executor.onFx(() -> started(t));
        }

        @Override
        public void onTrialEpoch(String trialId, int attempt, RunEvent.EpochEnded e) {
            double acc = e.epoch().valAccuracy();
            Double cumulative = e.epoch().cumulativeEnergyJoules();
            int epoch = e.epoch().epoch();
            executor.onFx(() -> epoch(trialId, attempt, epoch, acc, cumulative));
        }

        @Override
        public void onTrialFinished(TrialRecord t) {
            executor.onFx(() -> finishedTrial(t));
        }

        @Override
        public void onTrialPruned(TrialRecord t) {
            executor.onFx(() -> pruned(t));
        }
    }

    private void started(TrialRecord t) {
        trialRuns++;
        configParams.put(t.config(), t.paramsJson());
        joulesBeforeRung.put(t.config(), configJoules.getOrDefault(t.config(), 0.0));
        upsert(new TrialRow(t, null, 0));
        updateBudget();
        refreshCoordinates();
    }

    private void epoch(String trialId, int attempt, int epoch, double acc, Double cumulative) {
        Matcher m = TRIAL_ID.matcher(trialId);
        if (!m.matches()) {
            return;
        }
        int config = Integer.parseInt(m.group(1));
        XYSeries line = series(config);
        double x = joulesBeforeRung.getOrDefault(config, 0.0) + (cumulative == null ? epoch : cumulative);
        line.add(x, acc);
        Integer i = rowIndex.get(trialId + "#" + attempt);
        if (i != null) {
            TrialRow r = rows.get(i);
            rows.set(i, new TrialRow(r.trial(), acc, epoch));
        }
    }

    private XYSeries series(int config) {
        String key = "config " + config;
        int index = curves.getSeriesIndex(key);
        if (index >= 0) {
            return curves.getSeries(index);
        }
        XYSeries s = new XYSeries(key, false, true);
        curves.addSeries(s);
        return s;
    }

    private void finishedTrial(TrialRecord t) {
        double j = t.energyJoules() == null ? 0 : t.energyJoules();
        configJoules.merge(t.config(), j, Double::sum);
        spentJoules += j;
        upsert(new TrialRow(t, null, t.epochs()));
        updateBudget();
        refreshCoordinates();
    }

    private void pruned(TrialRecord t) {
        upsert(new TrialRow(t, null, t.epochs()));
        XYSeries line = series(t.config());
        if (line.getItemCount() > 0) {
            prunedEnds.getSeries(0).add(line.getX(line.getItemCount() - 1), line.getY(line.getItemCount() - 1));
        }
        refreshCoordinates();
    }

    private void upsert(TrialRow row) {
        String key = row.trialId() + "#" + row.trial().attempt();
        Integer i = rowIndex.get(key);
        if (i != null) {
            rows.set(i, row);
        } else {
            rows.add(row);
            rowIndex.put(key, rows.size() - 1);
        }
    }

    private void updateBudget() {
        if (current == null) {
            return;
        }
        Double joules = current.budget().joules();
        Integer runs = current.budget().trials();
        if (joules != null) {
            budgetUsed.set(Math.min(1, spentJoules / joules));
            budgetText.set(String.format(Locale.ROOT, "%.1f of %.1f J (estimated or measured as the runs were)",
                    spentJoules, joules));
        } else if (runs != null) {
            budgetUsed.set(Math.min(1, (double) trialRuns / runs));
            budgetText.set(trialRuns + " of " + runs + " trial runs");
        } else {
            budgetUsed.set(-1);
            budgetText.set(String.format(Locale.ROOT, "%.1f J spent, %d trial runs (no budget set)", spentJoules,
                    trialRuns));
        }
    }

    private void refreshCoordinates() {
        Map<Integer, Double> best = new HashMap<>();
        Map<Integer, Boolean> prunedConfigs = new HashMap<>();
        for (TrialRow r : rows) {
            TrialRecord t = r.trial();
            if (t.accuracy() != null && t.status().hasResult()) {
                best.merge(t.config(), t.accuracy(), Math::max);
            }
            if (t.status() == TrialStatus.PRUNED) {
                prunedConfigs.put(t.config(), true);
            }
        }
        List<Coordinates> out = new ArrayList<>();
        configParams.forEach((config, json) -> out.add(new Coordinates(config, values(json),
                best.getOrDefault(config, Double.NaN), configJoules.getOrDefault(config, 0.0),
                prunedConfigs.getOrDefault(config, false))));
        coordinates.setAll(out);
    }

    private static Map<String, String> values(String json) {
        Map<String, String> out = new LinkedHashMap<>();
        try {
            JsonNode node = Mappers.json().readTree(json);
            node.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().isTextual()
                    ? e.getValue().asText() : e.getValue().toString()));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            // values written by the sweep itself are always JSON; nothing to show otherwise
        }
        return out;
    }

    private void finished(SweepResult r) {
        running.set(false);
        runner = null;
        status.set(r.message() + " (sweep " + r.sweepId() + ")");
        SweepSummary s = r.summary();
        for (SweepSummary.Recipe f : s.front()) {
            front.getSeries(0).add(configJoules.getOrDefault(f.config(), f.joules()).doubleValue(), f.accuracy());
        }
        if (s.recommendation() != null) {
            SweepSummary.Recipe rec = s.recommendation();
            front.getSeries(1).add(configJoules.getOrDefault(rec.config(), rec.joules()).doubleValue(), rec.accuracy());
            recommendation.set("Recommended: configuration " + rec.config() + ", " + rec.epochs() + " epochs "
                    + rec.params() + ". " + capitalise(rec.why()) + String.format(Locale.ROOT,
                    ". Waste: %.1f J on pruned, %.1f J on configurations off the front (%s).", s.prunedJoules(),
                    s.dominatedJoules(), s.energyMethod()));
        } else {
            recommendation.set("No trial has a result yet.");
        }
        updateBudget();
        refreshCoordinates();
    }

    private static String capitalise(String s) {
        return s == null || s.isEmpty() ? "" : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    // ---- accessors ----

    public ObjectProperty<ExperimentSpec> baseProperty() {
        return base;
    }

    public ObservableList<ParameterRow> parameters() {
        return parameters;
    }

    public StringProperty nameProperty() {
        return name;
    }

    public ObjectProperty<SweepMethod> methodProperty() {
        return method;
    }

    public StringProperty trialsProperty() {
        return trials;
    }

    public StringProperty etaProperty() {
        return eta;
    }

    public StringProperty minEpochsProperty() {
        return minEpochs;
    }

    public StringProperty maxEpochsProperty() {
        return maxEpochs;
    }

    /** What a rung's allowance is counted in: {@code epochs} (default) or {@code joules} (docs/sweeps.md). */
    public StringProperty rungUnitProperty() {
        return rungUnit;
    }

    /** With joule rungs: a trial's allowance at the first rung. */
    public StringProperty minJoulesProperty() {
        return minJoules;
    }

    /** With joule rungs: a trial's allowance at the last rung. */
    public StringProperty maxJoulesProperty() {
        return maxJoules;
    }

    /** Promoted trials continue from their previous rung's model (fewer epochs, some accuracy lost; off by default). */
    public BooleanProperty continueTrialsProperty() {
        return continueTrials;
    }

    /** With a target: prune a trial whose energy-to-target forecast says it will not get there (off by default). */
    public BooleanProperty stopOnForecastProperty() {
        return stopOnForecast;
    }

    public StringProperty targetProperty() {
        return target;
    }

    public BooleanProperty stopAtTargetProperty() {
        return stopAtTarget;
    }

    public StringProperty budgetJoulesProperty() {
        return budgetJoules;
    }

    public StringProperty budgetTrialsProperty() {
        return budgetTrials;
    }

    public StringProperty problemsProperty() {
        return problems;
    }

    public BooleanProperty runningProperty() {
        return running;
    }

    public StringProperty statusProperty() {
        return status;
    }

    public StringProperty recommendationProperty() {
        return recommendation;
    }

    /** Share of the budget used (0..1), or -1 when the sweep has no joule or trial budget. */
    public DoubleProperty budgetUsedProperty() {
        return budgetUsed;
    }

    public StringProperty budgetTextProperty() {
        return budgetText;
    }

    public ObservableList<TrialRow> rows() {
        return rows;
    }

    /** One line per configuration: accuracy (y) against the joules spent on that configuration so far (x). */
    public XYSeriesCollection curves() {
        return curves;
    }

    /** The last point of each pruned configuration's line. */
    public XYSeriesCollection prunedEnds() {
        return prunedEnds;
    }

    /** Series 0: the front of (accuracy, joules) over the recipes; series 1: the recommended recipe. */
    public XYSeriesCollection front() {
        return front;
    }

    public ObservableList<Coordinates> coordinates() {
        return coordinates;
    }

    /** The id of the sweep started last, or -1. */
    public long sweepId() {
        return sweepId;
    }
}
