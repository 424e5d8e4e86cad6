package app.margin.exchange;

import static app.margin.support.Api.as;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.margin.support.Api;
import io.quarkus.test.junit.QuarkusTest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class CodebookExportTest {
    ExchangeFixture f;

    @BeforeEach
    void setUp() {
        f = new ExchangeFixture("Codebook export");
        as(f.team.supervisor()).body(Map.of("name", "Arrival", "definition", "Coming to the UK.",
                        "inclusion", "The first weeks.", "exclusion", "Earlier moves.", "example", "“I arrived in 2010.”",
                        "version", 0))
                .put(f.team.path("/codes/" + f.arrival)).then().statusCode(200);
    }

    /** Counts are of the codings the exporting member may see: the viewer does not see the coder's own layer. */
    private byte[] get(String format) {
        return as(f.team.viewer()).get(f.team.path("/export/codebook?format=" + format)).then().statusCode(200)
                .extract().asByteArray();
    }

    @Test
    void csvMatchesTheGoldenFile() throws IOException {
        String csv = new String(get("csv"), StandardCharsets.UTF_8)
                .replaceAll("(?m)^\uFEFF?\\d+,", "ID,").replaceFirst("^\uFEFF", "");
        SegmentExportTest.dump("codebook.csv", csv);
        assertEquals(SegmentExportTest.golden("codebook.csv"), csv);
    }

    @Test
    void docxHasDefinitionsCriteriaExamplesAndCounts() throws IOException {
        byte[] docx = get("docx");
        assertEquals(List.of(), app.margin.support.DocxValidity.schemaErrors(docx), "valid WordprocessingML");
        String[] resaved = app.margin.support.DocxValidity.textBeforeAndAfterResave(docx);
        assertEquals(resaved[0], resaved[1], "opened and saved again without loss");
        try (XWPFDocument doc = new XWPFDocument(new ByteArrayInputStream(docx))) {
            List<String> texts = doc.getParagraphs().stream().map(XWPFParagraph::getText).toList();
            assertEquals(List.of("Codebook: Codebook export",
                    "Migration", "Definition: Definition of Migration", "Codings: 2",
                    "Migration > Arrival", "Definition: Coming to the UK.", "Include when: The first weeks.",
                    "Exclude when: Earlier moves.", "Example: “I arrived in 2010.”", "Codings: 1",
                    "Work", "Codings: 2"), texts);
            assertTrue(doc.getParagraphs().get(1).getRuns().getFirst().isBold());
        }
    }

    @Test
    void qdcValidatesAgainstTheRefiQdaCodebookSchema() {
        byte[] qdc = get("qdc");
        RefiQda.validate(qdc, "Codebook-mrt2019.xsd");
        String xml = new String(qdc, StandardCharsets.UTF_8);
        assertTrue(xml.contains("name=\"Arrival\""), xml);
        assertTrue(xml.contains("Include when: The first weeks."), xml);
        assertTrue(xml.contains("color=\"#80cbc4\""), xml);
    }

    @Test
    void anEmptyCodebookHasNoQdcAndUnknownFormatsAreRefused() {
        Api.Team other = Api.team("Empty codebook");
        as(other.viewer()).get(other.path("/export/codebook?format=qdc")).then().statusCode(400)
                .contentType("application/problem+json").body("detail", containsString("at least one code"));
        as(f.team.viewer()).get(f.team.path("/export/codebook?format=xlsx")).then().statusCode(400)
                .body("detail", containsString("csv, docx, qdc"));
        as(f.team.outsider()).get(f.team.path("/export/codebook")).then().statusCode(404);
    }
}
