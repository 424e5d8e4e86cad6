package app.margin.analysis;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AttributeMatrixTest {
    static final long A = 1;
    static final long B = 2;
    static final long C = 3;

    static Segment at(long document, long code) {
        return new Segment(document, code, 0, 5, 0, 1, 0, 0);
    }

    @Test
    void countsSegmentsAndDocumentsPerValueWithPercentages() {
        List<Segment> segments = List.of(
                at(1, A), at(1, A), at(1, B),   // document 1: women
                at(2, A),                       // document 2: men
                at(3, B),                       // document 3: women
                at(4, A),                       // document 4: not in the map
                at(1, 99));                     // an unlisted code
        Map<Long, String> gender = Map.of(1L, "women", 2L, "men", 3L, "women", 5L, "other");
        AttributeMatrix m = AttributeMatrix.compute(segments, List.of(A, B, C), gender);

        assertEquals(List.of("men", "other", "women", AttributeMatrix.NO_VALUE), m.values());
        assertArrayEquals(new long[] {1, 0, 2, 1}, m.segments()[0]);
        assertArrayEquals(new long[] {0, 0, 2, 0}, m.segments()[1]);
        assertArrayEquals(new long[] {0, 0, 0, 0}, m.segments()[2]);
        assertArrayEquals(new long[] {1, 0, 1, 1}, m.documents()[0]);
        assertArrayEquals(new long[] {0, 0, 2, 0}, m.documents()[1]);
        // rows: A has 4 segments, B 2, C none
        assertArrayEquals(new double[] {25, 0, 50, 25}, m.rowPercent()[0], 1e-9);
        assertArrayEquals(new double[] {0, 0, 100, 0}, m.rowPercent()[1], 1e-9);
        assertArrayEquals(new double[] {0, 0, 0, 0}, m.rowPercent()[2], 1e-9);
        // columns: men 1 segment, other none, women 4, no value 1
        assertArrayEquals(new double[] {100, 0, 50, 100}, m.columnPercent()[0], 1e-9);
        assertArrayEquals(new double[] {0, 0, 50, 0}, m.columnPercent()[1], 1e-9);
        assertArrayEquals(new double[] {0, 0, 0, 0}, m.columnPercent()[2], 1e-9);
    }

    @Test
    void nullAndBlankValuesFallInTheNoValueColumnAndSpacesAreIgnored() {
        Map<Long, String> values = new HashMap<>();
        values.put(1L, null);
        values.put(2L, "  ");
        values.put(3L, " women");
        values.put(4L, "women ");
        AttributeMatrix m = AttributeMatrix.compute(List.of(at(1, A), at(2, A), at(3, A), at(4, A)), List.of(A),
                values);
        assertEquals(List.of("women", AttributeMatrix.NO_VALUE), m.values());
        assertArrayEquals(new long[] {2, 2}, m.segments()[0]);
        assertArrayEquals(new long[] {2, 2}, m.documents()[0]);
    }

    @Test
    void numbersSortNumericallyAndWordsAlphabetically() {
        Map<Long, String> ages = Map.of(1L, "9", 2L, "100", 3L, "10", 4L, "-1.5");
        assertEquals(List.of("-1.5", "9", "10", "100"),
                AttributeMatrix.compute(List.of(), List.of(A), ages).values());
        Map<Long, String> towns = Map.of(1L, "b", 2L, "A", 3L, "c", 4L, "10");
        assertEquals(List.of("10", "A", "b", "c"), AttributeMatrix.compute(List.of(), List.of(A), towns).values());
    }

    @Test
    void noValueColumnOnlyWhenNeeded() {
        AttributeMatrix m = AttributeMatrix.compute(List.of(at(1, A), at(7, 99)), List.of(A), Map.of(1L, "x"));
        assertEquals(List.of("x"), m.values()); // document 7 lacks a value, but only an unlisted code is there
        assertThrows(IllegalArgumentException.class,
                () -> AttributeMatrix.compute(List.of(), List.of(A, A), Map.of()));
    }
}
