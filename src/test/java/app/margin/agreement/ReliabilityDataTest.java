package app.margin.agreement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReliabilityDataTest {

    @Test
    void blankLabelsAreMissingAndTheMatrixIsReadOnly() {
        ReliabilityData data = new ReliabilityData(List.of("A", "B"),
                List.of(Arrays.asList("x", " "), Arrays.asList(null, "y")));
        assertNull(data.value(0, 1));
        assertEquals(List.of("x"), data.valuesOf(0));
        assertEquals(List.of("x", "y"), List.copyOf(data.labels()));
        assertThrows(UnsupportedOperationException.class, () -> data.units().getFirst().set(0, "z"));
    }

    @Test
    void shapeAndNamesAreChecked() {
        assertEquals("agreement needs at least 2 coders, but 1 coder is named",
                assertThrows(IllegalArgumentException.class,
                        () -> new ReliabilityData(List.of("A"), List.of())).getMessage());
        assertEquals("unit 2 has 1 values but there are 2 coders",
                assertThrows(IllegalArgumentException.class, () -> new ReliabilityData(List.of("A", "B"),
                        List.of(List.of("1", "2"), List.of("1")))).getMessage());
        assertThrows(IllegalArgumentException.class, () -> new ReliabilityData(List.of("A", "A"), List.of()));
        assertThrows(IllegalArgumentException.class, () -> new ReliabilityData(List.of("A", " "), List.of()));
    }
}
