package app.margin.coding;

import static app.margin.support.Api.as;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;

import app.margin.support.Api;
import app.margin.support.Api.Team;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** GET …/codings/layers: the layers the viewer's menu offers, before and after a blind round's reveal. */
@QuarkusTest
class DocumentLayersTest {

    private static JsonPath layers(Team team, String user, long documentId) {
        return as(user).queryParam("documentId", documentId).get(team.path("/codings/layers"))
                .then().statusCode(200).extract().jsonPath();
    }

    @Test
    void aRoundPartnersLayerIsOfferedOnTheRoundsDocumentsAfterTheRevealOnly() {
        Team team = Api.team("Layers");
        long inRound = Api.importText(team.supervisor(), team.projectId(), "p01.txt", "P01: The broker took my money.\n", null);
        long outside = Api.importText(team.supervisor(), team.projectId(), "p02.txt", "P02: The church helped.\n", null);
        long code = Api.newCode(team.supervisor(), team.projectId(), "Cost", null);
        long round = as(team.supervisor()).body(Map.of("name", "Pilot", "documentIds", List.of(inRound),
                        "coders", List.of(team.coder(), team.coder2()), "codeIds", List.of(code), "blind", true))
                .post(team.path("/agreement/rounds")).then().statusCode(201).extract().jsonPath().getLong("id");

        JsonPath blind = layers(team, team.coder(), inRound);
        assertEquals(List.of(team.coder()), blind.getList("coders"), "before the reveal: only their own layer");
        assertEquals(false, blind.getBoolean("master"), "a blind round hides the master layer on its documents");
        assertEquals(false, blind.getBoolean("every"));
        assertEquals(true, layers(team, team.coder(), outside).getBoolean("master"));

        as(team.supervisor()).post(team.path("/agreement/rounds/" + round + "/reveal")).then().statusCode(200);

        JsonPath revealed = layers(team, team.coder(), inRound);
        assertEquals(List.of(team.coder(), team.coder2()).stream().sorted().toList(), revealed.getList("coders"));
        assertEquals(true, revealed.getBoolean("master"));
        assertEquals(List.of(team.coder()), layers(team, team.coder(), outside).getList("coders"),
                "the partner's layer only on the round's documents");
        assertEquals(List.of(team.viewer()), layers(team, team.viewer(), inRound).getList("coders"),
                "a viewer outside the round: their own layer and the master");
        JsonPath supervisor = layers(team, team.supervisor(), inRound);
        assertEquals(true, supervisor.getBoolean("every"));
        assertEquals(true, supervisor.getBoolean("master"));
    }

    @Test
    void anUnknownOrMissingDocumentIsExplained() {
        Team team = Api.team("Layers unknown");
        as(team.coder()).queryParam("documentId", 999_999_999).get(team.path("/codings/layers"))
                .then().statusCode(404).body("detail", containsString("no document 999999999"));
        as(team.coder()).get(team.path("/codings/layers")).then().statusCode(400)
                .body(containsString("documentId"));
    }
}
