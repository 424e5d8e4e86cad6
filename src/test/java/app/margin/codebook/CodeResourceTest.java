package app.margin.codebook;

import static app.margin.support.Api.as;
import static org.hamcrest.Matchers.*;

import app.margin.support.Api;
import app.margin.support.Api.Team;
import io.quarkus.test.junit.QuarkusTest;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class CodeResourceTest {

    @Test
    void supervisorBuildsAHierarchicalCodebook() {
        Team team = Api.team("Codebook");
        Map<String, Object> theme = new HashMap<>();
        theme.put("name", "The journey");
        theme.put("definition", "Leaving South Korea for the UK.");
        theme.put("color", "#8CC5E3");
        long journey = as(team.supervisor()).body(theme).post(team.path("/codes")).then().statusCode(201)
                .body("color", equalTo("#8cc5e3")).extract().jsonPath().getLong("id");
        Map<String, Object> broker = new HashMap<>();
        broker.put("name", "Broker role");
        broker.put("parentId", journey);
        broker.put("definition", "What brokers did.");
        broker.put("inclusion", "Arranging routes, papers, payment.");
        broker.put("exclusion", "Smugglers inside North Korea.");
        broker.put("example", "The broker was a Korean-Chinese woman.");
        as(team.supervisor()).body(broker).post(team.path("/codes")).then().statusCode(201)
                .body("parentId", equalTo((int) journey))
                .body("path", equalTo("The journey > Broker role"))
                .body("color", equalTo(CodeColors.shade("#8cc5e3", 0))) // a readable shade of the parent's hue
                .body("inclusion", equalTo("Arranging routes, papers, payment."));
        as(team.viewer()).get(team.path("/codes")).then().statusCode(200)
                .body("name", contains("The journey", "Broker role"));
    }

    @Test
    void codersAndViewersCannotEditTheCodebook() {
        Team team = Api.team("Codebook roles");
        for (String user : new String[] {team.coder(), team.viewer()}) {
            as(user).body(Map.of("name", "Mine")).post(team.path("/codes")).then().statusCode(403)
                    .body("detail", containsString("cannot change the codebook"));
        }
        as(team.outsider()).body(Map.of("name", "Mine")).post(team.path("/codes")).then().statusCode(404);
        Api.newCode(team.owner(), team.projectId(), "Owner may", null);
    }

    @Test
    void duplicateNameUnderTheSameParentIsRefused() {
        Team team = Api.team("Duplicates");
        long parent = Api.newCode(team.supervisor(), team.projectId(), "Life in the UK", null);
        Api.newCode(team.supervisor(), team.projectId(), "Employment", parent);
        as(team.supervisor()).body(Map.of("name", "employment", "parentId", parent)).post(team.path("/codes"))
                .then().statusCode(409).body("detail", containsString("already a code named ‘employment’"));
        Api.newCode(team.supervisor(), team.projectId(), "Employment", null);
    }

    @Test
    void badCodeInputIsExplained() {
        Team team = Api.team("Bad codes");
        as(team.supervisor()).body(Map.of("name", "X", "parentId", 999_999)).post(team.path("/codes"))
                .then().statusCode(400).body("detail", containsString("no code 999999"));
        as(team.supervisor()).body(Map.of("name", "X", "color", "red")).post(team.path("/codes"))
                .then().statusCode(400).body("detail", containsString("#rrggbb"));
        as(team.supervisor()).body("{\"name\": ").post(team.path("/codes"))
                .then().statusCode(400).contentType("application/problem+json")
                .body("detail", containsString("not valid JSON"));
        as(team.supervisor()).get(team.path("/codes/999999")).then().statusCode(404);
    }

    @Test
    void moveRefusesCyclesAndChangesThePath() {
        Team team = Api.team("Move");
        long a = Api.newCode(team.supervisor(), team.projectId(), "A", null);
        long b = Api.newCode(team.supervisor(), team.projectId(), "B", a);
        long c = Api.newCode(team.supervisor(), team.projectId(), "C", null);
        as(team.supervisor()).body(Map.of("parentId", b, "version", version(team, a))).post(team.path("/codes/" + a + "/move"))
                .then().statusCode(400).body("detail", containsString("under itself"));
        as(team.supervisor()).body(Map.of("parentId", c, "version", version(team, b))).post(team.path("/codes/" + b + "/move"))
                .then().statusCode(200).body("path", equalTo("C > B"));
        Map<String, Object> toTop = new HashMap<>();
        toTop.put("parentId", null);
        toTop.put("version", version(team, b));
        as(team.supervisor()).body(toTop).post(team.path("/codes/" + b + "/move"))
                .then().statusCode(200).body("parentId", nullValue()).body("path", equalTo("B"));
    }

    @Test
    void mergeMovesCodingsChildrenAndMemos() {
        Team team = Api.team("Merge");
        long doc = Api.importText(team.supervisor(), team.projectId(), "note.txt", "Brokers charged a lot of money.", null);
        long broker = Api.newCode(team.supervisor(), team.projectId(), "Broker", null);
        long brokers = Api.newCode(team.supervisor(), team.projectId(), "Brokers", null);
        long fees = Api.newCode(team.supervisor(), team.projectId(), "Fees", brokers);
        Api.code(team.coder(), team.projectId(), doc, broker, 0, 7);
        Api.code(team.coder(), team.projectId(), doc, brokers, 0, 7);
        Api.code(team.coder(), team.projectId(), doc, brokers, 8, 15);
        Api.code(team.coder2(), team.projectId(), doc, brokers, 0, 7);
        as(team.supervisor()).body(Map.of("targetType", "CODE", "targetId", brokers, "body", "Same as Broker?"))
                .post(team.path("/memos")).then().statusCode(201);

        as(team.supervisor()).body(Map.of("intoCodeId", broker)).post(team.path("/codes/" + brokers + "/merge"))
                .then().statusCode(200)
                .body("codingsMoved", equalTo(2)).body("duplicatesRemoved", equalTo(1))
                .body("childrenMoved", equalTo(1)).body("into.codings", equalTo(3));
        as(team.supervisor()).get(team.path("/codes/" + brokers)).then().statusCode(404);
        as(team.supervisor()).get(team.path("/codes/" + fees)).then().body("path", equalTo("Broker > Fees"));
        as(team.supervisor()).get(team.path("/codings?codeId=" + broker)).then().body("size()", equalTo(3));
        as(team.supervisor()).get(team.path("/memos?targetType=CODE&targetId=" + broker)).then()
                .body("body", contains("Same as Broker?"));
        as(team.supervisor()).body(Map.of("intoCodeId", fees)).post(team.path("/codes/" + broker + "/merge"))
                .then().statusCode(400).body("detail", containsString("its own sub-code"));
    }

    @Test
    void deleteRefusesWhileUsedUnlessCodingsAreDeletedToo() {
        Team team = Api.team("Delete codes");
        long doc = Api.importText(team.supervisor(), team.projectId(), "n.txt", "Some text to code here.", null);
        long parent = Api.newCode(team.supervisor(), team.projectId(), "Parent", null);
        long used = Api.newCode(team.supervisor(), team.projectId(), "Used", parent);
        Api.code(team.coder(), team.projectId(), doc, used, 0, 4);
        as(team.supervisor()).delete(team.path("/codes/" + parent)).then().statusCode(409)
                .body("detail", equalTo("‘Parent’ has 1 sub-code. Move it elsewhere, merge it into another code "
                        + "or delete it first.")).body("subCodes", equalTo(1));
        // in words a script's author understands, saying how to ask for each way on (not "1 coding(s)")
        as(team.supervisor()).delete(team.path("/codes/" + used)).then().statusCode(409)
                .body("detail", equalTo("‘Used’ has 1 coding. To delete it with the code, add ?codings=delete to the "
                        + "request; to keep it, merge the code into another one first.")).body("codings", equalTo(1));
        as(team.supervisor()).delete(team.path("/codes/" + used + "?codings=maybe")).then().statusCode(400);
        as(team.supervisor()).delete(team.path("/codes/" + used + "?codings=delete")).then().statusCode(204);
        as(team.supervisor()).get(team.path("/codings?documentId=" + doc)).then().body("size()", equalTo(0));
        as(team.supervisor()).delete(team.path("/codes/" + parent)).then().statusCode(204);
    }

    @Test
    void concurrentEditOfACodeGives409ToTheSecondWriter() {
        Team team = Api.team("Concurrent codes");
        long code = Api.newCode(team.supervisor(), team.projectId(), "Glass ceiling", null);
        long loaded = version(team, code);
        as(team.supervisor()).body(Map.of("name", "Glass ceiling", "definition", "First edit", "version", loaded))
                .put(team.path("/codes/" + code)).then().statusCode(200).body("definition", equalTo("First edit"));
        as(team.owner()).body(Map.of("name", "Glass ceiling", "definition", "Second edit", "version", loaded))
                .put(team.path("/codes/" + code)).then().statusCode(409)
                .body("detail", containsString("changed by someone else"));
        as(team.owner()).get(team.path("/codes/" + code)).then().body("definition", equalTo("First edit"));
        as(team.owner()).body(Map.of("name", "Glass ceiling")).put(team.path("/codes/" + code)).then()
                .statusCode(400).body("errors[0].field", equalTo("version"));
    }

    private static long version(Team team, long codeId) {
        return as(team.supervisor()).get(team.path("/codes/" + codeId)).then().extract().jsonPath().getLong("version");
    }
}
