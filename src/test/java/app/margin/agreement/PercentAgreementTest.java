package app.margin.agreement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class PercentAgreementTest {

    @Test
    void twoCodersWithoutMissingValuesAgreeOnAShareOfUnits() {
        // ATLAS.ti 9 manual, "Methods For Testing ICA" (doc.atlasti.com/ManualWin.v9/ICA/ICAMethodsForTesting.html),
        // percent agreement example: two coders, ten segments,
        // agreement on 6 of 10 = 0.6.
        ReliabilityData data = TestData.byCoder(
                "Coder1: 1 1 0 0 0 0 0 0 0 0",
                "Coder2: 0 1 1 0 0 1 0 1 0 0");
        assertEquals(0.6, PercentAgreement.compute(data).agreement(), 1e-12);
    }

    @Test
    void krippendorff2004BinaryExampleIsSixInTen() {
        // Krippendorff (2004), section 11.3.1 data: the coders agree on units 2, 4, 5, 7, 8 and 10.
        ReliabilityData data = TestData.byCoder("A: 0 1 0 0 0 0 0 0 1 0", "B: 1 1 1 0 0 1 0 0 0 0");
        assertEquals(0.6, PercentAgreement.compute(data).agreement(), 1e-12);
    }

    @Test
    void unitsAreWeightedByTheirNumberOfValues() {
        // Unit 1: 3 values, 2 of 6 ordered pairs agree (share 1/3, weight 3); unit 2: 2 values that agree
        // (share 1, weight 2). (3 · 1/3 + 2 · 1) / 5 = 0.6; unit 3 has one value and is left out.
        ReliabilityData data = TestData.byCoder("A: x y z", "B: x y .", "C: y . .");
        PercentAgreement.Result result = PercentAgreement.compute(data);
        assertEquals(0.6, result.agreement(), 1e-12);
        assertEquals(2, result.pairableUnits());
        assertEquals(5, result.pairableValues());
    }

    @Test
    void noUnitWithTwoValuesIsUndefined() {
        PercentAgreement.Result result = PercentAgreement.compute(TestData.byCoder("A: 1 .", "B: . 1"));
        assertNull(result.agreement());
        assertEquals("no unit was coded by at least two coders, agreement is undefined", result.reason());
    }
}
