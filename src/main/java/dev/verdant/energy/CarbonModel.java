package dev.verdant.energy;

import dev.verdant.spec.EnergySpec;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Joules to emissions and cost: kWh = J / 3.6e6; gCO2e = kWh x PUE x grid intensity of the region; cost =
 * kWh x PUE x price (the facility pays for its overhead too). Intensities come from the bundled
 * {@code grid-intensity.csv}: countries by ISO 3166 alpha-2 or alpha-3 code, plus {@code WORLD} = 475 g/kWh.
 */
public final class CarbonModel {

    /** Joules in one kilowatt-hour. */
    public static final double JOULES_PER_KWH = 3.6e6;

    /** One row of the intensity table. */
    private record Region(String code, String iso3, String country, double gramsPerKwh, int year, String source) {
    }

    private static final Map<String, Region> REGIONS = load();

    private final Region region;
    private final double pue;
    private final Double pricePerKwh;

    private CarbonModel(Region region, double pue, Double pricePerKwh) {
        this.region = region;
        this.pue = pue;
        this.pricePerKwh = pricePerKwh;
    }

    /**
     * The model for a spec's region, PUE and price.
     *
     * @throws IllegalArgumentException naming the region and listing the known codes when it is not in the table
     */
    public static CarbonModel of(EnergySpec spec) {
        String key = spec.region().toUpperCase(Locale.ROOT);
        Region r = REGIONS.get(key);
        if (r == null) {
            r = REGIONS.values().stream().filter(x -> x.iso3.equals(key)).findFirst().orElse(null);
        }
        if (r == null) {
            throw new IllegalArgumentException("energy.region '" + spec.region() + "' is not in Verdant's grid "
                    + "intensity table; known codes: " + String.join(", ", knownRegions()));
        }
        return new CarbonModel(r, spec.pue(), spec.pricePerKwh());
    }

    /** Every known region code (alpha-2 and {@code WORLD}), in table order. */
    public static List<String> knownRegions() {
        return List.copyOf(REGIONS.keySet());
    }

    /** kWh of {@code joules}, before PUE. */
    public static double kwh(double joules) {
        return joules / JOULES_PER_KWH;
    }

    /** Grams of CO2-equivalent: kWh x PUE x intensity. */
    public double co2eGrams(double joules) {
        return kwh(joules) * pue * region.gramsPerKwh;
    }

    /** Cost in USD: kWh x PUE x price; null without a price. */
    public Double costUsd(double joules) {
        return pricePerKwh == null ? null : kwh(joules) * pue * pricePerKwh;
    }

    /** The region code as in the table, e.g. {@code WORLD} or {@code DE}. */
    public String region() {
        return region.code;
    }

    /** ISO 3166 alpha-3 code ({@code WLD} for the world average), as CodeCarbon's {@code country_iso_code}. */
    public String iso3() {
        return region.iso3;
    }

    /** Country name, e.g. {@code Germany}. */
    public String country() {
        return region.country;
    }

    /** Grid carbon intensity in gCO2e per kWh. */
    public double gramsPerKwh() {
        return region.gramsPerKwh;
    }

    /** The PUE applied. */
    public double pue() {
        return pue;
    }

    /** Year the intensity figure refers to. */
    public int year() {
        return region.year;
    }

    /** Where the intensity comes from, with its year, e.g. {@code IEA Global Energy & CO2 Status Report 2019 (2018)}. */
    public String source() {
        return region.source + " (" + region.year + ")";
    }

    private static Map<String, Region> load() {
        Map<String, Region> m = new LinkedHashMap<>();
        try (InputStream in = CarbonModel.class.getResourceAsStream("grid-intensity.csv")) {
            if (in == null) {
                throw new IllegalStateException("grid-intensity.csv is missing from the build");
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            List<String> lines = new ArrayList<>();
            for (String line; (line = r.readLine()) != null; ) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    lines.add(line);
                }
            }
            for (String line : lines.subList(1, lines.size())) {
                String[] f = line.split(",", 6);
                m.put(f[0], new Region(f[0], f[1], f[2], Double.parseDouble(f[3]), Integer.parseInt(f[4]), f[5]));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return m;
    }
}
