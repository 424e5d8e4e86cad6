package app.margin.agreement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class CohenKappaTest {

    static ReliabilityData table(int yesYes, int yesNo, int noYes, int noNo) {
        List<List<String>> units = new ArrayList<>();
        add(units, yesYes, "Yes", "Yes");
        add(units, yesNo, "Yes", "No");
        add(units, noYes, "No", "Yes");
        add(units, noNo, "No", "No");
        return new ReliabilityData(List.of("A", "B"), units);
    }

    private static void add(List<List<String>> units, int times, String a, String b) {
        for (int i = 0; i < times; i++) {
            units.add(List.of(a, b));
        }
    }

    @Test
    void wikipediaGrantProposalExample() {
        // Wikipedia, "Cohen's kappa", simple example: 50 proposals, Yes/Yes 20, Yes/No 5, No/Yes 10, No/No 15
        // → p_o = 0.7, p_e = 0.5, κ = 0.4.
        CohenKappa.Result result = CohenKappa.compute(table(20, 5, 10, 15));
        assertEquals(0.7, result.observedAgreement(), 1e-12);
        assertEquals(0.5, result.expectedAgreement(), 1e-12);
        assertEquals(0.4, result.kappa(), 1e-12);
        assertEquals(50, result.units());
    }

    @Test
    void onlyUnitsBothCodersCodedCount() {
        List<List<String>> units = new ArrayList<>(table(20, 5, 10, 15).units());
        units.add(Arrays.asList("Yes", null));
        units.add(Arrays.asList(null, "No"));
        CohenKappa.Result result = CohenKappa.compute(new ReliabilityData(List.of("A", "B"), units));
        assertEquals(0.4, result.kappa(), 1e-12);
        assertEquals(50, result.units());
    }

    @Test
    void perfectAndSystematicDisagreement() {
        assertEquals(1.0, CohenKappa.compute(table(10, 0, 0, 10)).kappa(), 1e-12);
        // p_o = 0 and p_e = 0.5 · 0.5 + 0.5 · 0.5 = 0.5, so κ = (0 − 0.5) / (1 − 0.5) = −1.
        assertEquals(-1.0, CohenKappa.compute(table(0, 10, 10, 0)).kappa(), 1e-12);
    }

    @Test
    void undefinedCasesSayWhy() {
        CohenKappa.Result three = CohenKappa.compute(TestData.byCoder("A: 1 2", "B: 1 2", "C: 1 2"));
        assertNull(three.kappa());
        assertTrue(three.reason().contains("exactly two coders, but there are 3"), three.reason());

        CohenKappa.Result disjoint = CohenKappa.compute(TestData.byCoder("A: 1 .", "B: . 2"));
        assertNull(disjoint.kappa());
        assertEquals("no unit was coded by both coders, κ is undefined", disjoint.reason());

        CohenKappa.Result oneCategory = CohenKappa.compute(table(12, 0, 0, 0));
        assertNull(oneCategory.kappa());
        assertEquals(1.0, oneCategory.expectedAgreement(), 1e-12);
        assertTrue(oneCategory.reason().contains("same category"), oneCategory.reason());
    }
}
