package app.margin.agreement.rounds;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class AgreementReportTest {
    @Test
    void namesAndNotesCannotRunAsFormulasWhileNegativeCoefficientsStayNumbers() {
        List<String> row = List.of("code", "=HYPERLINK(\"http://evil\")", "+Interview", "@coder & b", "sentence", "12",
                "2", "0.500", "-0.125", "Cohen", "-0.100", "poor", "", "-note");
        List<String> safe = AgreementReport.formulaSafe(row);
        assertEquals("'=HYPERLINK(\"http://evil\")", safe.get(1));
        assertEquals("'+Interview", safe.get(2));
        assertEquals("'@coder & b", safe.get(3));
        assertEquals("-0.125", safe.get(8));
        assertEquals("-0.100", safe.get(10));
        assertEquals("'-note", safe.get(13));
    }
}
