package app.margin.coding;

import static app.margin.support.Api.as;
import static org.hamcrest.Matchers.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import app.margin.support.Api;
import app.margin.support.Api.Team;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Undo of a removal: a removed coding comes back with its memos, a removed memo comes back, only for who removed it. */
@QuarkusTest
class RemovalUndoTest {
    private static final String TEXT = "We met in the church hall every Sunday after the service.";

    private record Fixture(Team team, long doc, long code) {
    }

    private static Fixture fixture(String name) {
        Team team = Api.team(name);
        long doc = Api.importText(team.supervisor(), team.projectId(), "fn.txt", TEXT, null);
        long code = Api.newCode(team.supervisor(), team.projectId(), "Community and church", null);
        return new Fixture(team, doc, code);
    }

    private static long memo(String user, Team team, String type, long targetId, String title, String body) {
        return as(user).body(title == null ? Map.of("targetType", type, "targetId", targetId, "body", body)
                        : Map.of("targetType", type, "targetId", targetId, "title", title, "body", body))
                .post(team.path("/memos")).then().statusCode(201).extract().jsonPath().getLong("id");
    }

    @Test
    void aRemovedCodingComesBackWithItsMemosAndTheirAuthors() {
        Fixture f = fixture("Undo coding");
        Team team = f.team();
        long coding = Api.code(team.coder(), team.projectId(), f.doc(), f.code(), 14, 25);
        memo(team.coder(), team, "CODING", coding, "Why", "Key place");
        memo(team.supervisor(), team, "CODING", coding, null, "Ask about the hall's owner.");
        as(team.coder()).delete(team.path("/codings/" + coding)).then().statusCode(204);
        as(team.coder()).get(team.path("/memos?targetType=CODING&targetId=" + coding)).then().body("size()", equalTo(0));

        JsonPath restored = as(team.coder()).post(team.path("/codings/" + coding + "/restore")).then().statusCode(201)
                .body("documentId", equalTo((int) f.doc())).body("codeId", equalTo((int) f.code()))
                .body("start", equalTo(14)).body("end", equalTo(25)).body("layer", equalTo("CODER"))
                .body("coder", equalTo(team.coder())).extract().jsonPath();
        long back = restored.getLong("id");
        assertNotEquals(coding, back, "restored under a new id");
        List<Map<String, Object>> memos = as(team.supervisor()).get(team.path("/memos?targetType=CODING&targetId=" + back))
                .then().statusCode(200).extract().jsonPath().getList("$");
        assertEquals(2, memos.size());
        assertEquals(List.of(team.coder(), team.supervisor()), memos.stream().map(m -> m.get("author")).toList());
        assertEquals("Why", memos.getFirst().get("title"));
        assertEquals("Ask about the hall's owner.", memos.get(1).get("body"));
        assertEquals(Map.of("documentId", (int) f.doc(), "codeId", (int) f.code(), "start", 14, "end", 25),
                memos.getFirst().get("coding"), "a memo on a coding says where the coding lies");
        as(team.coder()).get(team.path("/codings?documentId=" + f.doc())).then().body("id", contains((int) back));
        as(team.supervisor()).get(team.path("/audit")).then().body("action", hasItem("coding.restored"));

        // once only: a second Undo finds nothing to put back
        as(team.coder()).post(team.path("/codings/" + coding + "/restore")).then().statusCode(404)
                .body("detail", containsString("no coding " + coding + " that you removed"));
    }

    @Test
    void onlyTheRemoverPutsACodingBackAndNotIntoAnotherProject() {
        Fixture f = fixture("Undo coding rules");
        Team team = f.team();
        long coding = Api.code(team.coder(), team.projectId(), f.doc(), f.code(), 0, 6);
        as(team.coder()).delete(team.path("/codings/" + coding)).then().statusCode(204);
        as(team.coder2()).post(team.path("/codings/" + coding + "/restore")).then().statusCode(404);
        as(team.owner()).post(team.path("/codings/" + coding + "/restore")).then().statusCode(404);
        as(team.viewer()).post(team.path("/codings/" + coding + "/restore")).then().statusCode(403);
        as(team.outsider()).post(team.path("/codings/" + coding + "/restore")).then().statusCode(404);
        Team other = Api.team("Someone else's");
        as(team.coder()).post(other.path("/codings/" + coding + "/restore")).then().statusCode(404);
        as(team.coder()).post(team.path("/codings/" + coding + "/restore")).then().statusCode(201);
    }

