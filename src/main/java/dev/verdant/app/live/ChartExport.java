package dev.verdant.app.live;

import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.data.xy.XYDataset;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** Writes a chart as PNG or SVG and its data as CSV. */
public final class ChartExport {

    private ChartExport() {
    }

    /** Renders the chart into a PNG of the given size. */
    public static void png(JFreeChart chart, Path file, int width, int height) throws IOException {
        ChartUtils.saveChartAsPNG(file.toFile(), chart, width, height);
    }

    /** Writes the chart as a standalone SVG (vector: lines, points, axes and legend). */
    public static void svg(JFreeChart chart, Path file, int width, int height) throws IOException {
        Files.writeString(file, SvgChartWriter.write(chart, width, height));
    }

    /** One row per point: {@code series,x,y}, every dataset of the plot in turn. */
    public static void csv(XYDataset[] datasets, Path file) throws IOException {
        try (Writer w = Files.newBufferedWriter(file)) {
            w.write("series,x,y\n");
            for (XYDataset d : datasets) {
                if (d == null) {
                    continue;
                }
                for (int s = 0; s < d.getSeriesCount(); s++) {
                    String key = quote(String.valueOf(d.getSeriesKey(s)));
                    for (int i = 0; i < d.getItemCount(s); i++) {
                        w.write(key + "," + num(d.getXValue(s, i)) + "," + num(d.getYValue(s, i)) + "\n");
                    }
                }
            }
        }
    }

    private static String num(double v) {
        return String.format(Locale.ROOT, "%.6g", v);
    }

    private static String quote(String s) {
        return s.contains(",") || s.contains("\"") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }
}
