package dev.verdant.result;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Reference values from SciPy 1.17 ({@code scipy.stats.t.ppf}, {@code ttest_ind(equal_var=False)}). */
class GroupStatisticsTest {

    private static final double[] A = {19.1, 20.3, 18.7, 21.0, 19.9};
    private static final double[] B = {22.4, 21.8, 23.1, 22.0, 21.5, 22.9};

    @Test
    void meanSdAndStudentInterval() {
        GroupStatistics a = GroupStatistics.of(A);
        assertEquals(5, a.n());
        assertEquals(19.8, a.mean(), 1e-12);
        assertEquals(0.921954445729, a.sd(), 1e-11);
        assertEquals(1.144757643246, a.halfWidth95(), 1e-9);
        assertEquals(0.661782690568, GroupStatistics.of(B).halfWidth95(), 1e-9);
        assertEquals(0.921954445729 / 19.8, a.cv(), 1e-11);
    }

    @Test
    void oneRunHasNoInterval() {
        GroupStatistics one = GroupStatistics.of(3.5);
        assertEquals(3.5, one.mean());
        assertFalse(one.hasInterval());
        assertTrue(Double.isNaN(one.halfWidth95()));
        assertThrows(IllegalArgumentException.class, GroupStatistics::of);
    }

    @Test
    void welchMatchesScipy() {
        WelchTest w = WelchTest.of(A, B);
        assertEquals(19.8 - 22.283333333333, w.difference(), 1e-9);
        assertEquals(-5.108855030028, w.t(), 1e-9);
        assertEquals(6.889227163012, w.df(), 1e-9);
        assertEquals(0.00145462322868, w.p(), 1e-9);
        assertEquals(-3.636496805132, w.low(), 1e-8);
        assertEquals(-1.330169861535, w.high(), 1e-8);
        assertTrue(w.significant());
    }

    /** The energy of three identical runs on a loaded machine (issue 11) against a second triple: noise, not a result. */
    @Test
    void noisyTriplesAreNotSignificant() {
        WelchTest w = WelchTest.of(new double[] {39.0, 27.5, 34.2}, new double[] {33.1, 30.2, 36.0});
        assertEquals(0.90851533615, w.p(), 1e-8);
        assertEquals(2.948052463166, w.df(), 1e-8);
        assertEquals(-11.528045131328, w.low(), 1e-7);
        assertEquals(12.461378464661, w.high(), 1e-7);
        assertFalse(w.significant());
    }

    @Test
    void welchNeedsTwoRunsPerGroup() {
        var e = assertThrows(IllegalArgumentException.class, () -> WelchTest.of(new double[] {1}, B));
        assertTrue(e.getMessage().contains("add repeats"), e.getMessage());
    }
}
