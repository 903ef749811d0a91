package dev.verdant.app.live;

import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.data.xy.XYDataset;
import org.jfree.svg.SVGGraphics2D;
import org.jfree.svg.SVGUtils;

import java.awt.geom.Rectangle2D;
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

    /**
     * Writes the chart as a standalone SVG document: JFreeChart draws itself into JFreeSVG's Graphics2D, so the
     * vector image has everything the screen shows (markers, labels, legend) and text stays text.
     */
    public static void svg(JFreeChart chart, Path file, int width, int height) throws IOException {
        SVGGraphics2D g = new SVGGraphics2D(width, height);
        // shadows would be embedded as bitmaps: pointless in a vector image
        g.setRenderingHint(JFreeChart.KEY_SUPPRESS_SHADOW_GENERATION, true);
        chart.draw(g, new Rectangle2D.Double(0, 0, width, height));
        SVGUtils.writeToSVG(file.toFile(), g.getSVGElement());
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
