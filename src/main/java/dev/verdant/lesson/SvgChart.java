package dev.verdant.lesson;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A small SVG writer for reports: an x/y chart with axes, "nice" ticks, labelled axes, a legend and any number of
 * series drawn as points, lines or both. Self-contained output (no fonts, scripts or links), so a report stays one
 * file that renders the same in any browser. Colours are the Okabe-Ito palette (distinguishable with colour-blindness).
 */
public final class SvgChart {

    /** The Okabe-Ito colours, in order of use. */
    static final List<String> PALETTE = List.of("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9",
            "#000000", "#F0E442");

    /** One point with an optional label (drawn next to it). */
    public record Point(double x, double y, String label) {
    }

    /** A named series; {@code line} joins its points in order, {@code dots} marks each one. */
    public record Series(String name, List<Point> points, boolean line, boolean dots) {
        public Series {
            points = List.copyOf(points);
        }
    }

    private final String title;
    private final String xLabel;
    private final String yLabel;
    private final List<Series> series = new ArrayList<>();
    private int width = 640;
    private int height = 380;

    /** A chart with a title and axis labels. */
    public SvgChart(String title, String xLabel, String yLabel) {
        this.title = title;
        this.xLabel = xLabel;
        this.yLabel = yLabel;
    }

    /** Adds a series. */
    public SvgChart add(Series s) {
        series.add(s);
        return this;
    }

    /** Sets the size in pixels. */
    public SvgChart size(int w, int h) {
        this.width = w;
        this.height = h;
        return this;
    }

    /** Whether the chart has any point to draw. */
    public boolean isEmpty() {
        return series.stream().allMatch(s -> s.points().isEmpty());
    }

    /** The chart as an {@code <svg>} element. */
    public String svg() {
        int left = 70;
        int right = 170;
        int top = 36;
        int bottom = 52;
        double[] xr = range(true);
        double[] yr = range(false);
        double[] xt = ticks(xr[0], xr[1]);
        double[] yt = ticks(yr[0], yr[1]);
        double x0 = xt[0];
        double x1 = xt[xt.length - 1];
        double y0 = yt[0];
        double y1 = yt[yt.length - 1];
        int pw = width - left - right;
        int ph = height - top - bottom;
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
                + "viewBox=\"0 0 %d %d\" role=\"img\" aria-label=\"%s\" font-family=\"sans-serif\" font-size=\"12\">",
                width, height, width, height, esc(title)));
        s.append("<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>");
        s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"20\" font-size=\"15\" font-weight=\"bold\">%s</text>",
                left, esc(title)));
        for (double t : xt) {
            double px = left + (t - x0) / (x1 - x0) * pw;
            s.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#e0e0e0\"/>"
                    + "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>", px, top, px, top + ph, px,
                    top + ph + 16, tick(t)));
        }
        for (double t : yt) {
            double py = top + ph - (t - y0) / (y1 - y0) * ph;
            s.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#e0e0e0\"/>"
                    + "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>", left, py, left + pw, py, left - 6,
                    py + 4, tick(t)));
        }
        s.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" "
                + "stroke=\"#333\"/>", left, top, pw, ph));
        s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">%s</text>",
                left + pw / 2, height - 12, esc(xLabel)));
        s.append(String.format(Locale.ROOT, "<text transform=\"translate(16 %d) rotate(-90)\" text-anchor=\"middle\">"
                + "%s</text>", top + ph / 2, esc(yLabel)));
        for (int i = 0; i < series.size(); i++) {
            Series se = series.get(i);
            String c = PALETTE.get(i % PALETTE.size());
            StringBuilder path = new StringBuilder();
            for (Point p : se.points()) {
                double px = left + (p.x() - x0) / (x1 - x0) * pw;
                double py = top + ph - (p.y() - y0) / (y1 - y0) * ph;
                path.append(path.length() == 0 ? "M" : " L").append(String.format(Locale.ROOT, "%.1f %.1f", px, py));
                if (se.dots()) {
                    s.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"4\" fill=\"%s\"/>", px,
                            py, c));
                }
                if (p.label() != null) {
                    s.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"10\" fill=\"#333\">"
                            + "%s</text>", px + 6, py - 6, esc(p.label())));
                }
            }
            if (se.line() && se.points().size() > 1) {
                s.append(String.format(Locale.ROOT, "<path d=\"%s\" fill=\"none\" stroke=\"%s\" stroke-width=\"2\"/>",
                        path, c));
            }
            int ly = top + 8 + i * 18;
            s.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"12\" height=\"12\" fill=\"%s\"/>"
                    + "<text x=\"%d\" y=\"%d\">%s</text>", left + pw + 12, ly, c, left + pw + 30, ly + 10,
                    esc(shorten(se.name()))));
        }
        return s.append("</svg>").toString();
    }

    private double[] range(boolean x) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (Series se : series) {
            for (Point p : se.points()) {
                double v = x ? p.x() : p.y();
                if (Double.isFinite(v)) {
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
            }
        }
        if (!Double.isFinite(lo)) {
            return new double[] {0, 1};
        }
        if (hi - lo < 1e-12) {
            double pad = Math.max(Math.abs(lo) * 0.1, 1e-3);
            return new double[] {lo - pad, hi + pad};
        }
        return new double[] {lo, hi};
    }

    /** Ticks at 1, 2 or 5 times a power of ten, covering [lo, hi]. */
    static double[] ticks(double lo, double hi) {
        double raw = (hi - lo) / 5;
        double mag = Math.pow(10, Math.floor(Math.log10(raw)));
        double step = raw / mag < 1.5 ? mag : raw / mag < 3.5 ? 2 * mag : raw / mag < 7.5 ? 5 * mag : 10 * mag;
        double start = Math.floor(lo / step) * step;
        double end = Math.ceil(hi / step) * step;
        int n = (int) Math.round((end - start) / step) + 1;
        double[] t = new double[n];
        for (int i = 0; i < n; i++) {
            t[i] = start + i * step;
        }
        return t;
    }

    private static String tick(double v) {
        if (Math.abs(v) < 1e-12) {
            return "0";
        }
        double a = Math.abs(v);
        if (a >= 10000) {
            return String.format(Locale.ROOT, "%.3g", v);
        }
        if (a >= 10) {
            return String.format(Locale.ROOT, "%.0f", v);
        }
        return String.format(Locale.ROOT, "%.3g", v).replaceAll("(\\.\\d*?)0+$", "$1").replaceAll("\\.$", "");
    }

    private static String shorten(String s) {
        return s.length() <= 24 ? s : s.substring(0, 23) + "…";
    }

    /** XML-escapes text. */
    static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
