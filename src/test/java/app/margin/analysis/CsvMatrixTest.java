package app.margin.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CsvMatrixTest {
    static final long A = 1;
    static final long B = 2;

    static Segment at(long document, long code, int start, int end) {
        return new Segment(document, code, start, end, 0, 1, 0, 0);
    }

    @Test
    void codeMatrixHasAHeaderRowQuotingAndFormulaGuard() {
        List<Segment> segments = List.of(at(1, A, 0, 10), at(1, B, 5, 15), at(2, B, 0, 3));
        CodeMatrix m = Cooccurrence.compute(segments, List.of(A, B), CooccurrenceMode.OVERLAP, 0);
        Map<Long, String> names = Map.of(A, "Family, home", B, "=HYPERLINK(\"x\")");
        assertEquals("Code,\"Family, home\",\"'=HYPERLINK(\"\"x\"\")\"\r\n"
                + "\"Family, home\",1,1\r\n"
                + "\"'=HYPERLINK(\"\"x\"\")\",1,2\r\n", CsvMatrix.codes(m, names, CsvMatrix.Cell.SEGMENTS));
        assertEquals("Code,1,2\r\n1,1,1\r\n2,1,2\r\n", CsvMatrix.codes(m, Map.of(), CsvMatrix.Cell.DOCUMENTS));
        assertThrows(IllegalArgumentException.class, () -> CsvMatrix.codes(m, names, CsvMatrix.Cell.ROW_PERCENT));
    }

    @Test
    void attributeMatrixInEveryKindOfCell() {
        List<Segment> segments = List.of(at(1, A, 0, 1), at(1, A, 0, 1), at(2, A, 0, 1), at(2, B, 0, 1));
        AttributeMatrix m = AttributeMatrix.compute(segments, List.of(A, B), Map.of(1L, "+45", 2L, "@home"));
        Map<Long, String> names = Map.of(A, "Work", B, "-Care");
        assertEquals("Code,'+45,'@home\r\nWork,2,1\r\n'-Care,0,1\r\n",
                CsvMatrix.attributes(m, names, CsvMatrix.Cell.SEGMENTS));
        assertEquals("Code,'+45,'@home\r\nWork,1,1\r\n'-Care,0,1\r\n",
                CsvMatrix.attributes(m, names, CsvMatrix.Cell.DOCUMENTS));
        assertEquals("Code,'+45,'@home\r\nWork,66.67,33.33\r\n'-Care,0.00,100.00\r\n",
                CsvMatrix.attributes(m, names, CsvMatrix.Cell.ROW_PERCENT));
        assertEquals("Code,'+45,'@home\r\nWork,100.00,50.00\r\n'-Care,0.00,50.00\r\n",
                CsvMatrix.attributes(m, names, CsvMatrix.Cell.COLUMN_PERCENT));
    }

    @Test
    void documentMatrixWithDocumentNames() {
        List<Segment> segments = List.of(at(1, A, 0, 1), at(2, A, 0, 1), at(2, B, 0, 1));
        DocumentMatrix m = DocumentMatrix.compute(segments, List.of(A, B), List.of(1L, 2L));
        Map<Long, String> documents = Map.of(1L, "Interview \"Ana\"", 2L, "Line\nbreak");
        assertEquals("Code,\"Interview \"\"Ana\"\"\",\"Line\nbreak\"\r\nWork,1,1\r\n2,0,1\r\n",
                CsvMatrix.documents(m, Map.of(A, "Work"), documents, CsvMatrix.Cell.SEGMENTS));
        assertEquals("Code,1,2\r\n1,50.00,50.00\r\n2,0.00,100.00\r\n",
                CsvMatrix.documents(m, null, null, CsvMatrix.Cell.ROW_PERCENT));
        assertThrows(IllegalArgumentException.class,
                () -> CsvMatrix.documents(m, Map.of(), Map.of(), CsvMatrix.Cell.DOCUMENTS));
    }

    @Test
    void excelSafePrefixesOnlyFormulaStarts() {
        assertEquals("'=1+1", CsvMatrix.excelSafe("=1+1"));
        assertEquals("'\tx", CsvMatrix.excelSafe("\tx"));
        assertEquals("a=b", CsvMatrix.excelSafe("a=b"));
        assertEquals("", CsvMatrix.excelSafe(""));
        assertEquals("", CsvMatrix.excelSafe(null));
    }
}