    @Test
    void aCodingWhoseCodeOrTwinReturnedMeanwhileIsRefusedWithTheReason() {
        Fixture f = fixture("Undo coding conflicts");
        Team team = f.team();
        long coding = Api.code(team.coder(), team.projectId(), f.doc(), f.code(), 0, 6);
        as(team.coder()).delete(team.path("/codings/" + coding)).then().statusCode(204);
        Api.code(team.coder(), team.projectId(), f.doc(), f.code(), 0, 6); // coded again by hand
        as(team.coder()).post(team.path("/codings/" + coding + "/restore")).then().statusCode(409)
                .body("existingCodingId", notNullValue());

        long other = Api.newCode(team.supervisor(), team.projectId(), "Gone soon", null);
        long second = Api.code(team.coder(), team.projectId(), f.doc(), other, 7, 10);
        as(team.coder()).delete(team.path("/codings/" + second)).then().statusCode(204);
        as(team.supervisor()).delete(team.path("/codes/" + other)).then().statusCode(204);
        as(team.coder()).post(team.path("/codings/" + second + "/restore")).then().statusCode(409)
                .body("detail", containsString("code of this coding has been deleted"));
    }

    @Test
    void aRemovedMemoComesBackForItsRemover() {
        Fixture f = fixture("Undo memo");
        Team team = f.team();
        long memo = memo(team.coder(), team, "DOCUMENT", f.doc(), "Sound", "Noisy recording");
        as(team.coder()).delete(team.path("/memos/" + memo)).then().statusCode(204);
        as(team.coder2()).post(team.path("/memos/" + memo + "/restore")).then().statusCode(404);
        as(team.viewer()).post(team.path("/memos/" + memo + "/restore")).then().statusCode(403);
        as(team.outsider()).post(team.path("/memos/" + memo + "/restore")).then().statusCode(404);
        as(team.coder()).post(team.path("/memos/" + memo + "/restore")).then().statusCode(201)
                .body("title", equalTo("Sound")).body("body", equalTo("Noisy recording"))
                .body("author", equalTo(team.coder())).body("targetType", equalTo("DOCUMENT"))
                .body("targetId", equalTo((int) f.doc()));
        as(team.coder()).post(team.path("/memos/" + memo + "/restore")).then().statusCode(404);
        as(team.viewer()).get(team.path("/memos?targetType=DOCUMENT&targetId=" + f.doc())).then()
                .body("body", contains("Noisy recording"));

        // an owner who removed a coder's memo puts it back with its author kept
        long theirs = memo(team.coder2(), team, "DOCUMENT", f.doc(), null, "Second broker");
        as(team.owner()).delete(team.path("/memos/" + theirs)).then().statusCode(204);
        as(team.owner()).post(team.path("/memos/" + theirs + "/restore")).then().statusCode(201)
                .body("author", equalTo(team.coder2()));
    }

    @Test
    void aMemoOnACodingThatIsGoneCannotComeBack() {
        Fixture f = fixture("Undo memo conflicts");
        Team team = f.team();
        long coding = Api.code(team.coder(), team.projectId(), f.doc(), f.code(), 0, 6);
        long memo = memo(team.coder(), team, "CODING", coding, null, "On the hall");
        as(team.coder()).delete(team.path("/memos/" + memo)).then().statusCode(204);
        as(team.coder()).delete(team.path("/codings/" + coding)).then().statusCode(204);
        as(team.coder()).post(team.path("/memos/" + memo + "/restore")).then().statusCode(409)
                .body("detail", containsString("has been removed since"));
    }
}
