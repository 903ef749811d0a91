package dev.verdant.lesson;

import java.util.Locale;

/** Number formats shared by lessons and reports (locale-free, so reports read the same everywhere). */
final class Fmt {

    private Fmt() {
    }

    /** A figure with about three significant digits; "n/a" for null or NaN. */
    static String num(Double v) {
        if (v == null || v.isNaN()) {
            return "n/a";
        }
        double a = Math.abs(v);
        if (a == 0) {
            return "0";
        }
        if (a >= 100) {
            return String.format(Locale.ROOT, "%,.0f", v);
        }
        if (a >= 1) {
            return String.format(Locale.ROOT, "%.2f", v);
        }
        return String.format(Locale.ROOT, "%.3g", v);
    }

    /** Bytes as B, kB or MB. */
    static String bytes(long b) {
        if (b < 10_000) {
            return b + " B";
        }
        if (b < 10_000_000) {
            return String.format(Locale.ROOT, "%.1f kB", b / 1000.0);
        }
        return String.format(Locale.ROOT, "%.1f MB", b / 1e6);
    }
}
