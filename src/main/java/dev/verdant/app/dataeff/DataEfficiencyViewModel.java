package dev.verdant.app.dataeff;

import dev.verdant.app.UiExecutor;
import dev.verdant.app.history.HistoryRow;
import dev.verdant.app.history.RunHistory;
import dev.verdant.result.RoundRecord;
import dev.verdant.result.RunResult;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The data-efficiency chart's state: one curve per active-learning strategy, averaged round by round over the kept
 * runs that used it (seeds). Reading runs may block, so {@link #refresh()} goes through the {@link UiExecutor}.
 */
public final class DataEfficiencyViewModel {

    /** Runs read at most per refresh (newest first): enough for a comparison, bounded for a large store. */
    static final int MAX_RUNS = 300;

    /**
     * One point of a curve: the mean over {@code runs} runs of one round.
     *
     * @param labelled         labels the round trained on
     * @param accuracy         mean validation accuracy of the round's (trained) model
     * @param cumulativeJoules mean joules of all rounds so far, queries included
     * @param runs             runs averaged
     */
    public record Point(double labelled, double accuracy, double cumulativeJoules, int runs) {
    }

    /**
     * One strategy's line.
     *
     * @param strategy the query strategy
     * @param points   one per round
     * @param method   how the joules were obtained (the runs' energy method, e.g. {@code estimated:cpu-tdp})
     */
    public record Curve(String strategy, List<Point> points, String method) {
    }

    private final RunHistory history;
    private final UiExecutor executor;
    private final Consumer<Throwable> onError;
    private final ObservableList<Curve> curves = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper("No active-learning runs yet: run a "
            + "preset of Presets > active-learning-strategies.");

    public DataEfficiencyViewModel(RunHistory history, UiExecutor executor, Consumer<Throwable> onError) {
        this.history = history;
        this.executor = executor;
        this.onError = onError;
    }

    public ObservableList<Curve> curves() {
        return curves;
    }

    /** One line under the charts: what is shown and how the energy was obtained. */
    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    /** Reads the kept runs in the background and replaces the curves. */
    public void refresh() {
        executor.runInBackground(this::readRuns, runs -> show(curvesOf(runs)), onError);
    }

    private List<RunResult> readRuns() {
        List<RunResult> out = new ArrayList<>();
        for (HistoryRow row : history.list().stream().limit(MAX_RUNS).toList()) {
            Optional<RunResult> r = history.load(row.id());
            r.filter(x -> !x.rounds().isEmpty()).ifPresent(out::add);
        }
        return out;
    }

    /** Shows {@code newCurves} (FX thread). */
    void show(List<Curve> newCurves) {
        curves.setAll(newCurves);
        if (newCurves.isEmpty()) {
            return;
        }
        int runs = newCurves.stream().mapToInt(c -> c.points().get(0).runs()).sum();
        List<String> methods = newCurves.stream().map(Curve::method).distinct().toList();
        summary.set(newCurves.size() + " strategies from " + runs + " runs (each line: mean over its runs, round by "
                + "round; accuracy of the model trained in that round on the validation split); joules "
                + String.join(", ", methods) + ", queries included");
    }

    /**
     * The curves of {@code runs}: grouped by strategy (in order of first appearance), averaged round by round over
     * the rounds every run of the group has.
     */
    public static List<Curve> curvesOf(List<RunResult> runs) {
        Map<String, List<RunResult>> byStrategy = new LinkedHashMap<>();
        for (RunResult r : runs) {
            if (r.spec() != null && r.spec().activeLearning() != null && !r.rounds().isEmpty()) {
                byStrategy.computeIfAbsent(r.spec().activeLearning().strategy(), k -> new ArrayList<>()).add(r);
            }
        }
        List<Curve> out = new ArrayList<>();
        byStrategy.forEach((strategy, group) -> {
            int n = group.stream().mapToInt(r -> r.rounds().size()).min().orElse(0);
            List<Point> points = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                double labelled = 0;
                double acc = 0;
                double joules = 0;
                for (RunResult r : group) {
                    RoundRecord round = r.rounds().get(i);
                    labelled += round.labelled();
                    acc += round.valAccuracy();
                    joules += round.cumulativeEnergyJoules();
                }
                points.add(new Point(labelled / group.size(), acc / group.size(), joules / group.size(),
                        group.size()));
            }
            String method = group.get(0).finalMetrics() == null ? "of unknown method"
                    : group.get(0).finalMetrics().energyMethod();
            out.add(new Curve(strategy, List.copyOf(points), method));
        });
        return out;
    }
}
