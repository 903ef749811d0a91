package dev.verdant.app.live;

import dev.verdant.result.FinalMetrics;
import dev.verdant.result.RunResult;
import dev.verdant.result.RunStatus;
import dev.verdant.spec.DatasetSpec;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import dev.verdant.result.GroupStatistics;
import dev.verdant.spec.ExperimentSpec;
import org.jfree.data.xy.XYIntervalSeries;
import org.jfree.data.xy.XYIntervalSeriesCollection;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The Pareto chart's data: delivered accuracy against total energy (training + compression) of the runs the user
 * chose to show, one front per task. Only runs of one task are comparable (a digits MLP does not "dominate" a
 * Fashion-MNIST LeNet), and only completed runs deliver a model (a cancelled half-trained run is no recipe), so the
 * front is drawn over the completed runs of the chosen {@link Task}; the others wait in {@link #tasks()}.
 *
 * <p>Repeats of one recipe (runs whose specs differ only in their seed, seeds all different: a run group) are one
 * point at their means, with the 95% confidence intervals of both figures as error bars ({@link #spreadDataset()}),
 * and dominance is decided on the means: a run must not rank below its own twin because of noise.
 */
public final class ParetoViewModel {

    /** Series key of the Pareto-optimal runs. */
    public static final String FRONT = LiveChartsViewModel.FRONT;
    /** Series key of dominated runs (drawn grey). */
    public static final String DOMINATED = LiveChartsViewModel.DOMINATED;
    /** Series key of the repeats' error bars. */
    public static final String SPREAD = "95% CI of repeats";

    /**
     * What makes accuracies comparable: the same data (dataset name, on-disk path and label column, synthetic
     * samples and noise) evaluated on the same split. The input shape and the classes follow from the data.
     *
     * @param dataset the dataset's identity, e.g. {@code mnist} or {@code csv /data/iris.csv [species]}
     * @param split   how validation data is held out, e.g. {@code validation 0.1}
     */
    public record Task(String dataset, String split) {

        /** The task of a run, from its spec; null without a spec. */
        public static Task of(RunResult r) {
            if (r.spec() == null) {
                return null;
            }
            DatasetSpec d = r.spec().dataset();
            StringBuilder id = new StringBuilder(d.name());
            if (d.path() != null) {
                id.append(' ').append(d.path());
            }
            if (d.labelColumn() != null) {
                id.append(" [").append(d.labelColumn()).append(']');
            }
            if (DatasetSpec.SYNTHETIC.contains(d.name())) {
                id.append(" (").append(d.samples()).append(" samples, noise ").append(d.noise()).append(')');
            }
            return new Task(id.toString(), "validation " + d.validationSplit());
        }

        /** The chooser's text. */
        public String label() {
            return dataset + " · " + split;
        }

        @Override
        public String toString() {
            return label();
        }
    }

    private final XYSeriesCollection dataset = new XYSeriesCollection();
    private final XYIntervalSeriesCollection spread = new XYIntervalSeriesCollection();
    private final Map<Comparable<?>, List<PointInfo>> info = new LinkedHashMap<>();
    private final ObservableList<Task> tasks = FXCollections.observableArrayList();
    private final ObjectProperty<Task> task = new SimpleObjectProperty<>(this, "task");
    private final ReadOnlyObjectWrapper<XAxisMode> mode = new ReadOnlyObjectWrapper<>(XAxisMode.ENERGY);
    private final ReadOnlyObjectWrapper<String> axisLabel = new ReadOnlyObjectWrapper<>(this, "axisLabel",
            XAxisMode.ENERGY.label());
    private final ReadOnlyObjectWrapper<String> excluded = new ReadOnlyObjectWrapper<>(this, "excluded", "");
    private List<RunResult> runs = List.of();
    private boolean updating;

    public ParetoViewModel() {
        task.addListener((o, was, now) -> {
            if (!updating) {
                redraw();
            }
        });
    }

    public XYSeriesCollection dataset() {
        return dataset;
    }

    /** The error bars of points that stand for repeats: 95% confidence intervals of both figures around the means. */
    public XYIntervalSeriesCollection spreadDataset() {
        return spread;
    }

    /** The tasks of the shown completed runs, in order of first appearance. */
    public ObservableList<Task> tasks() {
        return tasks;
    }

    /** The task whose front is drawn; the user's choice, kept while runs come and go. */
    public ObjectProperty<Task> taskProperty() {
        return task;
    }

    /** The x axis's label: energy or time, and "estimated" when any plotted run's joules were estimated. */
    public ReadOnlyObjectProperty<String> axisLabelProperty() {
        return axisLabel.getReadOnlyProperty();
    }

    /** What the x axis shows: energy, or training seconds when a run of the task has no energy figure. */
    public ReadOnlyObjectProperty<XAxisMode> axisModeProperty() {
        return mode.getReadOnlyProperty();
    }

    /** Why shown runs are not on the chart, e.g. {@code 1 unfinished run not plotted}; empty when all are. */
    public ReadOnlyObjectProperty<String> excludedProperty() {
        return excluded.getReadOnlyProperty();
    }

    /** The point infos of a series, in item order (tooltips, item labels, tests). */
    public List<PointInfo> pointInfo(Comparable<?> seriesKey) {
        return List.copyOf(info.getOrDefault(seriesKey, List.of()));
    }

    /** The label drawn beside a point: {@code run 7 name}. */
    public String pointLabel(Comparable<?> seriesKey, int item) {
        List<PointInfo> list = info.get(seriesKey);
        return list == null || item < 0 || item >= list.size() ? null : list.get(item).run();
    }

    /** Tooltip text of a point, or null. */
    public String tooltip(Comparable<?> seriesKey, int item) {
        List<PointInfo> list = info.get(seriesKey);
        return list == null || item < 0 || item >= list.size() ? null : list.get(item).describe();
    }

    /**
     * The runs chosen for the charts. Runs that did not complete, or have no metrics, are left out (and counted
     * in {@link #excludedProperty()}); the chosen task stays when it still has runs, else the newest run's task is
     * chosen.
     */
    public void setRuns(List<RunResult> shown) {
        List<RunResult> usable = shown.stream().filter(ParetoViewModel::plottable).toList();
        int left = shown.size() - usable.size();
        excluded.set(left == 0 ? "" : left + (left == 1 ? " unfinished run" : " unfinished runs") + " not plotted");
        runs = usable;
        List<Task> found = new ArrayList<>();
        for (RunResult r : usable) {
            Task t = Task.of(r);
            if (!found.contains(t)) {
                found.add(t);
            }
        }
        updating = true;
        try {
            tasks.setAll(found);
            if (task.get() == null || !found.contains(task.get())) {
                task.set(usable.isEmpty() ? null : Task.of(usable.get(usable.size() - 1)));
            }
        } finally {
            updating = false;
        }
        redraw();
    }

    /** Only a completed run delivers the model its figures describe. */
    static boolean plottable(RunResult r) {
        return r.status() == RunStatus.COMPLETED && r.finalMetrics() != null && r.spec() != null;
    }

    /** The runs of the chosen task that the chart plots. */
    public List<RunResult> plotted() {
        Task t = task.get();
        return runs.stream().filter(r -> Objects.equals(Task.of(r), t)).toList();
    }

    /**
     * One point of the chart: a single run, or the repeats of one recipe at their means with the 95% confidence
     * intervals (Student t) of the x figure and of delivered accuracy.
     */
    private record Point(List<RunResult> runs, double x, double y, GroupStatistics xs, GroupStatistics ys) {

        boolean repeats() {
            return runs.size() > 1;
        }
    }

    /** The plotted runs as points: repeats of a recipe (same spec but for distinct seeds) become one point. */
    private static List<Point> points(List<RunResult> plotted, boolean energy) {
        Map<ExperimentSpec, List<RunResult>> recipes = new LinkedHashMap<>();
        for (RunResult r : plotted) {
            recipes.computeIfAbsent(r.spec().withSeed(0), k -> new ArrayList<>()).add(r);
        }
        List<Point> out = new ArrayList<>();
        for (List<RunResult> same : recipes.values()) {
            boolean distinctSeeds = same.stream().map(r -> r.spec().seed()).distinct().count() == same.size();
            if (same.size() > 1 && distinctSeeds) {
                GroupStatistics xs = GroupStatistics.of(same.stream().mapToDouble(r -> x(r, energy)).toArray());
                GroupStatistics ys = GroupStatistics.of(same.stream()
                        .mapToDouble(r -> r.finalMetrics().deliveredAccuracy()).toArray());
                out.add(new Point(List.copyOf(same), xs.mean(), ys.mean(), xs, ys));
            } else {
                // the same seed twice is a re-run, not a repeat: each stays its own point
                for (RunResult r : same) {
                    out.add(new Point(List.of(r), x(r, energy), r.finalMetrics().deliveredAccuracy(), null, null));
                }
            }
        }
        return out;
    }

    private void redraw() {
        List<RunResult> plotted = plotted();
        boolean energy = plotted.stream().allMatch(r -> r.finalMetrics().totalEnergyJoules() != null);
        boolean estimated = energy && plotted.stream()
                .anyMatch(r -> dev.verdant.result.EnergyMethod.estimated(r.finalMetrics()));
        axisLabel.set((energy ? XAxisMode.ENERGY : XAxisMode.TIME).label(estimated));
        mode.set(energy ? XAxisMode.ENERGY : XAxisMode.TIME);
        XYSeries front = new XYSeries(FRONT, true, true);
        XYSeries dominated = new XYSeries(DOMINATED, false, true);
        XYIntervalSeries bars = new XYIntervalSeries(SPREAD);
        List<PointInfo> frontInfo = new ArrayList<>();
        List<PointInfo> dominatedInfo = new ArrayList<>();
        List<Point> points = points(plotted, energy);
        for (Point p : points) {
            PointInfo info = info(p, energy);
            if (points.stream().anyMatch(o -> o != p && dominates(o.x, o.y, p.x, p.y))) {
                dominated.add(p.x, p.y);
                dominatedInfo.add(info);
            } else {
                front.add(p.x, p.y);
                frontInfo.add(info);
            }
            if (p.repeats()) {
                bars.add(p.x, p.xs.low(), p.xs.high(), p.y, p.ys.low(), p.ys.high());
            }
        }
        // the front series is sorted by x (autoSort): order its infos the same way for tooltips and labels
        frontInfo.sort(Comparator.comparingDouble(p -> energy ? p.joules() : p.seconds()));
        info.clear();
        info.put(FRONT, frontInfo);
        info.put(DOMINATED, dominatedInfo);
        dataset.removeAllSeries();
        dataset.addSeries(front);
        dataset.addSeries(dominated);
        spread.removeAllSeries();
        spread.addSeries(bars);
    }

    /** Label and tooltip of a point; repeats say how many and how uncertain their means are. */
    private static PointInfo info(Point p, boolean energy) {
        RunResult first = p.runs.get(0);
        if (!p.repeats()) {
            FinalMetrics m = first.finalMetrics();
            return new PointInfo(LiveChartsViewModel.runLabel(first), 0, m.deliveredAccuracy(), m.totalEnergyJoules(),
                    m.trainSeconds(), m.co2eGrams(), dev.verdant.result.DeliveredFigures.compressed(first)
                    ? String.format(java.util.Locale.ROOT, "delivered (trained %.4f)", m.accuracy()) : null);
        }
        double seconds = p.runs.stream().mapToDouble(r -> r.finalMetrics().trainSeconds()).average().orElse(0);
        Double co2 = p.runs.stream().allMatch(r -> r.finalMetrics().co2eGrams() != null)
                ? p.runs.stream().mapToDouble(r -> r.finalMetrics().co2eGrams()).average().orElse(0) : null;
        String ids = p.runs.stream().map(RunResult::id).sorted(Comparator.nullsLast(Comparator.naturalOrder()))
                .map(id -> id == null ? "?" : String.valueOf(id)).collect(java.util.stream.Collectors.joining(", "));
        String label = first.name() + " × " + p.runs.size() + " (runs " + ids + ")";
        String spreadText = String.format(java.util.Locale.ROOT, "mean of %d repeats ± 95%% CI: accuracy ± %.4f, %s",
                p.runs.size(), p.ys.halfWidth95(), energy
                        ? String.format(java.util.Locale.ROOT, "energy ± %.1f J", p.xs.halfWidth95())
                        : String.format(java.util.Locale.ROOT, "time ± %.1f s", p.xs.halfWidth95()));
        return new PointInfo(label, 0, p.y, energy ? p.x : null, energy ? seconds : p.x, co2, spreadText);
    }

    private static double x(RunResult r, boolean energy) {
        return energy ? r.finalMetrics().totalEnergyJoules() : r.finalMetrics().trainSeconds();
    }

    /** {@code a} dominates {@code b}: at most its cost for at least its delivered accuracy, one of them strictly. */
    private static boolean dominates(double ax, double ay, double bx, double by) {
        return ax <= bx && ay >= by && (ax < bx || ay > by);
    }
}
