package app.margin.agreement.rounds;

import static app.margin.support.Api.as;
import static io.restassured.config.JsonConfig.jsonConfig;
import static io.restassured.path.json.config.JsonPathConfig.NumberReturnType.DOUBLE;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.*;
import static org.junit.jupiter.api.Assertions.*;

import app.margin.support.Api;
import app.margin.support.Api.Team;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class AgreementResourceTest {
    static final String TEXT = "The broker took my money. I paid him twice! 그는 사라졌어요. Then nothing.";
    static final int L = TEXT.length();

    Team team;
    long doc;
    long x;
    long y;
    long coderX;
    long coder2X;
    long coderY;
    long rid;

    static RequestSpecification json(String user) {
        return as(user).config(RestAssured.config().jsonConfig(jsonConfig().numberReturnType(DOUBLE)));
    }

    @BeforeEach
    void setUp() {
        team = Api.team("Agreement");
        doc = Api.importText(team.supervisor(), team.projectId(), "p01.txt", TEXT, null);
        x = Api.newCode(team.supervisor(), team.projectId(), "Broker", null);
        y = Api.newCode(team.supervisor(), team.projectId(), "Payment", null);
        coderX = Api.code(team.coder(), team.projectId(), doc, x, 4, 10); // "broker"
        coder2X = Api.code(team.coder2(), team.projectId(), doc, x, 4, 15); // "broker took"
        coderY = Api.code(team.coder(), team.projectId(), doc, y, 26, 43); // "I paid him twice!"
        as(team.coder()).body(Map.of("targetType", "CODING", "targetId", coderY, "body", "He paid the broker again"))
                .post(team.path("/memos")).then().statusCode(201);
        rid = round("CHARACTER");
    }

    long round(String unit) {
        Map<String, Object> body = new HashMap<>();
        body.put("name", "Pilot");
        body.put("documentIds", List.of(doc));
        body.put("coders", List.of(team.coder(), team.coder2()));
        body.put("codeIds", List.of(x, y));
        body.put("unit", unit);
        return as(team.supervisor()).body(body).post(team.path("/agreement/rounds")).then().statusCode(201)
                .extract().jsonPath().getLong("id");
    }

    String rounds(long round, String rest) {
        return team.path("/agreement/rounds/" + round + rest);
    }

    /** Cohen's κ by hand on a 2×2 table of characters: both, first only, second only, neither. */
    static double kappa(double both, double firstOnly, double secondOnly, double neither) {
        double n = both + firstOnly + secondOnly + neither;
        double po = (both + neither) / n;
        double p1 = (both + firstOnly) / n;
        double p2 = (both + secondOnly) / n;
        double pe = p1 * p2 + (1 - p1) * (1 - p2);
        return (po - pe) / (1 - pe);
    }

    @Test
    void coefficientsPerCodeCountEveryCharacterOfTheDocument() {
        JsonPath body = json(team.supervisor()).get(rounds(rid, "/agreement")).then().statusCode(200)
                .body("unit", equalTo("CHARACTER")).body("percentAgreementDefinition", containsString("1 − D_o"))
                .extract().jsonPath();
        Map<String, Object> broker = body.getMap("figures.find { it.scope == 'CODE' && it.codeName == 'Broker' }");
        assertEquals(L, ((Number) broker.get("units")).intValue());
        assertEquals(2, ((Number) broker.get("coderCount")).intValue());
        assertEquals("Cohen", broker.get("kappaKind"));
        assertEquals(kappa(6, 0, 5, L - 11), (Double) broker.get("kappa"), 1e-9);
        assertEquals((double) (L - 5) / L, (Double) broker.get("percentAgreement"), 1e-9);
        assertNotNull(broker.get("alpha"));
        assertNotNull(broker.get("unitizingAlpha"));
        assertThat((String) broker.get("reading"), startsWith("α = 0."));
        Map<String, Object> overall = body.getMap("figures.find { it.scope == 'OVERALL' }");
        assertEquals(2 * L, ((Number) overall.get("units")).intValue());
        assertEquals(List.of(team.coder(), team.coder2()), overall.get("coders"));
        Map<String, Object> perDocument = body.getMap("figures.find { it.scope == 'DOCUMENT' }");
        assertEquals("p01", perDocument.get("documentTitle"));
        Map<String, Object> payment = body.getMap("figures.find { it.scope == 'CODE' && it.codeName == 'Payment' }");
        assertEquals(kappa(0, 17, 0, L - 17), (Double) payment.get("kappa"), 1e-9);
        assertEquals("UNRELIABLE", payment.get("interpretation"));
        as(team.coder()).get(rounds(rid, "/agreement")).then().statusCode(403);
        as(team.outsider()).get(rounds(rid, "/agreement")).then().statusCode(404);
    }

    @Test
    void sentenceUnitsCountSentences() {
        long sentences = round("SENTENCE");
        json(team.supervisor()).get(rounds(sentences, "/agreement")).then().statusCode(200)
                .body("figures.find { it.scope == 'CODE' && it.codeName == 'Broker' }.units", equalTo(4))
                .body("figures.find { it.scope == 'CODE' && it.codeName == 'Broker' }.percentAgreement", equalTo(1.0))
                .body("figures.find { it.scope == 'CODE' && it.codeName == 'Payment' }.percentAgreement", equalTo(0.75));
    }

    @Test
    void turnParagraphAndDocumentUnits() {
        String transcript = "I: Where did you go?\nR: To Seoul. The broker met me.\nI: And then?\nR: I paid.\n";
        long interview = Api.importText(team.supervisor(), team.projectId(), "p02.txt", transcript, "TRANSCRIPT");
        int broker = transcript.indexOf("broker");
        Api.code(team.coder(), team.projectId(), interview, x, broker, broker + 6);
        Api.code(team.coder2(), team.projectId(), interview, x, transcript.indexOf("Seoul"), transcript.indexOf("Seoul") + 5);
        Map<String, Integer> expectedUnits = Map.of("TURN", 4, "PARAGRAPH", 4, "DOCUMENT", 1);
        expectedUnits.forEach((unit, units) -> {
            Map<String, Object> body = new HashMap<>();
            body.put("name", unit);
            body.put("documentIds", List.of(interview));
            body.put("coders", List.of(team.coder(), team.coder2()));
            body.put("codeIds", List.of(x));
            body.put("unit", unit);
            long round = as(team.supervisor()).body(body).post(team.path("/agreement/rounds")).then().statusCode(201)
                    .extract().jsonPath().getLong("id");
            // both coded inside the same turn, line and document, at different places: every unit agrees
            json(team.supervisor()).get(rounds(round, "/agreement")).then().statusCode(200)
                    .body("unit", equalTo(unit))
                    .body("figures.find { it.scope == 'CODE' }.units", equalTo(units))
                    .body("figures.find { it.scope == 'CODE' }.percentAgreement", equalTo(1.0));
        });
    }

    @Test
    void disagreementsComeMostDifferentFirstWithBoundariesAndMemos() {
        as(team.supervisor()).get(rounds(rid, "/disagreements")).then().statusCode(200)
                .body("size()", equalTo(2))
                .body("[0].codeName", equalTo("Payment")).body("[0].difference", equalTo(1.0f))
                .body("[0].text", equalTo("I paid him twice!")).body("[0].missing", contains(team.coder2()))
                .body("[0].segments[0].memos", contains("He paid the broker again"))
                .body("[1].codeName", equalTo("Broker")).body("[1].start", equalTo(4)).body("[1].end", equalTo(15))
                .body("[1].segments.coder", containsInAnyOrder(team.coder(), team.coder2()))
                .body("[1].segments.end", containsInAnyOrder(10, 15))
                .body("[1].adjudicated", equalTo(false));
        as(team.supervisor()).get(rounds(rid, "/disagreements?codeId=" + x)).then().body("size()", equalTo(1));
        as(team.supervisor()).get(rounds(rid, "/disagreements?codeId=987654")).then().statusCode(400);
        as(team.coder()).get(rounds(rid, "/disagreements")).then().statusCode(403);
    }

    @Test
    void adjudicationWritesMasterHiddenFromBlindCodersAndIsReversible() {
        long aid = as(team.supervisor()).body(Map.of("decision", "ACCEPT", "documentId", doc, "codeId", x,
                        "codingIds", List.of(coder2X), "note", "the verb belongs to it"))
                .post(rounds(rid, "/adjudications")).then().statusCode(201)
                .body("start", equalTo(4)).body("end", equalTo(15)).body("masterCodingId", notNullValue())
                .extract().jsonPath().getLong("id");
        as(team.supervisor()).get(team.path("/codings?layer=MASTER")).then().body("size()", equalTo(1))
                .body("[0].start", equalTo(4)).body("[0].end", equalTo(15));
        // blind: the round's coders do not see the master layer on the round's document, nor count it
        as(team.coder()).get(team.path("/codings?layer=MASTER")).then().body("size()", equalTo(0));
        as(team.coder()).get(team.path("/codes")).then().body("find { it.id == " + x + " }.codings", equalTo(1));
        as(team.viewer()).get(team.path("/codings?layer=MASTER")).then().body("size()", equalTo(1));
        // nor through search: neither as segments nor through a code filter
        as(team.coder()).queryParam("q", "coder:master").queryParam("scope", "coded").get(team.path("/search")).then()
                .statusCode(200).body("total", equalTo(0));
        as(team.coder()).queryParam("q", "code:" + x + " coder:master").get(team.path("/search")).then().body("total", equalTo(0));
        as(team.viewer()).queryParam("q", "coder:master").queryParam("scope", "coded").get(team.path("/search")).then()
                .body("total", equalTo(1));
        as(team.supervisor()).get(rounds(rid, "/disagreements?codeId=" + x)).then().body("[0].adjudicated", equalTo(true));
        as(team.supervisor()).post(rounds(rid, "/reveal")).then().statusCode(200);
        as(team.coder()).get(team.path("/codings?layer=MASTER")).then().body("size()", equalTo(1));
        as(team.coder()).queryParam("q", "coder:master").queryParam("scope", "coded").get(team.path("/search")).then()
                .body("total", equalTo(1));

        as(team.supervisor()).post(rounds(rid, "/adjudications/" + aid + "/undo")).then().statusCode(200)
                .body("undoneBy", equalTo(team.supervisor())).body("undoneAt", notNullValue());
        as(team.supervisor()).get(team.path("/codings?layer=MASTER")).then().body("size()", equalTo(0));
        as(team.supervisor()).post(rounds(rid, "/adjudications/" + aid + "/undo")).then().statusCode(409);
        as(team.supervisor()).get(rounds(rid, "/adjudications")).then().body("size()", equalTo(1))
                .body("[0].decision", equalTo("ACCEPT")).body("[0].note", equalTo("the verb belongs to it"));
        as(team.owner()).get(team.path("/audit")).then().body("action", hasItems("agreement.adjudicated",
                "coding.master.added", "agreement.adjudication.undone", "coding.master.removed"));
    }

    @Test
    void afterRevealSearchShowsPartnersLayersOnTheRoundsDocumentsOnly() {
        long other = Api.importText(team.supervisor(), team.projectId(), "p02.txt", TEXT, null);
        Api.code(team.coder2(), team.projectId(), other, x, 4, 10);
        as(team.coder()).queryParam("q", "coder:" + team.coder2()).get(team.path("/search")).then().statusCode(400);
        as(team.coder()).queryParam("q", "code:" + x).queryParam("scope", "coded").get(team.path("/search")).then()
                .statusCode(200).body("total", equalTo(1));
        as(team.supervisor()).post(rounds(rid, "/reveal")).then().statusCode(200);
        // as in the viewer: the partner's layer on the round's document, not on the document outside the round
        as(team.coder()).queryParam("q", "coder:" + team.coder2()).queryParam("scope", "coded").get(team.path("/search"))
                .then().statusCode(200).body("total", equalTo(1)).body("hits[0].documentId", equalTo((int) doc));
        as(team.coder()).queryParam("q", "code:" + x).queryParam("scope", "coded").get(team.path("/search")).then()
                .body("total", equalTo(2));
        as(team.coder()).queryParam("q", "code:" + x).get(team.path("/search")).then()
                .body("documents.documentId", contains((int) doc))
                .body("codes.find { it.codeId == " + x + " }.hits", equalTo(1));
        as(team.coder()).get(team.path("/codings?documentId=" + other)).then().body("size()", equalTo(0));
    }

    @Test
    void mergeAdjustAndRejectDecisions() {
        as(team.supervisor()).body(Map.of("decision", "MERGE", "documentId", doc, "codeId", x,
                "codingIds", List.of(coderX, coder2X))).post(rounds(rid, "/adjudications")).then().statusCode(201)
                .body("start", equalTo(4)).body("end", equalTo(15));
        as(team.supervisor()).body(Map.of("decision", "ADJUST", "documentId", doc, "codeId", y,
                "codingIds", List.of(coderY), "start", 26, "end", 42)).post(rounds(rid, "/adjudications")).then()
                .statusCode(201).body("start", equalTo(26)).body("end", equalTo(42));
        as(team.supervisor()).body(Map.of("decision", "REJECT", "documentId", doc, "codeId", y,
                "codingIds", List.of(coderY))).post(rounds(rid, "/adjudications")).then().statusCode(201)
                .body("masterCodingId", nullValue()).body("start", equalTo(26)).body("end", equalTo(43));
        as(team.supervisor()).get(team.path("/codings?layer=MASTER")).then().body("size()", equalTo(2));
        // the merge equals coder2's segment, so accepting that one too would write the same master coding twice
        as(team.supervisor()).body(Map.of("decision", "ACCEPT", "documentId", doc, "codeId", x,
                "codingIds", List.of(coder2X))).post(rounds(rid, "/adjudications")).then().statusCode(409)
                .contentType("application/problem+json");
    }

    @Test
    void badAdjudicationsAreExplained() {
        as(team.supervisor()).body(Map.of("decision", "ACCEPT", "documentId", doc, "codeId", x,
                "codingIds", List.of(coderX, coder2X))).post(rounds(rid, "/adjudications")).then().statusCode(400)
                .body("detail", containsString("exactly one"));
        as(team.supervisor()).body(Map.of("decision", "ACCEPT", "documentId", doc, "codeId", x,
                "codingIds", List.of(coderY))).post(rounds(rid, "/adjudications")).then().statusCode(400)
                .body("detail", containsString("not a round coder's coding of this code"));
        as(team.supervisor()).body(Map.of("decision", "ADJUST", "documentId", doc, "codeId", x,
                "start", 4, "end", L + 5)).post(rounds(rid, "/adjudications")).then().statusCode(400)
                .body("detail", containsString("outside the document"));
        as(team.supervisor()).body(Map.of("decision", "SPLIT", "documentId", doc, "codeId", x))
                .post(rounds(rid, "/adjudications")).then().statusCode(400).contentType("application/problem+json");
        as(team.supervisor()).body(Map.of("decision", "REJECT", "documentId", doc, "codeId", x))
                .post(rounds(rid, "/adjudications")).then().statusCode(400);
        as(team.coder()).body(Map.of("decision", "ACCEPT", "documentId", doc, "codeId", x,
                "codingIds", List.of(coderX))).post(rounds(rid, "/adjudications")).then().statusCode(403);
        as(team.supervisor()).post(rounds(rid, "/adjudications/987654/undo")).then().statusCode(404);
    }

    @Test
    void driftGivesAgreementPerIsoWeekForACoderPair() {
        JsonPath drift = json(team.supervisor()).get(rounds(rid, "/drift?codeId=" + x + "&coderA=" + team.coder()
                + "&coderB=" + team.coder2())).then().statusCode(200).extract().jsonPath();
        assertEquals(1, drift.getList("weeks").size());
        assertTrue(drift.getString("weeks[0].week").matches("\\d{4}-W\\d{2}"));
        assertEquals(kappa(6, 0, 5, L - 11), drift.getDouble("weeks[0].kappa"), 1e-9);
        assertEquals(1, drift.getInt("weeks[0].documents"));
        as(team.supervisor()).get(rounds(rid, "/drift?codeId=" + x + "&coderA=" + team.coder() + "&coderB=nobody"))
                .then().statusCode(400).body("detail", containsString("not one of this round's coders"));
        as(team.supervisor()).get(rounds(rid, "/drift?coderA=" + team.coder() + "&coderB=" + team.coder2()))
                .then().statusCode(400);
    }

    @Test
    void reportAsCsvMarkdownAndDocx() throws Exception {
        String csv = as(team.supervisor()).get(rounds(rid, "/report?format=csv")).then().statusCode(200)
                .contentType(startsWith("text/csv")).extract().asString();
        assertTrue(csv.startsWith("scope,code,document,coders,unit,units"), csv);
        assertTrue(csv.contains("code,Broker,,"), csv);
        String md = as(team.supervisor()).get(rounds(rid, "/report?format=md")).then().statusCode(200)
                .extract().asString();
        assertTrue(md.contains("| scope | code |"), md);
        assertTrue(md.contains("α ≥ .800 reliable"), md);
        byte[] docx = as(team.supervisor()).get(rounds(rid, "/report?format=docx")).then().statusCode(200)
                .header("Content-Disposition", containsString(".docx")).extract().asByteArray();
        assertEquals(java.util.List.of(), app.margin.support.DocxValidity.schemaErrors(docx), "valid WordprocessingML");
        String[] resaved = app.margin.support.DocxValidity.textBeforeAndAfterResave(docx);
        assertEquals(resaved[0], resaved[1], "opened and saved again without loss");
        try (XWPFDocument document = new XWPFDocument(new ByteArrayInputStream(docx))) {
            assertEquals(1 + 1 + 2 + 1, document.getTables().getFirst().getRows().size(),
                    "header, overall, two codes, one document");
            assertEquals("Broker", document.getTables().getFirst().getRow(2).getCell(1).getText());
        }
        as(team.supervisor()).get(rounds(rid, "/report?format=pdf")).then().statusCode(400)
                .contentType("application/problem+json");
        assertFalse(new String(docx, StandardCharsets.ISO_8859_1).isEmpty());
    }
}
