package dev.verdant.app.live;

import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYItemRenderer;
import org.jfree.data.xy.XYDataset;

import java.awt.Color;
import java.awt.Paint;
import java.util.Locale;

/**
 * A small SVG writer for XY charts: JFreeChart has no SVG output without JFreeSVG, which is not available here,
 * so this draws the plot from its datasets - frame, ticks, one polyline (with point markers) per series, legend.
 */
final class SvgChartWriter {

    private static final int LEFT = 70;
    private static final int RIGHT = 20;
    private static final int TOP = 40;
    private static final int BOTTOM = 80;

    private SvgChartWriter() {
    }

    static String write(JFreeChart chart, int width, int height) {
        XYPlot plot = chart.getXYPlot();
        ValueAxis xAxis = plot.getDomainAxis();
        ValueAxis yAxis = plot.getRangeAxis();
        double x0 = xAxis.getLowerBound();
        double x1 = xAxis.getUpperBound();
        double y0 = yAxis.getLowerBound();
        double y1 = yAxis.getUpperBound();
        int pw = width - LEFT - RIGHT;
        int ph = height - TOP - BOTTOM;
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
                + "font-family=\"sans-serif\" font-size=\"11\">%n", width, height));
        b.append(String.format("<rect width=\"%d\" height=\"%d\" fill=\"white\"/>%n", width, height));
        String title = chart.getTitle() == null ? "" : chart.getTitle().getText();
        b.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"22\" text-anchor=\"middle\" font-size=\"14\" "
                + "font-weight=\"bold\">%s</text>%n", width / 2, esc(title)));
        b.append(String.format("<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" stroke=\"#888\"/>%n",
                LEFT, TOP, pw, ph));
        for (int i = 0; i <= 5; i++) {
            double fx = x0 + (x1 - x0) * i / 5;
            double fy = y0 + (y1 - y0) * i / 5;
            int px = LEFT + pw * i / 5;
            int py = TOP + ph - ph * i / 5;
            b.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#ddd\"/>%n",
                    px, TOP, px, TOP + ph));
            b.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#ddd\"/>%n",
                    LEFT, py, LEFT + pw, py));
            b.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">%s</text>%n",
                    px, TOP + ph + 14, tick(fx)));
            b.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%s</text>%n",
                    LEFT - 4, py + 4, tick(fy)));
        }
        b.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">%s</text>%n",
                LEFT + pw / 2, TOP + ph + 30, esc(xAxis.getLabel())));
        b.append(String.format(Locale.ROOT, "<text transform=\"translate(14,%d) rotate(-90)\" "
                + "text-anchor=\"middle\">%s</text>%n", TOP + ph / 2, esc(yAxis.getLabel())));
        int legendX = LEFT;
        int legendY = TOP + ph + 52;
        for (int d = 0; d < plot.getDatasetCount(); d++) {
            XYDataset ds = plot.getDataset(d);
            XYItemRenderer r = plot.getRenderer(d);
            if (ds == null) {
                continue;
            }
            for (int s = 0; s < ds.getSeriesCount(); s++) {
                String colour = hex(r instanceof org.jfree.chart.renderer.AbstractRenderer ar ? ar.lookupSeriesPaint(s) : null, s);
                StringBuilder pts = new StringBuilder();
                StringBuilder dots = new StringBuilder();
                for (int i = 0; i < ds.getItemCount(s); i++) {
                    double x = ds.getXValue(s, i);
                    double y = ds.getYValue(s, i);
                    if (!Double.isFinite(x) || !Double.isFinite(y)) {
                        continue;
                    }
                    double px = LEFT + (x - x0) / (x1 - x0) * pw;
                    double py = TOP + ph - (y - y0) / (y1 - y0) * ph;
                    pts.append(String.format(Locale.ROOT, "%.1f,%.1f ", px, py));
                    if (ds.getItemCount(s) <= 200) {
                        dots.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"2.5\" "
                                + "fill=\"%s\"/>", px, py, colour));
                    }
                }
                b.append(String.format("<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"1.5\" points=\"%s\"/>%n",
                        colour, pts.toString().trim()));
                b.append(dots).append('\n');
                String key = esc(String.valueOf(ds.getSeriesKey(s)));
                b.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"10\" height=\"10\" fill=\"%s\"/>"
                        + "<text x=\"%d\" y=\"%d\">%s</text>%n", legendX, legendY - 9, colour, legendX + 14,
                        legendY, key));
                legendX += 24 + key.length() * 6;
                if (legendX > width - 150) {
                    legendX = LEFT;
                    legendY += 14;
                }
            }
        }
        return b.append("</svg>\n").toString();
    }

    private static final String[] FALLBACK = {"#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b"};

    private static String hex(Paint paint, int series) {
        if (paint instanceof Color c) {
            return String.format("#%02x%02x%02x", c.getRed(), c.getGreen(), c.getBlue());
        }
        return FALLBACK[series % FALLBACK.length];
    }

    private static String tick(double v) {
        return Math.abs(v) >= 1000 || v == Math.rint(v) ? String.format(Locale.ROOT, "%.0f", v)
                : String.format(Locale.ROOT, "%.3g", v);
    }

    private static String esc(String s) {
        return s == null ? "" : s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
