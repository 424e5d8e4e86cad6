package app.margin.exchange;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import app.margin.coding.CodingLayer;
import app.margin.exchange.ExchangeDtos.CodeSection;
import app.margin.exchange.ExchangeDtos.Quote;
import app.margin.exchange.ExchangeDtos.SegmentExport;
import app.margin.problem.ProblemException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.junit.jupiter.api.Test;

/** The writers without a server: the Word document's limit on quotes, which keeps a large project from exhausting memory. */
class SegmentWritersTest {

    private static SegmentExport export(int quotes) {
        List<Quote> list = IntStream.range(0, quotes).mapToObj(i -> new Quote("Q-" + i, i, 1, "Journey > Broker role", 7,
                "Interview with P07", "P07", "P07", 4, null, 0, 10, "coder", CodingLayer.CODER, "P07", "The broker.")).toList();
        return new SegmentExport("Onward", null, List.of(new CodeSection(1, "Journey > Broker role", null, list)));
    }

    @Test
    void csvCellsThatASpreadsheetWouldRunAsFormulasAreNeutralised() throws IOException {
        byte[] csv = bytes(out -> SegmentWriters.csv(List.of("code", "quote", "start"), List.of(
                List.of("=HYPERLINK(\"http://evil\",\"click\")", "- yes, the broker", "12"),
                List.of("@SUM(1)", "+44 phone", "0")), out));
        String text = new String(csv, java.nio.charset.StandardCharsets.UTF_8);
        assertEquals("\uFEFFcode,quote,start\r\n"
                + "\"'=HYPERLINK(\"\"http://evil\"\",\"\"click\"\")\",\"'- yes, the broker\",12\r\n"
                + "'@SUM(1),'+44 phone,0\r\n", text);
    }

    @Test
    void aWordDocumentBeyondItsLimitIsRefusedWithWhatToDoInstead() {
        ProblemException refused = assertThrows(ProblemException.class, () -> SegmentWriters.requireDocxFits(export(3), 2));
        assertEquals(400, refused.status());
        assertEquals("This export has 3 quotes; a Word document holds at most 2. Choose codes, documents or case "
                + "attributes to export fewer, or export CSV, XLSX or Markdown, which take any number.", refused.getMessage());
    }

    @Test
    void aWordDocumentAtItsLimitIsWritten() throws IOException {
        SegmentWriters.requireDocxFits(export(3), 3);
        try (XWPFDocument doc = new XWPFDocument(new ByteArrayInputStream(bytes(out -> SegmentWriters.docx(export(3), out))))) {
            assertEquals(3, doc.getParagraphs().stream().filter(p -> p.getText().equals("“The broker.”")).count());
        }
    }

    /** What a writer writes, as bytes (tests only: the application writes to the response or a file). */
    static byte[] bytes(ExportFile.Body body) throws IOException {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        body.writeTo(out);
        return out.toByteArray();
    }
}
