package app.margin.exchange;

import static app.margin.support.Api.as;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class SegmentExportTest {
    ExchangeFixture f;

    @BeforeEach
    void setUp() {
        f = new ExchangeFixture("Segments");
    }

    private byte[] get(String user, String query) {
        return as(user).get(f.team.path("/export/segments?" + query)).then().statusCode(200).extract().asByteArray();
    }

    static String golden(String name) throws IOException {
        try (InputStream in = SegmentExportTest.class.getResourceAsStream("/exchange/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    static void dump(String name, String actual) throws IOException {
        java.nio.file.Files.writeString(java.nio.file.Path.of("target", "actual-" + name), actual);
    }

    @Test
    void csvOfTheMasterLayerMatchesTheGoldenFile() throws IOException {
        byte[] csv = as(f.team.viewer()).get(f.team.path("/export/segments?format=csv")).then().statusCode(200)
                .contentType(containsString("text/csv"))
                .header("Content-Disposition", containsString("attachment; filename=\"Segments-segments.csv\""))
                .extract().asByteArray();
        dump("segments.csv", f.stable(new String(csv, StandardCharsets.UTF_8)));
        assertEquals(golden("segments.csv"), f.stable(new String(csv, StandardCharsets.UTF_8)));
    }

    @Test
    void markdownMatchesTheGoldenFile() throws IOException {
        String md = new String(get(f.team.viewer(), "format=md&cite=case,gender,arrival_year"), StandardCharsets.UTF_8);
        dump("segments.md", f.stable(md));
        assertEquals(golden("segments.md"), f.stable(md));
    }

    @Test
    void xlsxHasOneRowPerQuoteCellByCell() throws IOException {
        try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(get(f.team.viewer(), "format=xlsx")))) {
            XSSFSheet sheet = book.getSheet("Segments");
            List<CSVRecord> expected = CSVFormat.RFC4180
                    .parse(new java.io.StringReader(golden("segments.csv").substring(1))).getRecords().subList(1, 6);
            assertEquals(SegmentWriters.COLUMNS.size(), sheet.getRow(0).getLastCellNum());
            for (int c = 0; c < SegmentWriters.COLUMNS.size(); c++) {
                assertEquals(SegmentWriters.COLUMNS.get(c), sheet.getRow(0).getCell(c).getStringCellValue());
            }
            assertEquals(expected.size(), sheet.getLastRowNum());
            for (int r = 0; r < expected.size(); r++) {
                for (int c = 0; c < SegmentWriters.COLUMNS.size(); c++) {
                    var cell = sheet.getRow(r + 1).getCell(c);
                    String actual = cell.getCellType() == CellType.NUMERIC
                            ? Long.toString((long) cell.getNumericCellValue()) : cell.getStringCellValue();
                    assertEquals(expected.get(r).get(c), f.stable(actual), "row " + (r + 1) + " column " + c);
                }
            }
            assertEquals(CellType.NUMERIC, sheet.getRow(1).getCell(7).getCellType(), "start is a number");
            assertTrue(sheet.getPaneInformation().isFreezePane(), "the header row stays in view");
            assertTrue(sheet.getRow(0).getCell(0).getCellStyle().getFont().getBold(), "the header is bold");
        }
        // The workbook is streamed through temporary files; they hold participants' words and must not stay behind.
        java.nio.file.Path poiFiles = java.nio.file.Path.of(System.getProperty("java.io.tmpdir"), "poifiles");
        if (java.nio.file.Files.isDirectory(poiFiles)) {
            try (var left = java.nio.file.Files.list(poiFiles)) {
                assertEquals(List.of(), left.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("poi-sxssf")).toList());
            }
        }
    }

    @Test
    void docxHasOneSectionPerCodeWithDefinitionQuotesAndCitations() throws IOException {
        byte[] docx = get(f.team.viewer(), "format=docx&codeId=" + f.migration);
        assertEquals(List.of(), app.margin.support.DocxValidity.schemaErrors(docx), "valid WordprocessingML");
        String[] resaved = app.margin.support.DocxValidity.textBeforeAndAfterResave(docx);
        assertEquals(resaved[0], resaved[1], "opened and saved again without loss");
        try (XWPFDocument doc = new XWPFDocument(new ByteArrayInputStream(docx))) {
            List<String> texts = doc.getParagraphs().stream().map(XWPFParagraph::getText).map(f::stable).toList();
            assertEquals(List.of(
                    "Coded segments: Segments",
                    "Migration (2)",
                    "Definition of Migration",
                    "“The 브로커 비용 was high 😀, I paid it for years.”",
                    "— P07, 2010, 1980s, woman (Q-n; P07 interview, turn 2)",
                    "“Through China, with a broker.”",
                    "— P12, 2012, 1970s, man (Q-n; P12 interview, turn 2)",
                    "Migration > Arrival (1)",
                    "Definition of Arrival",
                    "“I arrived in 2010.”",
                    "— P07, 2010, 1980s, woman (Q-n; P07 interview, turn 2)"), texts);
            XWPFParagraph quote = doc.getParagraphs().get(3);
            assertEquals(720, quote.getIndentationLeft(), "quotes are indented block quotes");
            assertTrue(doc.getParagraphs().get(2).getRuns().getFirst().isItalic(), "the definition is in italics");
        }
    }

    @Test
    void codesDocumentsAndAttributesNarrowTheExport() {
        String withSubcodes = new String(get(f.team.viewer(), "codeId=" + f.migration), StandardCharsets.UTF_8);
        assertEquals(4, withSubcodes.split("\r\n").length, "header + Migration (2) + Arrival (1)");
        String withoutSubcodes = new String(get(f.team.viewer(), "codeId=" + f.migration + "&subcodes=false"), StandardCharsets.UTF_8);
        assertEquals(3, withoutSubcodes.split("\r\n").length);
        String women = new String(get(f.team.viewer(), "attr=gender:woman"), StandardCharsets.UTF_8);
        assertEquals(4, women.split("\r\n").length);
        assertTrue(!women.contains("P12"));
        String either = new String(get(f.team.viewer(), "attr=gender:woman&attr=gender:man&attr=arrival_year:2012"), StandardCharsets.UTF_8);
        assertEquals(3, either.split("\r\n").length, "names are AND-ed, values OR-ed");
        String oneDocument = new String(get(f.team.viewer(), "documentId=" + f.p12 + "&cite=case,arrival_year"), StandardCharsets.UTF_8);
        assertEquals(3, oneDocument.split("\r\n").length);
        assertTrue(oneDocument.contains(",\"P12, 2012\","), oneDocument);
    }

    @Test
    void layersFollowVisibility() {
        String own = new String(get(f.team.coder(), "layer=CODER"), StandardCharsets.UTF_8);
        assertEquals(2, own.split("\r\n").length);
        assertTrue(own.contains(",London\r\n") && own.contains(",CODER,"), own);
        assertEquals(1, new String(get(f.team.coder2(), "layer=CODER"), StandardCharsets.UTF_8).split("\r\n").length,
                "another coder's layer is not visible");
        as(f.team.coder2()).get(f.team.path("/export/segments?layer=CODER&coder=" + f.team.coder())).then().statusCode(403)
                .contentType("application/problem+json");
        String named = new String(get(f.team.supervisor(), "layer=CODER&coder=" + f.team.coder()), StandardCharsets.UTF_8);
        assertEquals(2, named.split("\r\n").length);
    }

    @Test
    void badRequestsAreExplained() {
        as(f.team.viewer()).get(f.team.path("/export/segments?format=pdf")).then().statusCode(400)
                .contentType("application/problem+json").body("detail", containsString("csv, xlsx, docx, md"));
        as(f.team.viewer()).get(f.team.path("/export/segments?codeId=999999")).then().statusCode(400)
                .body("detail", containsString("no code 999999"));
        as(f.team.viewer()).get(f.team.path("/export/segments?documentId=999999")).then().statusCode(400);
        as(f.team.viewer()).get(f.team.path("/export/segments?attr=gender")).then().statusCode(400)
                .body("detail", containsString("name:value"));
        as(f.team.viewer()).get(f.team.path("/export/segments?layer=DRAFT")).then().statusCode(400);
        as(f.team.viewer()).get(f.team.path("/export/segments?coder=" + f.team.coder())).then().statusCode(400)
                .body("detail", containsString("layer=CODER"));
        as(f.team.outsider()).get(f.team.path("/export/segments")).then().statusCode(404)
                .contentType("application/problem+json");
    }
}
