package app.margin.search;

import static app.margin.support.Api.as;
import static org.hamcrest.Matchers.*;

import app.margin.support.Api;
import app.margin.support.Api.Team;
import io.quarkus.test.junit.QuarkusTest;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class AutoCodingTest {
    static final String TEXT = """
            Interviewer: How did you come?
            P04: The broker found us in Yanji. We paid the broker later. Nobody else helped.
            Interviewer: And then?
            P04: A second broker took us to Laos.
            """;

    @Test
    void aCoderPreviewsAutoCodesAndUndoesAsOneAuditedAction() {
        Team team = Api.team("Auto-coding");
        long doc = Api.importText(team.supervisor(), team.projectId(), "p04.txt", TEXT, null);
        long broker = Api.newCode(team.supervisor(), team.projectId(), "Broker role", null);
        Map<String, Object> request = Map.of("q", "broker", "unit", "sentence", "codeId", broker);

        as(team.coder()).body(request).post(team.path("/search/autocode/preview")).then().statusCode(200)
                .body("segments", equalTo(3)).body("documents", equalTo(1)).body("alreadyCoded", equalTo(0));
        as(team.coder()).get(team.path("/codings?documentId=" + doc)).then().body("size()", equalTo(0));
        int auditBefore = as(team.supervisor()).get(team.path("/audit")).then().extract().jsonPath().getList("$").size();

        int batch = as(team.coder()).body(request).post(team.path("/search/autocode")).then().statusCode(201)
                .body("created", equalTo(3)).extract().path("batchId");
        int sentence = TEXT.indexOf("We paid the broker later.");
        as(team.coder()).get(team.path("/codings?documentId=" + doc)).then().body("size()", equalTo(3))
                .body("codeId", everyItem(equalTo((int) broker))).body("coder", everyItem(equalTo(team.coder())))
                .body("start", hasItem(sentence)).body("end", hasItem(sentence + "We paid the broker later.".length()));
        as(team.supervisor()).get(team.path("/audit")).then().body("size()", equalTo(auditBefore + 1));
        as(team.coder()).queryParam("q", "code:\"Broker role\"").queryParam("scope", "coded").get(team.path("/search"))
                .then().body("total", equalTo(3));
        as(team.coder()).body(request).post(team.path("/search/autocode/preview")).then()
                .body("segments", equalTo(0)).body("alreadyCoded", equalTo(3));
        // applying again creates nothing: every hit is skipped as already coded, and there is no batch to undo
        as(team.coder()).body(request).post(team.path("/search/autocode")).then().statusCode(200)
                .body("created", equalTo(0)).body("alreadyCoded", equalTo(3)).body("batchId", nullValue());
        as(team.coder()).get(team.path("/codings?documentId=" + doc)).then().body("size()", equalTo(3));

        as(team.coder2()).post(team.path("/codings/batches/" + batch + "/undo")).then().statusCode(403);
        as(team.coder()).post(team.path("/codings/batches/" + batch + "/undo")).then().statusCode(200)
                .body("removed", equalTo(3));
        as(team.coder()).get(team.path("/codings?documentId=" + doc)).then().body("size()", equalTo(0));
        as(team.coder()).queryParam("q", "code:\"Broker role\"").get(team.path("/search")).then().body("total", equalTo(0));
        as(team.coder()).post(team.path("/codings/batches/" + batch + "/undo")).then().statusCode(409);
    }

    @Test
    void existingIdenticalCodingsAreSkippedAndCountedAndUndoRemovesOnlyWhatTheBatchMade() {
        Team team = Api.team("Auto-coding beside hand coding");
        long doc = Api.importText(team.supervisor(), team.projectId(), "p04.txt", TEXT, null);
        long broker = Api.newCode(team.supervisor(), team.projectId(), "Broker role", null);
        int sentence = TEXT.indexOf("We paid the broker later.");
        long byHand = Api.code(team.coder(), team.projectId(), doc, broker, sentence, sentence + "We paid the broker later.".length());
        int batch = as(team.coder()).body(Map.of("q", "broker", "unit", "sentence", "codeId", broker))
                .post(team.path("/search/autocode")).then().statusCode(201)
                .body("created", equalTo(2)).body("alreadyCoded", equalTo(1)).extract().path("batchId");
        as(team.coder()).post(team.path("/codings/batches/" + batch + "/undo")).then().statusCode(200)
                .body("removed", equalTo(2));
        as(team.coder()).get(team.path("/codings?documentId=" + doc)).then().body("id", contains((int) byHand));
    }

    @Test
    void twoIdenticalAutoCodingsAtOnceCodeEachHitOnce() throws Exception {
        Team team = Api.team("Auto-coding twice at once");
        long doc = Api.importText(team.supervisor(), team.projectId(), "p04.txt", TEXT, null);
        long broker = Api.newCode(team.supervisor(), team.projectId(), "Broker role", null);
        String body = new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(
                Map.of("q", "broker", "unit", "sentence", "codeId", broker));
        var answers = app.margin.support.Concurrently.send(4, team.coder(), "POST", team.path("/search/autocode"), body,
                Map.of());
        var bodies = answers.stream().map(a -> io.restassured.path.json.JsonPath.from(a.body())).toList();
        org.junit.jupiter.api.Assertions.assertEquals(3, bodies.stream().mapToInt(b -> b.getInt("created")).sum(),
                () -> answers.toString());
        org.junit.jupiter.api.Assertions.assertTrue(answers.stream().allMatch(a -> a.status() == 200 || a.status() == 201),
                () -> answers.toString());
        as(team.coder()).get(team.path("/codings?documentId=" + doc)).then().body("size()", equalTo(3));
        // each batch undoes exactly what it made
        for (var b : bodies) {
            if (b.get("batchId") != null) {
                as(team.coder()).post(team.path("/codings/batches/" + b.getLong("batchId") + "/undo")).then()
                        .statusCode(200).body("removed", equalTo(b.getInt("created")));
            }
        }
        as(team.coder()).get(team.path("/codings?documentId=" + doc)).then().body("size()", equalTo(0));
    }

    @Test
    void badAutoCodingRequestsAreExplained() {
        Team team = Api.team("Auto-coding errors");
        long code = Api.newCode(team.supervisor(), team.projectId(), "Broker role", null);
        as(team.coder()).body(Map.of("q", "broker")).post(team.path("/search/autocode")).then().statusCode(400)
                .body("detail", containsString("codeId"));
        as(team.coder()).body(Map.of("codeId", code)).post(team.path("/search/autocode")).then().statusCode(400)
                .body("detail", containsString("needs a query"));
        as(team.coder()).body(Map.of("q", "broker AND (", "codeId", code)).post(team.path("/search/autocode"))
                .then().statusCode(400).body("column", notNullValue());
        as(team.viewer()).body(Map.of("q", "broker", "codeId", code)).post(team.path("/search/autocode"))
                .then().statusCode(403);
        as(team.coder()).post(team.path("/codings/batches/99999/undo")).then().statusCode(404);
    }
}
