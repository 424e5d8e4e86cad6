package app.margin.agreement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReliabilityCsvTest {

    static String message(String csv) {
        return assertThrows(IllegalArgumentException.class, () -> ReliabilityCsv.parse(csv)).getMessage();
    }

    @Test
    void headerNamesCodersAndEmptyCellsAreMissing() {
        ReliabilityData data = ReliabilityCsv.parse("Ana,Ben,Cleo\n1,2,\n, 3 ,3\n");
        assertEquals(List.of("Ana", "Ben", "Cleo"), data.coders());
        assertEquals(2, data.unitCount());
        assertEquals(Arrays.asList("1", "2", null), data.units().get(0));
        assertEquals(Arrays.asList(null, "3", "3"), data.units().get(1));
    }

    @Test
    void quotedFieldsMayHoldCommasAndQuotes() {
        ReliabilityData data = ReliabilityCsv.parse("\"Smith, J.\",\"Lee, K.\"\n\"hope, fear\",\"say \"\"no\"\"\"\n");
        assertEquals(List.of("Smith, J.", "Lee, K."), data.coders());
        assertEquals(List.of("hope, fear", "say \"no\""), data.units().getFirst());
    }

    @Test
    void semicolonsByteOrderMarkAndBlankLinesFromSpreadsheets() {
        ReliabilityData data = ReliabilityCsv.parse("\uFEFFA;B\r\n1,5;2\r\n\r\n3;\r\n");
        assertEquals(List.of("A", "B"), data.coders());
        assertEquals(List.of("1,5", "2"), data.units().get(0));
        assertNull(data.value(1, 1));
    }

    @Test
    void krippendorff2011DataFromCsv() {
        // Krippendorff (2011), section C, as a spreadsheet would export it: nominal α = .743.
        String csv = """
                A,B,C,D
                1,1,,1
                2,2,3,2
                3,3,3,3
                3,3,3,3
                2,2,2,2
                1,2,3,4
                4,4,4,4
                1,1,2,1
                2,2,2,2
                ,5,5,5
                ,,1,1
                ,3,,
                """;
        assertEquals(0.743, KrippendorffAlpha.compute(ReliabilityCsv.parse(csv), MeasurementLevel.NOMINAL).alpha(),
                0.0005);
    }

    @Test
    void raggedRowsNameTheRow() {
        assertEquals("row 4 has 3 cells but the header names 2 coders", message("A,B\n1,2\n1,1\n1,2,3\n"));
        assertEquals("row 2 has 1 cell but the header names 2 coders", message("A,B\n1\n"));
    }

    @Test
    void unusableTablesAreExplained() {
        assertTrue(message("").startsWith("the reliability data is empty"));
        assertTrue(message(" \n ").startsWith("the reliability data is empty"));
        assertEquals("the table names the coders but has no units: add one row per unit", message("A,B\n"));
        assertEquals("the header names 1 coder; agreement needs at least 2 (one column per coder)",
                message("Ana\n1\n2\n"));
        assertEquals("column 2 of the header has no coder name", message("A,,C\n1,2,3\n"));
        assertEquals("the header names coder 'A' twice", message("A,A\n1,2\n"));
        assertTrue(message("A,B\n\"1,2\n").startsWith("the reliability data is not a valid CSV table"));
    }
}
