package app.margin.agreement.rounds;

import static app.margin.support.Api.as;
import static org.hamcrest.Matchers.*;

import app.margin.support.Api;
import app.margin.support.Api.Team;
import io.quarkus.test.junit.QuarkusTest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class RoundResourceTest {
    Team team;
    long docA;
    long docB;
    long code;

    @BeforeEach
    void setUp() {
        team = Api.team("Rounds");
        docA = Api.importText(team.supervisor(), team.projectId(), "a.txt", "브로커 비용. The broker took my money.", null);
        docB = Api.importText(team.supervisor(), team.projectId(), "b.txt", "Another interview entirely.", null);
        code = Api.newCode(team.supervisor(), team.projectId(), "Cost", null);
    }

    Map<String, Object> round(boolean blind) {
        Map<String, Object> body = new HashMap<>();
        body.put("name", "Pilot 10%");
        body.put("documentIds", List.of(docA));
        body.put("coders", List.of(team.coder(), team.coder2()));
        body.put("codeIds", List.of(code));
        body.put("blind", blind);
        body.put("unit", "sentence");
        return body;
    }

    long create(Map<String, Object> body) {
        return as(team.supervisor()).body(body).post(team.path("/agreement/rounds")).then().statusCode(201)
                .body("unit", equalTo("SENTENCE")).body("coders", contains(team.coder(), team.coder2()))
                .extract().jsonPath().getLong("id");
    }

    @Test
    void blindRoundHidesOtherLayersUntilRevealedAndCountsFollow() {
        Api.code(team.coder(), team.projectId(), docA, code, 0, 3);
        Api.code(team.coder2(), team.projectId(), docA, code, 4, 6);
        Api.code(team.coder2(), team.projectId(), docB, code, 0, 7);
        long rid = create(round(true));
        as(team.coder()).get(team.path("/codings")).then().statusCode(200).body("coder", everyItem(equalTo(team.coder())))
                .body("size()", equalTo(1));
        as(team.coder()).get(team.path("/codes")).then().body("find { it.id == " + code + " }.codings", equalTo(1));
        as(team.coder()).get(team.path("/codings?coder=" + team.coder2())).then().statusCode(403);
        as(team.coder()).get(team.path("/agreement/rounds")).then().statusCode(200).body("id", contains((int) rid))
                .body("[0].blind", equalTo(true));
        as(team.supervisor()).get(team.path("/codes")).then().body("find { it.id == " + code + " }.codings", equalTo(3));

        as(team.coder()).post(team.path("/agreement/rounds/" + rid + "/reveal")).then().statusCode(403);
        as(team.supervisor()).post(team.path("/agreement/rounds/" + rid + "/reveal")).then().statusCode(200)
                .body("revealed", equalTo(true));
        as(team.supervisor()).post(team.path("/agreement/rounds/" + rid + "/reveal")).then().statusCode(409);
        // revealed: the partner's layer on the round's document, but not on document B outside the round
        as(team.coder()).get(team.path("/codings")).then().body("size()", equalTo(2))
                .body("findAll { it.coder == '" + team.coder2() + "' }.documentId", contains((int) docA));
        as(team.coder()).get(team.path("/codings?coder=" + team.coder2())).then().statusCode(200)
                .body("documentId", contains((int) docA));
        as(team.coder()).get(team.path("/codes")).then().body("find { it.id == " + code + " }.codings", equalTo(2));
        long partnerCoding = as(team.coder2()).get(team.path("/codings?documentId=" + docA)).then().extract()
                .jsonPath().getLong("find { it.coder == '" + team.coder2() + "' }.id");
        as(team.coder()).get(team.path("/codings/" + partnerCoding)).then().statusCode(200);
        // the viewer is in no round: still only master and own
        as(team.viewer()).get(team.path("/codings")).then().body("size()", equalTo(0));
        as(team.viewer()).get(team.path("/agreement/rounds")).then().body("size()", equalTo(0));
    }

    @Test
    void anOpenRoundChangesNothingUntilRevealed() {
        Api.code(team.coder2(), team.projectId(), docA, code, 4, 6);
        create(round(false));
        as(team.coder()).get(team.path("/codings")).then().body("size()", equalTo(0));
    }

    @Test
    void onlySupervisorsSetUpRoundsAndBadChoicesAreExplained() {
        as(team.coder()).body(round(true)).post(team.path("/agreement/rounds")).then().statusCode(403)
                .contentType("application/problem+json");
        as(team.outsider()).body(round(true)).post(team.path("/agreement/rounds")).then().statusCode(404);
        Map<String, Object> viewer = round(true);
        viewer.put("coders", List.of(team.coder(), team.viewer()));
        as(team.owner()).body(viewer).post(team.path("/agreement/rounds")).then().statusCode(400)
                .body("detail", containsString("viewer and cannot code"));
        Map<String, Object> one = round(true);
        one.put("coders", List.of(team.coder(), team.coder()));
        as(team.owner()).body(one).post(team.path("/agreement/rounds")).then().statusCode(400)
                .body("detail", containsString("2 to 12 different coders"));
        Map<String, Object> unit = round(true);
        unit.put("unit", "word");
        as(team.owner()).body(unit).post(team.path("/agreement/rounds")).then().statusCode(400)
                .body("detail", containsString("CHARACTER, SENTENCE, TURN, PARAGRAPH, DOCUMENT"));
        Map<String, Object> doc = round(true);
        doc.put("documentIds", List.of(987_654));
        as(team.owner()).body(doc).post(team.path("/agreement/rounds")).then().statusCode(400)
                .body("detail", containsString("no document 987654"));
        Map<String, Object> stranger = round(true);
        stranger.put("coders", List.of(team.coder(), team.outsider()));
        as(team.owner()).body(stranger).post(team.path("/agreement/rounds")).then().statusCode(400)
                .body("detail", containsString("not a member"));
        Map<String, Object> noName = round(true);
        noName.remove("name");
        as(team.owner()).body(noName).post(team.path("/agreement/rounds")).then().statusCode(400)
                .contentType("application/problem+json");
        as(team.owner()).get(team.path("/agreement/rounds/987654")).then().statusCode(404);
    }

    @Test
    void deletingARoundLiftsBlindnessAndIsAudited() {
        Api.code(team.coder2(), team.projectId(), docA, code, 4, 6);
        long rid = create(round(true));
        as(team.supervisor()).delete(team.path("/agreement/rounds/" + rid)).then().statusCode(204);
        as(team.owner()).get(team.path("/audit")).then().body("action",
                hasItems("agreement.round.created", "agreement.round.deleted"));
    }
}
