package app.margin.analysis;

import static app.margin.support.Api.as;
import static org.hamcrest.Matchers.*;

import app.margin.support.Api;
import app.margin.support.Api.Team;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The co-occurrence endpoints over real codings: each mode, the filters, the attribute and document matrices, CSV. */
@QuarkusTest
class AnalysisResourceTest {
    static final String P01 = "Interviewer: Why?\nP01: The broker took my money. I had no choice.\nInterviewer: Then?\n"
            + "P01: We waited a long time in Laos for the papers and then the embassy.\n";
    static final String P02 = "Interviewer: Why?\nP02: The broker was kind. Money was short.\nInterviewer: Then?\nP02: Fine.\n";

    static Team team;
    static long broker;
    static long debt;
    static long route;
    static long p01;
    static long p02;

    @BeforeEach
    void corpus() {
        if (team != null) {
            return;
        }
        team = Api.team("Analysis");
        p01 = Api.importText(team.supervisor(), team.projectId(), "p01.txt", P01, null);
        p02 = Api.importText(team.supervisor(), team.projectId(), "p02.txt", P02, null);
        as(team.supervisor()).body(Map.of("cases", List.of(
                        Map.of("case", "P01", "attributes", Map.of("gender", "female")),
                        Map.of("case", "P02", "attributes", Map.of("gender", "male"))),
                "documents", List.of(Map.of("documentId", p01, "case", "P01"), Map.of("documentId", p02, "case", "P02"))))
                .put(team.path("/attributes")).then().statusCode(200);
        broker = Api.newCode(team.supervisor(), team.projectId(), "Broker role", null);
        debt = Api.newCode(team.supervisor(), team.projectId(), "Cost and debt", null);
        route = Api.newCode(team.supervisor(), team.projectId(), "Route", null);
        // P01: broker and debt overlap on "broker took my money"; route in the next turn, 12 words after "money."
        code(team.coder(), p01, broker, P01.indexOf("The broker"), P01.indexOf(" took"));
        code(team.coder(), p01, debt, P01.indexOf("broker took"), P01.indexOf(" I had"));
        code(team.coder(), p01, route, P01.indexOf("in Laos"), P01.indexOf(" for the"));
        // P02: broker and debt in the same turn but not overlapping; another coder's layer
        code(team.coder2(), p02, broker, P02.indexOf("The broker"), P02.indexOf(" was kind"));
        code(team.coder2(), p02, debt, P02.indexOf("Money"), P02.indexOf(" was short"));
    }

    static void code(String coder, long doc, long code, int start, int end) {
        Api.code(coder, team.projectId(), doc, code, start, end);
    }

    static int index(long code) {
        return code == broker ? 0 : code == debt ? 1 : 2;
    }

    @Test
    void overlapSameUnitAndProximityCountPairsAndDocuments() {
        as(team.supervisor()).queryParam("mode", "overlap").get(team.path("/cooccurrence")).then().statusCode(200)
                .body("codes.name", contains("Broker role", "Cost and debt", "Route"))
                .body("segments", equalTo(5))
                .body("matrix[0]", contains(2, 1, 0)).body("matrix[1]", contains(1, 2, 0)).body("matrix[2]", contains(0, 0, 1))
                .body("documents[0]", contains(2, 1, 0));
        as(team.supervisor()).queryParam("mode", "unit").queryParam("unit", "turn").get(team.path("/cooccurrence")).then()
                .body("matrix[0]", contains(2, 2, 0)).body("documents[0]", contains(2, 2, 0));
        as(team.supervisor()).queryParam("mode", "unit").queryParam("unit", "sentence").get(team.path("/cooccurrence")).then()
                .body("matrix[0][1]", equalTo(1));
        as(team.supervisor()).queryParam("mode", "unit").queryParam("unit", "document").get(team.path("/cooccurrence")).then()
                .body("matrix[0]", contains(2, 2, 1)).body("matrix[1][2]", equalTo(1));
        as(team.supervisor()).queryParam("mode", "proximity").queryParam("distance", 5).get(team.path("/cooccurrence")).then()
                .body("matrix[1][2]", equalTo(0)).body("matrix[0][1]", equalTo(2));
        as(team.supervisor()).queryParam("mode", "proximity").queryParam("distance", 11).get(team.path("/cooccurrence")).then()
                .body("matrix[1][2]", equalTo(0));
        as(team.supervisor()).queryParam("mode", "proximity").queryParam("distance", 12).get(team.path("/cooccurrence")).then()
                .body("matrix[1][2]", equalTo(1));
    }

    @Test
    void aQueryNarrowsTheSegmentsAndCodersSeeOnlyTheirLayers() {
        as(team.supervisor()).queryParam("mode", "unit").queryParam("q", "attr.gender:male").get(team.path("/cooccurrence"))
                .then().body("segments", equalTo(2)).body("matrix[0]", contains(1, 1, 0));
        as(team.supervisor()).queryParam("mode", "unit").queryParam("q", "coder:" + team.coder()).get(team.path("/cooccurrence"))
                .then().body("segments", equalTo(3));
        as(team.coder()).queryParam("mode", "unit").get(team.path("/cooccurrence")).then().body("segments", equalTo(3))
                .body("matrix[0]", contains(1, 1, 0));
    }

