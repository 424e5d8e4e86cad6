package app.margin.agreement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FleissKappaTest {
    /**
     * Wikipedia, "Fleiss' kappa", worked example: 10 subjects, 14 raters, 5 categories; each row counts the raters
     * who put the subject in categories 1..5.
     */
    static final int[][] WIKIPEDIA = {
        {0, 0, 0, 0, 14},
        {0, 2, 6, 4, 2},
        {0, 0, 3, 5, 6},
        {0, 3, 9, 2, 0},
        {2, 2, 8, 1, 1},
        {7, 7, 0, 0, 0},
        {3, 2, 6, 3, 0},
        {2, 5, 3, 2, 2},
        {6, 5, 2, 1, 0},
        {0, 2, 2, 3, 7},
    };

    @Test
    void wikipediaWorkedExample() {
        // Wikipedia, "Fleiss' kappa", worked example: P̄ = 0.378, P̄_e = 0.213, κ = 0.210.
        FleissKappa.Result result = FleissKappa.fromCounts(WIKIPEDIA);
        assertEquals(0.378, result.meanAgreement(), 0.0005);
        assertEquals(0.213, result.expectedAgreement(), 0.0005);
        assertEquals(0.210, result.kappa(), 0.0005);
        assertEquals(10, result.units());
        assertEquals(14, result.ratingsPerUnit());
    }

    @Test
    void reliabilityDataGiveTheSameKappaAsItsCounts() {
        // Fleiss' κ ignores who rated: spread each subject's counts over 14 rater columns.
        List<String> raters = new ArrayList<>();
        for (int r = 1; r <= 14; r++) {
            raters.add("R" + r);
        }
        List<List<String>> units = new ArrayList<>();
        for (int[] counts : WIKIPEDIA) {
            List<String> unit = new ArrayList<>();
            for (int category = 0; category < counts.length; category++) {
                for (int i = 0; i < counts[category]; i++) {
                    unit.add(String.valueOf(category + 1));
                }
            }
            units.add(unit);
        }
        FleissKappa.Result result = FleissKappa.compute(new ReliabilityData(raters, units));
        assertEquals(FleissKappa.fromCounts(WIKIPEDIA).kappa(), result.kappa(), 1e-12);
    }

    @Test
    void unequalNumbersOfRatingsAreRefusedWithAReason() {
        FleissKappa.Result result = FleissKappa.compute(TestData.byCoder("A: 1 2 1", "B: 1 2 .", "C: 1 2 2"));
        assertNull(result.kappa());
        assertTrue(result.reason().startsWith("unit 3 has 2 ratings but unit 1 has 3"), result.reason());
        assertTrue(result.reason().contains("Krippendorff's α"), result.reason());
    }

    @Test
    void unitsNobodyRatedAreSkipped() {
        FleissKappa.Result result = FleissKappa.compute(TestData.byCoder("A: 1 2 .", "B: 1 2 ."));
        assertEquals(1.0, result.kappa(), 1e-12);
        assertEquals(2, result.units());
    }

    @Test
    void perfectAgreementSystematicDisagreementAndOneCategory() {
        assertEquals(1.0, FleissKappa.fromCounts(new int[][] {{3, 0}, {0, 3}}).kappa(), 1e-12);
        // P_i = 0 for every unit, p = (0.5, 0.5), P̄_e = 0.5: κ = (0 − 0.5) / 0.5 = −1.
        assertEquals(-1.0, FleissKappa.fromCounts(new int[][] {{1, 1}, {1, 1}}).kappa(), 1e-12);
        FleissKappa.Result single = FleissKappa.fromCounts(new int[][] {{3, 0}, {3, 0}});
        assertNull(single.kappa());
        assertEquals("all ratings are the same category, κ is undefined", single.reason());
        assertNull(FleissKappa.fromCounts(new int[][] {{1, 0}, {0, 1}}).kappa(), "one rating per unit");
    }
}
