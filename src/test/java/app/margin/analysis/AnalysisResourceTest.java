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

    static final String P03 = "Interviewer: Tell me.\nP03: The broker took my money. He kept my passport. He wanted more money.\n"
            + "Interviewer: And?\nP03: We left at night.\n";

    /**
     * Two coders code one turn, their segments overlapping each other's: a code × code cell pairs segments only inside
     * one layer, and what a click on a cell opens reports the cell's own number, for every layer and for each one.
     */
    @Test
    void aCellCountsPairsInsideOneLayerAndWhatItOpensReportsTheSameNumber() {
        Team own = Api.team("Cell pairs");
        long doc = Api.importText(own.supervisor(), own.projectId(), "p03.txt", P03, null);
        long brokerCode = Api.newCode(own.supervisor(), own.projectId(), "Broker role", null);
        long debtCode = Api.newCode(own.supervisor(), own.projectId(), "Cost and debt", null);
        java.util.function.BiFunction<String, String, int[]> at = (from, to) ->
                new int[] {P03.indexOf(from), P03.indexOf(to) + to.length()};
        record Coding(String coder, long code, int[] range) {
        }
        List<Coding> codings = List.of(
                // the first coder: two pairs that overlap, and two segments of different codes that do not
                new Coding(own.coder(), brokerCode, at.apply("The broker", "my money")),
                new Coding(own.coder(), debtCode, at.apply("took my", "my money")),
                new Coding(own.coder(), brokerCode, at.apply("He kept", "more money")),
                new Coding(own.coder(), debtCode, at.apply("He wanted", "more money")),
                // the second coder: one pair; each of these also overlaps the first coder's segments (not a pair)
                new Coding(own.coder2(), brokerCode, at.apply("The broker", "my passport")),
                new Coding(own.coder2(), debtCode, at.apply("money. He", "He kept")));
        codings.forEach(c -> Api.code(c.coder(), own.projectId(), doc, c.code(), c.range()[0], c.range()[1]));

        // every layer: 2 + 1 pairs (mixing the layers would count 6), in one document
        assertCellMatchesItsPairs(own, brokerCode, debtCode, null, 3, 1);
        assertCellMatchesItsPairs(own, brokerCode, debtCode, "coder:" + own.coder(), 2, 1);
        assertCellMatchesItsPairs(own, brokerCode, debtCode, "coder:" + own.coder2(), 1, 1);
        // the pairs listed are each in one coder's layer, and name their codings' places
        as(own.supervisor()).queryParam("first", brokerCode).queryParam("second", debtCode).get(own.path("/cooccurrence/pairs"))
                .then().statusCode(200)
                .body("pairs.coder", contains(own.coder(), own.coder2(), own.coder()))
                .body("pairs[0].first.text", equalTo("The broker took my money"))
                .body("pairs[0].second.text", equalTo("took my money"));
        // a coder sees only their own layer: the cell and its pairs shrink together
        as(own.coder()).queryParam("first", brokerCode).queryParam("second", debtCode).get(own.path("/cooccurrence/pairs"))
                .then().statusCode(200).body("total", equalTo(2));

        // the diagonal and the code × document cells count segments: the search the cell opens finds as many
        for (String layer : new String[] {null, "coder:" + own.coder(), "coder:" + own.coder2()}) {
            List<Integer> byDocument = as(own.supervisor()).queryParam("q", layer).get(own.path("/cooccurrence/documents"))
                    .then().statusCode(200).extract().jsonPath().getList("segments[0]", Integer.class);
            long diagonal = as(own.supervisor()).queryParam("q", layer).get(own.path("/cooccurrence")).then().extract()
                    .jsonPath().getLong("matrix[0][0]");
            String search = String.join(" ", java.util.stream.Stream.of("doc:" + doc, layer)
                    .filter(java.util.Objects::nonNull).toList());
            long found = as(own.supervisor()).queryParam("scope", "code").queryParam("code", "Broker role")
                    .queryParam("q", search).get(own.path("/search")).then().statusCode(200).extract().jsonPath().getLong("total");
            org.junit.jupiter.api.Assertions.assertEquals(byDocument.get(0).longValue(), found, "code × document, " + layer);
            org.junit.jupiter.api.Assertions.assertEquals(diagonal, found, "the diagonal, " + layer);
        }

        as(own.supervisor()).queryParam("first", brokerCode).queryParam("second", brokerCode)
                .get(own.path("/cooccurrence/pairs")).then().statusCode(400).contentType("application/problem+json");
        as(own.supervisor()).queryParam("first", brokerCode).get(own.path("/cooccurrence/pairs")).then().statusCode(400);
        as(own.outsider()).queryParam("first", brokerCode).queryParam("second", debtCode)
                .get(own.path("/cooccurrence/pairs")).then().statusCode(404);
    }

    private static void assertCellMatchesItsPairs(Team own, long first, long second, String q, int pairs, int documents) {
        var matrix = as(own.supervisor()).queryParam("mode", "overlap").queryParam("q", q).get(own.path("/cooccurrence"))
                .then().statusCode(200).body("codes.id", contains((int) first, (int) second)).extract().jsonPath();
        org.junit.jupiter.api.Assertions.assertEquals(pairs, matrix.getInt("matrix[0][1]"), "the cell, " + q);
        as(own.supervisor()).queryParam("mode", "overlap").queryParam("q", q).queryParam("first", first)
                .queryParam("second", second).get(own.path("/cooccurrence/pairs")).then().statusCode(200)
                .body("total", equalTo(pairs)).body("pairs", hasSize(pairs))
                .body("documents", equalTo(matrix.getInt("documents[0][1]"))).body("documents", equalTo(documents));
    }
}
