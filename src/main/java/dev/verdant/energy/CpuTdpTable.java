package dev.verdant.energy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The bundled CPU model to TDP table ({@code cpu-tdp.csv}, sources in its header and rows). Looks a CPU up by
 * the name the OS reports, e.g. {@code Intel(R) Core(TM) i7-8700K CPU @ 3.70GHz}; unknown models get
 * {@link #DEFAULT_WATTS_PER_THREAD}.
 */
public final class CpuTdpTable {

    /** Watts per hardware thread for unknown CPUs: CodeCarbon's default ({@code DEFAULT_POWER_PER_CORE = 4}). */
    public static final double DEFAULT_WATTS_PER_THREAD = 4.0;

    /**
     * A lookup's outcome.
     *
     * @param model          the table row that matched, or {@code unknown}
     * @param tdpWatts       its TDP (NaN when unknown)
     * @param threads        its hardware threads (0 when unknown)
     * @param wattsPerThread active power per busy thread
     * @param source         where the figure comes from
     */
    public record Entry(String model, double tdpWatts, int threads, double wattsPerThread, String source) {
        /** A human description, e.g. {@code AMD EPYC 7763: 280 W / 128 threads = 2.19 W per thread (AMD ...)}. */
        public String describe() {
            if (threads == 0) {
                return String.format(Locale.ROOT, "unknown CPU model: %.2f W per thread (%s)", wattsPerThread, source);
            }
            return String.format(Locale.ROOT, "%s: %.0f W / %d threads = %.2f W per thread (%s)", model, tdpWatts,
                    threads, wattsPerThread, source);
        }
    }

    private record Row(String model, String key, double tdp, int threads, boolean family, String source) {
    }

    private static final CpuTdpTable BUNDLED = load();

    private final List<Row> rows;

    private CpuTdpTable(List<Row> rows) {
        this.rows = rows;
    }

    /** The table bundled with Verdant. */
    public static CpuTdpTable bundled() {
        return BUNDLED;
    }

    /** The best entry for a CPU name: a whole model number first, then a family prefix, then the default. */
    public Entry lookup(String cpuName) {
        String n = normalise(cpuName == null ? "" : cpuName);
        Optional<Row> model = rows.stream().filter(r -> !r.family && containsWord(n, r.key))
                .max(Comparator.comparingInt(r -> r.key.length()));
        Optional<Row> best = model.isPresent() ? model
                : rows.stream().filter(r -> r.family && n.startsWith(r.key)).max(Comparator.comparingInt(r -> r.key.length()));
        return best.map(r -> new Entry(r.model, r.tdp, r.threads, r.tdp / r.threads,
                        (r.family ? "family fallback, " : "") + r.source))
                .orElseGet(() -> new Entry("unknown", Double.NaN, 0, DEFAULT_WATTS_PER_THREAD,
                        "CodeCarbon's default of 4 W per thread"));
    }

    /** Number of rows, for tests and docs. */
    public int size() {
        return rows.size();
    }

    /** Lower case, without trademarks, clock speed, "CPU", "Processor", core counts and generation prefixes. */
    static String normalise(String name) {
        String s = name.toLowerCase(Locale.ROOT)
                .replaceAll("\\((r|tm)\\)", " ")
                .replaceAll("@.*$", " ")
                .replaceAll("\\b\\d+(th|rd|nd|st) gen\\b", " ")
                .replaceAll("\\b\\d+-core\\b", " ")
                .replaceAll("\\b(cpu|processor)\\b", " ");
        return s.replaceAll("\\s+", " ").trim();
    }

    private static boolean containsWord(String haystack, String key) {
        int from = 0;
        while (true) {
            int i = haystack.indexOf(key, from);
            if (i < 0) {
                return false;
            }
            int end = i + key.length();
            boolean startOk = i == 0 || !Character.isLetterOrDigit(haystack.charAt(i - 1));
            boolean endOk = end == haystack.length() || !Character.isLetterOrDigit(haystack.charAt(end))
                    && haystack.charAt(end) != '+';
            if (startOk && endOk) {
                return true;
            }
            from = i + 1;
        }
    }

    private static CpuTdpTable load() {
        List<Row> rows = new ArrayList<>();
        try (InputStream in = CpuTdpTable.class.getResourceAsStream("cpu-tdp.csv")) {
            if (in == null) {
                throw new IllegalStateException("cpu-tdp.csv is missing from the build");
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            boolean header = true;
            for (String line; (line = r.readLine()) != null; ) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                if (header) {
                    header = false;
                    continue;
                }
                String[] f = line.split(",", 5);
                rows.add(new Row(f[0], normalise(f[0]), Double.parseDouble(f[1]), Integer.parseInt(f[2]),
                        f[3].equals("family"), f[4]));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new CpuTdpTable(List.copyOf(rows));
    }
}
