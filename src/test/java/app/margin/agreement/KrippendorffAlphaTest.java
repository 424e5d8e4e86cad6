package app.margin.agreement;

import static app.margin.agreement.MeasurementLevel.INTERVAL;
import static app.margin.agreement.MeasurementLevel.NOMINAL;
import static app.margin.agreement.MeasurementLevel.ORDINAL;
import static app.margin.agreement.MeasurementLevel.RATIO;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class KrippendorffAlphaTest {
    static final double PUBLISHED = 0.0005; // published values are rounded to three decimals

    @Test
    void krippendorff2011ExampleOnAllFourLevels() {
        ReliabilityData data = TestData.krippendorff2011();
        // Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", section C: nominal α = .743.
        KrippendorffAlpha.Result nominal = KrippendorffAlpha.compute(data, NOMINAL);
        assertEquals(0.743, nominal.alpha(), PUBLISHED);
        // Same source: unit 12 has a single value and is dropped, leaving 11 units with n = 40 pairable values.
        assertEquals(11, nominal.pairableUnits());
        assertEquals(40, nominal.pairableValues());
        assertNull(nominal.reason());
        // Krippendorff (2011), section E (same data, interval metric): α = .849.
        assertEquals(0.849, KrippendorffAlpha.compute(data, INTERVAL).alpha(), PUBLISHED);
        // Ordinal .815 and ratio .797 for the same data: the doctests of the reference Python package
        // "krippendorff" (pln-fing-udelar/fast-krippendorff, krippendorff.py), which cite this example.
        assertEquals(0.815, KrippendorffAlpha.compute(data, ORDINAL).alpha(), PUBLISHED);
        assertEquals(0.797, KrippendorffAlpha.compute(data, RATIO).alpha(), PUBLISHED);
    }

    @Test
    void ordinalWordsNeedAnExplicitOrderAndThenMatchTheNumbers() {
        // fast-krippendorff doctest: the 2011 data with 1..5 written as words, ordered explicitly, gives .815 too.
        ReliabilityData words = TestData.byCoder(
                "A: vl l m m l vl h vl l . . .",
                "B: vl l m m l l h vl l vh . m",
                "C: . m m m l m h l l vh vl .",
                "D: vl l m m l h h vl l vh vl .");
        assertEquals(0.815, KrippendorffAlpha.compute(words, ORDINAL, List.of("vl", "l", "m", "h", "vh")).alpha(),
                PUBLISHED);
        IllegalArgumentException unordered = assertThrows(IllegalArgumentException.class,
                () -> KrippendorffAlpha.compute(words, ORDINAL));
        assertTrue(unordered.getMessage().contains("explicit category order"), unordered.getMessage());
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> KrippendorffAlpha.compute(words, ORDINAL, List.of("vl", "l", "m", "h")));
        assertTrue(missing.getMessage().contains("'vh' is not in the given order"), missing.getMessage());
    }

    @Test
    void krippendorff2004BinaryTwoCoderExample() {
        // Krippendorff (2004), Content Analysis, 2nd ed., section 11.3.1: α = .095.
        ReliabilityData data = TestData.byCoder(
                "A: 0 1 0 0 0 0 0 0 1 0",
                "B: 1 1 1 0 0 1 0 0 0 0");
        assertEquals(0.095, KrippendorffAlpha.compute(data, NOMINAL).alpha(), PUBLISHED);
    }

    @Test
    void aSingleCategoryLeavesAlphaUndefinedAndSaysSo() {
        ReliabilityData data = TestData.byCoder("A: x x x .", "B: x x . x", "C: . x x x");
        KrippendorffAlpha.Result result = KrippendorffAlpha.compute(data, NOMINAL);
        assertNull(result.alpha());
        assertEquals("all values are the same category, α is undefined", result.reason());
        assertEquals(0.0, result.observedDisagreement());
        assertEquals(0.0, result.expectedDisagreement());
        assertEquals(Interpretation.UNDEFINED, Interpretation.of(result.alpha()));
    }

    @Test
    void unitsWithoutTwoValuesAreUndefinedNotZero() {
        ReliabilityData allMissing = TestData.byCoder("A: . . .", "B: . . .");
        KrippendorffAlpha.Result none = KrippendorffAlpha.compute(allMissing, NOMINAL);
        assertNull(none.alpha());
        assertNull(none.observedDisagreement());
        assertEquals(0, none.pairableUnits());
        assertTrue(none.reason().contains("no unit was coded by at least two coders"), none.reason());
        ReliabilityData neverTogether = TestData.byCoder("A: 1 . 2 .", "B: . 2 . 1");
        assertNull(KrippendorffAlpha.compute(neverTogether, INTERVAL).alpha());
    }

    @Test
    void perfectAgreementIsOneOnEveryLevel() {
        ReliabilityData data = TestData.byCoder("A: 1 2 3 4 . 2", "B: 1 2 3 4 5 2", "C: 1 . 3 4 5 2");
        for (MeasurementLevel level : MeasurementLevel.values()) {
            assertEquals(1.0, KrippendorffAlpha.compute(data, level).alpha(), 1e-12, level.name());
        }
    }

    @Test
    void systematicDisagreementIsNegative() {
        // Hand computation with Krippendorff's (2011) formulas: o_12 = o_21 = 4, n_1 = n_2 = 4, n = 8,
        // α = 1 − (n − 1) · (o_12 + o_21) / (2 n_1 n_2) = 1 − 7 · 8 / 32 = −0.75.
        ReliabilityData data = TestData.byCoder("A: 1 2 1 2", "B: 2 1 2 1");
        assertEquals(-0.75, KrippendorffAlpha.compute(data, NOMINAL).alpha(), 1e-12);
        assertTrue(KrippendorffAlpha.compute(data, INTERVAL).alpha() < 0);
    }

    @Test
    void manyCodersWithMissingDataDropOnlyUnpairableUnits() {
        ReliabilityData data = TestData.byCoder(
                "A: a b . c a . a",
                "B: a b c . a . .",
                "C: a . c c b . .",
                "D: . b c c a d .",
                "E: a b c . a . .");
        KrippendorffAlpha.Result result = KrippendorffAlpha.compute(data, NOMINAL);
        // Units 6 and 7 have one value each and are dropped; the other five have 4, 4, 4, 3 and 5 values.
        assertEquals(5, result.pairableUnits());
        assertEquals(20, result.pairableValues());
        assertEquals(KrippendorffAlphaPropertyTest.bruteForceNominalAlpha(data), result.alpha(), 1e-12);
        assertTrue(result.alpha() > 0.667 && result.alpha() < 1);
    }

    @Test
    void labelsMustFitTheLevel() {
        ReliabilityData words = TestData.byCoder("A: 1 2 three", "B: 1 2 3");
        IllegalArgumentException interval = assertThrows(IllegalArgumentException.class,
                () -> KrippendorffAlpha.compute(words, INTERVAL));
        assertEquals("interval α needs numeric labels; 'three' is not a number", interval.getMessage());
        ReliabilityData negative = TestData.byCoder("A: 1 -2", "B: 1 2");
        IllegalArgumentException ratio = assertThrows(IllegalArgumentException.class,
                () -> KrippendorffAlpha.compute(negative, RATIO));
        assertTrue(ratio.getMessage().contains("'-2' is negative"), ratio.getMessage());
        // Negative numbers are fine on an interval scale. By hand (Krippendorff 2011, section E): n = 4,
        // D_o = 2 · 16 / 4 = 8, D_e = (2·1·2·9 + 2·1·1·16 + 2·2·1·1) / (4 · 3) = 6, α = 1 − 8/6 = −1/3.
        assertEquals(-1.0 / 3, KrippendorffAlpha.compute(negative, INTERVAL).alpha(), 1e-12);
    }
}
