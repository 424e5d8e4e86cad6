package app.margin.agreement;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class MeasurementLevelTest {
    static final List<String> ONE_TWO_THREE = List.of("1", "2", "3");
    static final double[] MARGINALS = {2, 4, 6};

    @Test
    void differenceFunctions() {
        // Krippendorff (2011), section E. Ordinal: δ²(c, k) = (Σ_{g=c..k} n_g − (n_c + n_k)/2)², with n = 2, 4, 6:
        // δ²(1,2) = (6 − 3)² = 9, δ²(1,3) = (12 − 4)² = 64, δ²(2,3) = (10 − 5)² = 25.
        double[][] ordinal = MeasurementLevel.ORDINAL.differences(ONE_TWO_THREE, MARGINALS);
        assertArrayEquals(new double[] {0, 9, 64}, ordinal[0]);
        assertArrayEquals(new double[] {25, 0}, new double[] {ordinal[1][2], ordinal[2][2]});
        assertEquals(ordinal[0][2], ordinal[2][0]);
        assertArrayEquals(new double[] {0, 1, 1}, MeasurementLevel.NOMINAL.differences(ONE_TWO_THREE, MARGINALS)[0]);
        assertArrayEquals(new double[] {4, 1, 0}, MeasurementLevel.INTERVAL.differences(ONE_TWO_THREE, MARGINALS)[2]);
        // Ratio: ((1 − 3) / (1 + 3))² = 0.25.
        assertEquals(0.25, MeasurementLevel.RATIO.differences(ONE_TWO_THREE, MARGINALS)[0][2], 1e-12);
        assertEquals(0.0, MeasurementLevel.RATIO.differences(List.of("0", "0.0"), new double[] {1, 1})[0][1]);
    }

    @Test
    void numbersSortNumericallyWordsAlphabeticallyForNominal() {
        assertEquals(List.of("-1", "2", "9", "10"),
                MeasurementLevel.ORDINAL.order(List.of("10", "9", "-1", "2"), null));
        assertEquals(List.of("a", "b", "c"), MeasurementLevel.NOMINAL.order(List.of("c", "a", "b"), null));
        assertEquals(List.of("high", "low"), MeasurementLevel.ORDINAL.order(List.of("low", "high"),
                List.of("high", "mid", "low")));
    }

    @Test
    void labelsThatAreNotNumbersAreRefusedWhereNumbersAreNeeded() {
        IllegalArgumentException ordinal = assertThrows(IllegalArgumentException.class,
                () -> MeasurementLevel.ORDINAL.order(List.of("1", "low"), null));
        assertEquals("ordinal α needs numeric labels or an explicit category order; 'low' is not a number",
                ordinal.getMessage());
        assertThrows(IllegalArgumentException.class, () -> MeasurementLevel.INTERVAL.order(List.of("NaN"), null));
        assertThrows(IllegalArgumentException.class, () -> MeasurementLevel.RATIO.order(List.of("Infinity"), null));
        assertThrows(IllegalArgumentException.class,
                () -> MeasurementLevel.INTERVAL.order(List.of("low"), List.of("low")));
    }
}
