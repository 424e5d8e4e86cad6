package app.margin.analysis;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class DocumentMatrixTest {
    static final long A = 1;
    static final long B = 2;

    static Segment at(long document, long code) {
        return new Segment(document, code, 0, 5, 0, 1, 0, 0);
    }

    @Test
    void countsSegmentsPerDocumentWithPercentagesInTheGivenOrder() {
        List<Segment> segments = List.of(at(1, A), at(1, A), at(2, A), at(2, B), at(9, A), at(1, 99));
        DocumentMatrix m = DocumentMatrix.compute(segments, List.of(A, B), List.of(2L, 1L, 3L));
        assertEquals(List.of(2L, 1L, 3L), m.documentIds());
        assertArrayEquals(new long[] {1, 2, 0}, m.segments()[0]); // document 9 is not a column
        assertArrayEquals(new long[] {1, 0, 0}, m.segments()[1]);
        assertArrayEquals(new double[] {100.0 / 3, 200.0 / 3, 0}, m.rowPercent()[0], 1e-9);
        assertArrayEquals(new double[] {100, 0, 0}, m.rowPercent()[1], 1e-9);
        assertArrayEquals(new double[] {50, 100, 0}, m.columnPercent()[0], 1e-9);
        assertArrayEquals(new double[] {50, 0, 0}, m.columnPercent()[1], 1e-9);
    }

    @Test
    void withoutAListTheColumnsAreTheCodedDocumentsByAscendingId() {
        List<Segment> segments = List.of(at(5, A), at(2, B), at(9, 99));
        DocumentMatrix m = DocumentMatrix.compute(segments, List.of(A, B));
        assertEquals(List.of(2L, 5L), m.documentIds());
        assertArrayEquals(new long[] {0, 1}, m.segments()[0]);
        assertThrows(IllegalArgumentException.class,
                () -> DocumentMatrix.compute(segments, List.of(A), List.of(1L, 1L)));
    }
}
