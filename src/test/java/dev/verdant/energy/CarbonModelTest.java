package dev.verdant.energy;

import dev.verdant.spec.EnergySpec;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Against hand-computed values. */
class CarbonModelTest {

    @Test
    void worldDefaultIs475GramsPerKwh() {
        CarbonModel world = CarbonModel.of(EnergySpec.defaults());
        assertEquals("WORLD", world.region());
        assertEquals(475.0, world.gramsPerKwh());
        assertEquals(475.0, world.co2eGrams(3.6e6), 1e-9);          // 1 kWh
        assertEquals(0.475, world.co2eGrams(3600), 1e-12);          // 1 Wh
        assertNull(world.costUsd(3.6e6));
        assertTrue(world.source().contains("IEA") && world.source().contains("2018"), world.source());
    }

    @Test
    void pueAndPriceMultiply() {
        // Germany 381 g/kWh (2023); 7.2 MJ = 2 kWh; x PUE 1.5 = 3 kWh at the meter
        CarbonModel de = CarbonModel.of(new EnergySpec("DE", 1.5, 0.30, null, null));
        assertEquals(381.0, de.gramsPerKwh());
        assertEquals(3 * 381.0, de.co2eGrams(7.2e6), 1e-9);
        assertEquals(0.90, de.costUsd(7.2e6), 1e-12);
        assertEquals("Germany", de.country());
        assertEquals("DEU", de.iso3());
        assertTrue(de.source().endsWith("(2023)"), de.source());
    }

    @Test
    void codesAreCaseInsensitiveAndAlpha3Works() {
        assertEquals("FR", CarbonModel.of(new EnergySpec("fr", null, null, null, null)).region());
        assertEquals("FR", CarbonModel.of(new EnergySpec("FRA", null, null, null, null)).region());
        assertEquals(56.0, CarbonModel.of(new EnergySpec("FR", null, null, null, null)).gramsPerKwh());
    }

    @Test
    void unknownRegionNamesItAndListsKnownCodes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CarbonModel.of(new EnergySpec("XX", null, null, null, null)));
        assertTrue(e.getMessage().contains("'XX'"), e.getMessage());
        assertTrue(e.getMessage().contains("WORLD, US"), e.getMessage());
        assertTrue(CarbonModel.knownRegions().size() >= 30);
    }

    @Test
    void teachingEquivalentsFromHandComputedFactors() {
        // 248.5 g = 400 g/mile over 1 mile = 1.609 km; 68 400 J = 0.019 kWh = one phone charge = 1.9 LED-hours
        var eq = TeachingEquivalents.of(68_400, 400.0);
        assertEquals(1.609344, eq.get(0).amount(), 1e-9);
        assertEquals(1.0, eq.get(1).amount(), 1e-9);
        assertEquals(1.9, eq.get(2).amount(), 1e-9);
        String phone = TeachingEquivalents.describe(68_400, 400.0).get(1);
        assertTrue(phone.startsWith("≈ 1.0 smartphone charges (US EPA"), phone);
        assertEquals("0.31", TeachingEquivalents.format(0.3149));
        assertEquals("123", TeachingEquivalents.format(123.4));
    }
}
