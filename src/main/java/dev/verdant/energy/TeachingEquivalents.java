package dev.verdant.energy;

import java.util.List;
import java.util.Locale;

/**
 * Everyday equivalents of a run's energy and emissions, for teaching. Each names its source; they are orders
 * of magnitude to make numbers tangible, not accounting figures.
 */
public final class TeachingEquivalents {

    /** Grams of CO2 per km of an average passenger car: 400 g per mile (US EPA, 2023) / 1.609 km. */
    public static final double CAR_GRAMS_PER_KM = 400 / 1.609344;

    /** kWh per full smartphone charge (US EPA Greenhouse Gas Equivalencies Calculator: 0.019 kWh). */
    public static final double PHONE_CHARGE_KWH = 0.019;

    /** Watts of a typical LED bulb replacing a 60 W incandescent (800 lumens). */
    public static final double LED_BULB_WATTS = 10;

    /**
     * One equivalent.
     *
     * @param amount how many
     * @param unit   of what, e.g. {@code km by car}
     * @param source where the conversion factor comes from
     */
    public record Equivalent(double amount, String unit, String source) {
        /** E.g. {@code ≈ 0.3 smartphone charges (US EPA ...)}. */
        public String describe() {
            return "≈ " + format(amount) + " " + unit + " (" + source + ")";
        }
    }

    private TeachingEquivalents() {
    }

    /** The equivalents of {@code joules} and {@code co2eGrams}. */
    public static List<Equivalent> of(double joules, double co2eGrams) {
        double kwh = CarbonModel.kwh(joules);
        return List.of(
                new Equivalent(co2eGrams / CAR_GRAMS_PER_KM, "km driven by an average petrol car",
                        "US EPA, Greenhouse Gas Emissions from a Typical Passenger Vehicle, 2023: 400 gCO2/mile"),
                new Equivalent(kwh / PHONE_CHARGE_KWH, "smartphone charges",
                        "US EPA Greenhouse Gas Equivalencies Calculator: 0.019 kWh per charge"),
                new Equivalent(kwh * 1000 / LED_BULB_WATTS, "hours of a 10 W LED bulb",
                        "a 10 W LED bulb, the common replacement for a 60 W incandescent"));
    }

    /** The equivalents as sentences, e.g. {@code ≈ 0.3 smartphone charges (US EPA ...)}. */
    public static List<String> describe(double joules, double co2eGrams) {
        return of(joules, co2eGrams).stream().map(Equivalent::describe).toList();
    }

    /** Two significant figures, without scientific notation for everyday magnitudes. */
    static String format(double v) {
        if (v == 0) {
            return "0";
        }
        double mag = Math.floor(Math.log10(Math.abs(v)));
        int decimals = (int) Math.max(0, 1 - mag);
        return String.format(Locale.ROOT, "%." + Math.min(decimals, 8) + "f", v);
    }
}