    @Test
    void codesByAttributeAndByDocumentWithPercentages() {
        as(team.supervisor()).queryParam("attribute", "Gender").get(team.path("/cooccurrence/attributes")).then().statusCode(200)
                .body("values", contains("female", "male"))
                .body("segments[0]", contains(1, 1)).body("segments[2]", contains(1, 0))
                .body("rowPercent[0]", contains(50.0f, 50.0f)).body("columnPercent[0][0]", hasToString(startsWith("33.33")));
        as(team.supervisor()).get(team.path("/cooccurrence/documents")).then().statusCode(200)
                .body("documents.title", contains("p01", "p02")).body("segments[1]", contains(1, 1));
    }

    @Test
    void wordsCharacteristicOfACodeByLogLikelihood() {
        as(team.supervisor()).queryParam("codeId", debt).get(team.path("/keywords")).then().statusCode(200)
                .body("code", equalTo("Cost and debt"))
                .body("words.term", hasItems("money", "took"))
                .body("words.find { it.term == 'money' }.targetCount", equalTo(2))
                .body("words.find { it.term == 'money' }.referenceCount", equalTo(0))
                .body("words.term", not(hasItem("the")));
        as(team.supervisor()).get(team.path("/keywords")).then().statusCode(400);
        as(team.supervisor()).queryParam("codeId", 987654).get(team.path("/keywords")).then().statusCode(400);
    }

    @Test
    void matricesAsCsv() {
        String csv = as(team.supervisor()).accept("text/csv").queryParam("mode", "overlap").get(team.path("/cooccurrence"))
                .then().statusCode(200).contentType(containsString("text/csv")).extract().asString();
        org.junit.jupiter.api.Assertions.assertEquals("Code,Broker role,Cost and debt,Route\r\nBroker role,2,1,0\r\n"
                + "Cost and debt,1,2,0\r\nRoute,0,0,1\r\n", csv);
        as(team.supervisor()).accept("text/csv").queryParam("attribute", "gender").queryParam("cell", "row_percent")
                .get(team.path("/cooccurrence/attributes")).then().statusCode(200).body(containsString("Broker role,50.00,50.00"));
        as(team.supervisor()).accept("text/csv").queryParam("cell", "documents").get(team.path("/cooccurrence/documents"))
                .then().statusCode(400).contentType("application/problem+json");
    }

    @Test
    void matricesAsXlsxHoldTheSameCellsAsNumbers() throws Exception {
        byte[] xlsx = as(team.supervisor()).accept(XlsxMatrix.MEDIA_TYPE).queryParam("mode", "overlap")
                .get(team.path("/cooccurrence")).then().statusCode(200).extract().asByteArray();
        try (var book = new org.apache.poi.xssf.usermodel.XSSFWorkbook(new java.io.ByteArrayInputStream(xlsx))) {
            var sheet = book.getSheetAt(0);
            org.junit.jupiter.api.Assertions.assertEquals("Cost and debt", sheet.getRow(0).getCell(2).getStringCellValue());
            org.junit.jupiter.api.Assertions.assertEquals("Broker role", sheet.getRow(1).getCell(0).getStringCellValue());
            org.junit.jupiter.api.Assertions.assertEquals(1.0, sheet.getRow(1).getCell(2).getNumericCellValue());
            org.junit.jupiter.api.Assertions.assertEquals(2.0, sheet.getRow(2).getCell(2).getNumericCellValue());
            org.junit.jupiter.api.Assertions.assertEquals(4, sheet.getPhysicalNumberOfRows());
        }
        byte[] byAttribute = as(team.supervisor()).accept(XlsxMatrix.MEDIA_TYPE).queryParam("attribute", "gender")
                .queryParam("cell", "column_percent").get(team.path("/cooccurrence/attributes")).then().statusCode(200)
                .extract().asByteArray();
        try (var book = new org.apache.poi.xssf.usermodel.XSSFWorkbook(new java.io.ByteArrayInputStream(byAttribute))) {
            org.junit.jupiter.api.Assertions.assertEquals("female", book.getSheetAt(0).getRow(0).getCell(1).getStringCellValue());
            org.junit.jupiter.api.Assertions.assertEquals(33.33, book.getSheetAt(0).getRow(1).getCell(1).getNumericCellValue(), 0.001);
        }
    }

    @Test
    void badParametersAreExplained() {
        as(team.viewer()).queryParam("mode", "nearby").get(team.path("/cooccurrence")).then().statusCode(400)
                .body("detail", containsString("is not a valid mode"));
        as(team.viewer()).queryParam("mode", "proximity").queryParam("distance", -1).get(team.path("/cooccurrence"))
                .then().statusCode(400);
        as(team.viewer()).queryParam("q", "broker AND (").get(team.path("/cooccurrence")).then().statusCode(400)
                .body("column", notNullValue());
        as(team.viewer()).get(team.path("/cooccurrence/attributes")).then().statusCode(400);
        as(team.viewer()).queryParam("attribute", "shoe_size").get(team.path("/cooccurrence/attributes")).then().statusCode(400)
                .body("detail", containsString("shoe_size"));
        as(team.outsider()).get(team.path("/cooccurrence")).then().statusCode(404);
    }
}
