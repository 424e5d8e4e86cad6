package app.margin.corpus;

import static org.junit.jupiter.api.Assertions.*;

import app.margin.corpus.AttributeDtos.AttributesUpdate;
import app.margin.problem.ProblemException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AttributeCsvTest {

    @Test
    void caseRowsBecomeCaseAttributes() {
        AttributesUpdate update = AttributeCsv.parse("\uFEFFCase,Gender,Arrival year\nP01,female,2009\nP02,male,\n");
        assertEquals(2, update.cases().size());
        assertEquals("P01", update.cases().get(0).caseName());
        assertEquals(Map.of("Gender", "female", "Arrival year", "2009"), update.cases().get(0).attributes());
        assertTrue(update.documents().isEmpty());
    }

    @Test
    void semicolonTablesWithDocumentAndCaseLinkTheDocument() {
        AttributesUpdate update = AttributeCsv.parse("document;case;mode\nInterview with P07;P07;phone\n");
        assertEquals("Interview with P07", update.documents().getFirst().document());
        assertEquals("P07", update.documents().getFirst().caseName());
        assertEquals(Map.of("mode", "phone"), update.documents().getFirst().attributes());
    }

    @Test
    void tablesWithoutAKeyColumnOrWithBrokenQuotesAreRefused() {
        assertThrows(ProblemException.class, () -> AttributeCsv.parse("name,gender\nP1,female\n"));
        assertThrows(ProblemException.class, () -> AttributeCsv.parse("case,gender\n\"P1,female\n"));
        assertThrows(ProblemException.class, () -> AttributeCsv.parse("case,case\nP1,P2\n"));
        assertThrows(ProblemException.class, () -> AttributeCsv.parse("case,gender\n,female\n"));
    }

    @Test
    void aRowWithMoreCellsThanColumnsIsRefusedButBlankTrailingCellsAreFine() {
        ProblemException extra = assertThrows(ProblemException.class,
                () -> AttributeCsv.parse("case,gender\nP01,female,arrived 2009\n"));
        assertTrue(extra.getMessage().contains("Row 2 of the table has 3 cells but the first row names 2 columns"),
                extra.getMessage());
        assertEquals(Map.of("gender", "female"),
                AttributeCsv.parse("case,gender\nP01,female,,\n").cases().getFirst().attributes());
    }

    @Test
    void attributeNamesAreNormalised() {
        assertEquals("arrival_year", AttributeNames.normalise(" Arrival year "));
        assertEquals("성별", AttributeNames.normalise("성별"));
        assertEquals("years_in_south_korea", AttributeNames.normalise("Years in South-Korea?"));
        assertThrows(ProblemException.class, () -> AttributeNames.normalise("--"));
    }
}
