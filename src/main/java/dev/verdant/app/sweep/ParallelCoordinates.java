package dev.verdant.app.sweep;

import javafx.collections.ListChangeListener;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.layout.Pane;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Parallel coordinates of a sweep's configurations: one vertical axis per parameter, then accuracy and joules
 * spent; one line per configuration (green when it has a result and was kept, grey when pruned, dashed while it has
 * none). Numeric parameters are placed by value, others (lists, texts) by their order of appearance.
 */
public final class ParallelCoordinates extends Pane {

    private final Canvas canvas = new Canvas();
    private final SweepViewModel vm;

    public ParallelCoordinates(SweepViewModel vm) {
        this.vm = vm;
        getChildren().add(canvas);
        canvas.widthProperty().bind(widthProperty());
        canvas.heightProperty().bind(heightProperty());
        canvas.widthProperty().addListener(o -> draw());
        canvas.heightProperty().addListener(o -> draw());
        vm.coordinates().addListener((ListChangeListener<SweepViewModel.Coordinates>) c -> draw());
        setMinHeight(160);
    }

    private void draw() {
        GraphicsContext g = canvas.getGraphicsContext2D();
        double w = canvas.getWidth();
        double h = canvas.getHeight();
        g.setFill(Color.WHITE);
        g.fillRect(0, 0, w, h);
        List<SweepViewModel.Coordinates> configs = vm.coordinates();
        if (configs.isEmpty() || w < 50 || h < 50) {
            g.setFill(Color.GREY);
            g.fillText("Parallel coordinates appear as trials run.", 10, 20);
            return;
        }
        List<String> axes = new ArrayList<>(configs.get(0).values().keySet());
        axes.add("accuracy");
        axes.add("joules");
        Map<String, double[]> range = new LinkedHashMap<>();
        Map<String, List<String>> categories = new LinkedHashMap<>();
        for (String axis : axes) {
            double lo = Double.POSITIVE_INFINITY;
            double hi = Double.NEGATIVE_INFINITY;
            TreeSet<String> seen = new TreeSet<>();
            boolean numeric = true;
            for (SweepViewModel.Coordinates c : configs) {
                String text = text(c, axis);
                seen.add(text);
                Double v = number(text);
                if (v == null) {
                    numeric = numeric && "".equals(text);
                } else if (!v.isNaN()) {
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
            }
            if (numeric && lo <= hi) {
                range.put(axis, new double[] {lo, hi});
            } else {
                categories.put(axis, new ArrayList<>(seen));
            }
        }
        double top = 30;
        double bottom = h - 20;
        double left = 40;
        double step = axes.size() > 1 ? (w - 2 * left) / (axes.size() - 1) : 0;
        g.setFont(Font.font(10));
        for (int i = 0; i < axes.size(); i++) {
            double x = left + i * step;
            g.setStroke(Color.gray(0.6));
            g.strokeLine(x, top, x, bottom);
            g.setFill(Color.BLACK);
            g.fillText(shortName(axes.get(i)), x - 30, top - 12);
        }
        for (SweepViewModel.Coordinates c : configs) {
            g.setStroke(c.pruned() ? Color.gray(0.7) : Double.isNaN(c.accuracy()) ? Color.CORNFLOWERBLUE
                    : Color.FORESTGREEN);
            g.setLineWidth(c.pruned() ? 1 : 1.8);
            g.setLineDashes(Double.isNaN(c.accuracy()) && !c.pruned() ? 4 : 0);
            double px = Double.NaN;
            double py = Double.NaN;
            for (int i = 0; i < axes.size(); i++) {
                String axis = axes.get(i);
                double frac = position(text(c, axis), range.get(axis), categories.get(axis));
                if (Double.isNaN(frac)) {
                    px = Double.NaN;
                    continue;
                }
                double x = left + i * step;
                double y = bottom - frac * (bottom - top);
                if (!Double.isNaN(px)) {
                    g.strokeLine(px, py, x, y);
                }
                px = x;
                py = y;
            }
        }
        g.setLineDashes(0);
    }

    private static String text(SweepViewModel.Coordinates c, String axis) {
        return switch (axis) {
            case "accuracy" -> Double.isNaN(c.accuracy()) ? "" : Double.toString(c.accuracy());
            case "joules" -> Double.toString(c.joules());
            default -> c.values().getOrDefault(axis, "");
        };
    }

    private static Double number(String text) {
        if (text.isEmpty()) {
            return Double.NaN;
        }
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static double position(String text, double[] range, List<String> categories) {
        if (range != null) {
            Double v = number(text);
            if (v == null || v.isNaN()) {
                return Double.NaN;
            }
            return range[1] > range[0] ? (v - range[0]) / (range[1] - range[0]) : 0.5;
        }
        int i = categories.indexOf(text);
        return categories.size() > 1 ? (double) i / (categories.size() - 1) : 0.5;
    }

    private static String shortName(String path) {
        int dot = path.lastIndexOf('.');
        return dot >= 0 ? path.substring(dot + 1) : path;
    }
}
