package app.margin.coding;

import static app.margin.support.Api.as;
import static org.hamcrest.Matchers.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

import app.margin.support.Api;
import app.margin.support.Api.Team;
import io.quarkus.test.junit.QuarkusTest;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class CodingResourceTest {
    /** Hangul, then a character outside the BMP (two UTF-16 units), then English. */
    static final String TEXT = "브로커 비용 😀 The broker took my money.";

    Team team;
    long doc;
    long code;

    @BeforeEach
    void setUp() {
        team = Api.team("Coding");
        doc = Api.importText(team.supervisor(), team.projectId(), "p07.txt", TEXT, null);
        code = Api.newCode(team.supervisor(), team.projectId(), "Cost and debt", null);
    }

    @Test
    void offsetsAreUtf16CodeUnitsAcrossHangulAndAstralCharacters() {
        int start = TEXT.indexOf("broker");
        assertEquals(14, start, "브로커(3) + space + 비용(2) + space + 😀(2 units) + space + 'The '(4)");
        Api.code(team.coder(), team.projectId(), doc, code, start, start + "broker".length());
        Api.code(team.coder(), team.projectId(), doc, code, 0, 3);
        Api.code(team.coder(), team.projectId(), doc, code, 7, 9);
        as(team.coder()).get(team.path("/codings?documentId=" + doc)).then().statusCode(200)
                .body("start", contains(0, 7, 14)).body("end", contains(3, 9, 20))
                .body("coder", everyItem(equalTo(team.coder()))).body("layer", everyItem(equalTo("CODER")));
        String text = as(team.coder()).get(team.path("/documents/" + doc)).then().extract().jsonPath().getString("text");
        assertEquals("브로커", text.substring(0, 3));
        assertEquals("😀", text.substring(7, 9));
        assertEquals("broker", text.substring(14, 20));
    }

    @Test
    void overlappingAndNestedCodingsAreAllowed() {
        long other = Api.newCode(team.supervisor(), team.projectId(), "Broker role", null);
        Api.code(team.coder(), team.projectId(), doc, code, 0, 20);
        Api.code(team.coder(), team.projectId(), doc, other, 10, 30);
        Api.code(team.coder(), team.projectId(), doc, other, 12, 18);
        as(team.coder()).get(team.path("/codings?documentId=" + doc)).then().body("size()", equalTo(3));
    }

    @Test
    void badRangesAndReferencesAreExplained() {
        int length = TEXT.length();
        as(team.coder()).body(Map.of("documentId", doc, "codeId", code, "start", 5, "end", length + 1))
                .post(team.path("/codings")).then().statusCode(400).contentType("application/problem+json")
                .body("detail", containsString("outside the document"));
        as(team.coder()).body(Map.of("documentId", doc, "codeId", code, "start", -1, "end", 4))
                .post(team.path("/codings")).then().statusCode(400);
        as(team.coder()).body(Map.of("documentId", doc, "codeId", code, "start", 5, "end", 5))
                .post(team.path("/codings")).then().statusCode(400).body("detail", containsString("must come before"));
        as(team.coder()).body(Map.of("documentId", doc, "codeId", code, "start", 8, "end", 12))
                .post(team.path("/codings")).then().statusCode(400).body("detail", containsString("cuts a character"));
        as(team.coder()).body(Map.of("documentId", doc, "codeId", 987_654, "start", 0, "end", 3))
                .post(team.path("/codings")).then().statusCode(400).body("detail", containsString("no code 987654"));
        as(team.coder()).body(Map.of("documentId", 987_654, "codeId", code, "start", 0, "end", 3))
                .post(team.path("/codings")).then().statusCode(400).body("detail", containsString("no document 987654"));
        as(team.coder()).body(Map.of("documentId", doc, "codeId", code, "start", 0))
                .post(team.path("/codings")).then().statusCode(400).body("errors[0].field", equalTo("end"));
        Api.code(team.coder(), team.projectId(), doc, code, 0, 3);
        as(team.coder()).body(Map.of("documentId", doc, "codeId", code, "start", 0, "end", 3))
                .post(team.path("/codings")).then().statusCode(409);
    }

    @Test
    void aCodesSegmentsComeWithTheirContextAndOnlyFromVisibleLayers() {
        long p10 = Api.importText(team.supervisor(), team.projectId(), "p10.txt",
                "Interviewer: And then?\nP10: The broker wanted two million won before we left.\nInterviewer: Did you pay?\nP10: Later.", null);
        String quote = "two million won";
        int start = "Interviewer: And then?\nP10: The broker wanted ".length();
        Api.code(team.coder(), team.projectId(), p10, code, start, start + quote.length());
        Api.code(team.coder2(), team.projectId(), doc, code, 0, 3);
        as(team.coder()).get(team.path("/codes/" + code + "/segments")).then().statusCode(200)
                .body("size()", equalTo(1))
                .body("[0].text", equalTo(quote))
                .body("[0].before", equalTo("P10: The broker wanted "))
                .body("[0].after", equalTo(" before we left."))
                .body("[0].speaker", equalTo("P10"))
                .body("[0].documentTitle", equalTo("p10"))
                .body("[0].coding.coder", equalTo(team.coder()));
        as(team.supervisor()).get(team.path("/codes/" + code + "/segments")).then().statusCode(200)
                .body("size()", equalTo(2));
        as(team.coder()).get(team.path("/codes/987654/segments")).then().statusCode(404)
                .contentType("application/problem+json");
        as(team.outsider()).get(team.path("/codes/" + code + "/segments")).then().statusCode(404);
    }

    @Test
    void aCodeOfAnotherProjectIsUnknownHere() {
        Team other = Api.team("Other");
        long foreignCode = Api.newCode(other.supervisor(), other.projectId(), "Foreign", null);
        as(team.coder()).body(Map.of("documentId", doc, "codeId", foreignCode, "start", 0, "end", 3))
                .post(team.path("/codings")).then().statusCode(400);
    }

    @Test
    void codersSeeTheirOwnLayerAndSupervisorsSeeEveryLayer() {
        Api.code(team.coder(), team.projectId(), doc, code, 0, 3);
        Api.code(team.coder2(), team.projectId(), doc, code, 4, 6);
        as(team.coder()).get(team.path("/codings")).then().body("coder", contains(team.coder()));
        as(team.coder2()).get(team.path("/codings")).then().body("coder", contains(team.coder2()));
        as(team.viewer()).get(team.path("/codings")).then().body("size()", equalTo(0));
        as(team.supervisor()).get(team.path("/codings")).then().body("size()", equalTo(2));
        as(team.owner()).get(team.path("/codings?coder=" + team.coder2())).then().body("coder", contains(team.coder2()));
        as(team.coder()).get(team.path("/codings?coder=" + team.coder2())).then().statusCode(403);
        as(team.supervisor()).get(team.path("/codings?layer=MASTER")).then().body("size()", equalTo(0));
        as(team.supervisor()).get(team.path("/codings?layer=GOLD")).then().statusCode(400)
                .body("detail", containsString("CODER, MASTER"));
        as(team.outsider()).get(team.path("/codings")).then().statusCode(404);
    }

    @Test
    void filtersByDocumentCodeAndCoder() {
        long doc2 = Api.importText(team.supervisor(), team.projectId(), "p08.txt", "Another interview text.", null);
        long code2 = Api.newCode(team.supervisor(), team.projectId(), "Employment", null);
        Api.code(team.coder(), team.projectId(), doc, code, 0, 3);
        Api.code(team.coder(), team.projectId(), doc2, code2, 0, 7);
        Api.code(team.coder2(), team.projectId(), doc2, code, 8, 12);
        as(team.supervisor()).get(team.path("/codings?documentId=" + doc2)).then().body("size()", equalTo(2));
        as(team.supervisor()).get(team.path("/codings?codeId=" + code)).then().body("size()", equalTo(2));
        as(team.supervisor()).get(team.path("/codings?documentId=" + doc2 + "&codeId=" + code + "&coder=" + team.coder2()))
                .then().body("size()", equalTo(1)).body("[0].start", equalTo(8));
    }

    @Test
    void onlyTheCoderChangesOrRemovesACoding() {
        long coding = Api.code(team.coder(), team.projectId(), doc, code, 0, 3);
        long version = as(team.coder()).get(team.path("/codings/" + coding)).then().extract().jsonPath().getLong("version");
        as(team.coder2()).body(Map.of("start", 0, "end", 6, "version", version)).put(team.path("/codings/" + coding))
                .then().statusCode(404);
        as(team.supervisor()).body(Map.of("start", 0, "end", 6, "version", version)).put(team.path("/codings/" + coding))
                .then().statusCode(403);
        as(team.viewer()).delete(team.path("/codings/" + coding)).then().statusCode(403);
        as(team.coder()).body(Map.of("start", 0, "end", 6, "version", version)).put(team.path("/codings/" + coding))
                .then().statusCode(200).body("end", equalTo(6));
        as(team.coder()).body(Map.of("start", 0, "end", 7, "version", version)).put(team.path("/codings/" + coding))
                .then().statusCode(409);
        as(team.supervisor()).delete(team.path("/codings/" + coding)).then().statusCode(403);
        as(team.coder()).delete(team.path("/codings/" + coding)).then().statusCode(204);
        as(team.coder()).get(team.path("/codings/" + coding)).then().statusCode(404);
    }
}
