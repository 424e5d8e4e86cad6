package app.margin.agreement;

import app.margin.text.Segment;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class UnitizingAlphaTest {

    static List<Segment> segments(long... bounds) {
        List<Segment> segments = new ArrayList<>();
        for (int i = 0; i < bounds.length; i += 2) {
            segments.add(new Segment(bounds[i], bounds[i + 1]));
        }
        return segments;
    }

    @Test
    void perfectAgreementIsOne() {
        List<Segment> same = segments(3, 10, 25, 40, 70, 71);
        UnitizingAlpha.Result result = UnitizingAlpha.compute(100, List.of(same, same, same));
        assertEquals(1.0, result.alpha(), 1e-12);
        assertEquals(0.0, result.observedDisagreement(), 1e-12);
        assertNull(result.reason());
    }

    @Test
    void smallWorkedExampleByHand() {
        // Hand computation with the equations of Krippendorff, Mathet, Bouvry & Widlöcher (2016) for the observed
        // coincidences l_ck (intersection lengths) and expected e_ck: L = 10, A = [2,6), B = [3,6).
        // l_unit = 4 + 3 = 7, l_·· = 20, l_gap = 13; S = 13 + 4² + 3² = 38; l_gap,unit = 7 − 2·3 = 1;
        // e_gap,unit = 20 · 13 · 7 / (20² − 38) = 1820 / 362; |uα = 1 − 362 / 1820 = 1458 / 1820.
        UnitizingAlpha.Result result = UnitizingAlpha.compute(10, List.of(segments(2, 6), segments(3, 6)));
        assertEquals(1458.0 / 1820, result.alpha(), 1e-12);
        assertEquals(2 * 1.0 / 20, result.observedDisagreement(), 1e-12);
        assertEquals(2 * (1820.0 / 362) / 20, result.expectedDisagreement(), 1e-12);
    }

    @Test
    void oneCoderMarkingNothingWhileTheOtherMarksALotIsBelowZero() {
        UnitizingAlpha.Result some = UnitizingAlpha.compute(100, List.of(segments(10, 60), segments()));
        assertTrue(some.alpha() < 0, "α = " + some.alpha());
        // All versus nothing: l_gap,unit = L, e_gap,unit = 2L · L · L / (4L² − L − L²), so
        // |uα = 1 − (3L − 1) / (2L) = −0.495 for L = 100.
        UnitizingAlpha.Result all = UnitizingAlpha.compute(100, List.of(segments(0, 100), segments()));
        assertEquals(1 - 299.0 / 200, all.alpha(), 1e-12);
    }

    @Test
    void shiftingOneCodersBoundariesLowersAlphaStepByStep() {
        double previous = Double.POSITIVE_INFINITY;
        for (int shift = 0; shift <= 20; shift++) {
            double alpha = UnitizingAlpha.compute(100,
                    List.of(segments(20, 40, 60, 70), segments(20 + shift, 40 + shift, 60, 70))).alpha();
            assertTrue(alpha < previous, "shift " + shift + ": " + alpha + " is not below " + previous);
            previous = alpha;
        }
        assertTrue(previous < 0.5);
    }

    @Test
    void singleCharacterUnitsReduceToNominalAlphaOverCharacters() {
        // With units one character long, S_unit = l_unit and e_ck becomes Krippendorff's n_c (n_k − [c = k]) /
        // (n − 1): |uα must equal nominal α over a characters × coders table of coded / not coded.
        for (int seed = 0; seed < 200; seed++) {
            Random random = new Random(seed);
            int length = 1 + random.nextInt(40);
            int coders = 2 + random.nextInt(4);
            double density = random.nextDouble();
            List<List<Segment>> perCoder = new ArrayList<>();
            List<List<String>> table = new ArrayList<>();
            for (int p = 0; p < length; p++) {
                table.add(new ArrayList<>());
            }
            List<String> names = new ArrayList<>();
            for (int c = 0; c < coders; c++) {
                names.add("coder" + c);
                List<Segment> units = new ArrayList<>();
                for (int p = 0; p < length; p++) {
                    boolean coded = random.nextDouble() < density;
                    if (coded) {
                        units.add(new Segment(p, p + 1));
                    }
                    table.get(p).add(coded ? "coded" : "not coded");
                }
                perCoder.add(units);
            }
            Double unitizing = UnitizingAlpha.compute(length, perCoder).alpha();
            Double nominal = KrippendorffAlpha.compute(new ReliabilityData(names, table), MeasurementLevel.NOMINAL)
                    .alpha();
            if (nominal == null) {
                assertNull(unitizing, "seed " + seed);
            } else {
                assertEquals(nominal, unitizing, 1e-9, "seed " + seed);
            }
        }
    }

    @Test
    void overlappingSegmentsOfOneCoderAreMerged() {
        List<Segment> other = segments(5, 30);
        assertEquals(UnitizingAlpha.compute(50, List.of(segments(0, 20), other)).alpha(),
                UnitizingAlpha.compute(50, List.of(segments(12, 20, 0, 15), other)).alpha(), 1e-12);
    }

    @Test
    void undefinedWhenNobodyOrEverybodyCodesEverything() {
        UnitizingAlpha.Result nobody = UnitizingAlpha.compute(10, List.of(segments(), segments()));
        assertNull(nobody.alpha());
        assertEquals("no coder applied the code, α is undefined", nobody.reason());
        UnitizingAlpha.Result everywhere = UnitizingAlpha.compute(10, List.of(segments(0, 10), segments(0, 4, 4, 10)));
        assertNull(everywhere.alpha());
        assertTrue(everywhere.reason().contains("whole continuum"), everywhere.reason());
    }

    @Test
    void invalidInputIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new Segment(5, 5));
        assertThrows(IllegalArgumentException.class, () -> new Segment(-1, 5));
        IllegalArgumentException beyond = assertThrows(IllegalArgumentException.class,
                () -> UnitizingAlpha.compute(10, List.of(segments(0, 5), segments(8, 12))));
        assertEquals("coder 2's segment [8, 12) ends after the continuum (length 10)", beyond.getMessage());
        assertThrows(IllegalArgumentException.class, () -> UnitizingAlpha.compute(10, List.of(segments(0, 5))));
        assertThrows(IllegalArgumentException.class, () -> UnitizingAlpha.compute(0, List.of(segments(), segments())));
    }
}
