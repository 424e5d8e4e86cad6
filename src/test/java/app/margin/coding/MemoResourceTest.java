package app.margin.coding;

import static app.margin.support.Api.as;
import static org.hamcrest.Matchers.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

import app.margin.support.Api;
import app.margin.support.Api.Team;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

@QuarkusTest
class MemoResourceTest {

    @Test
    void memosOnEveryKindOfTarget() {
        Team team = Api.team("Memos");
        long doc = Api.importText(team.supervisor(), team.projectId(), "fn.txt", "We met in the church hall.", null);
        long code = Api.newCode(team.supervisor(), team.projectId(), "Community and church", null);
        long coding = Api.code(team.coder(), team.projectId(), doc, code, 14, 25);
        as(team.owner()).body(Map.of("targetType", "PROJECT", "body", "Research questions")).post(team.path("/memos"))
                .then().statusCode(201).body("targetId", equalTo((int) team.projectId()));
        as(team.coder()).body(Map.of("targetType", "DOCUMENT", "targetId", doc, "body", "Noisy recording"))
                .post(team.path("/memos")).then().statusCode(201);
        as(team.supervisor()).body(Map.of("targetType", "CODE", "targetId", code, "body", "Includes mosques?"))
                .post(team.path("/memos")).then().statusCode(201);
        as(team.coder()).body(Map.of("targetType", "CODING", "targetId", coding, "title", "Why", "body", "Key place"))
                .post(team.path("/memos")).then().statusCode(201).body("author", equalTo(team.coder()));
        as(team.supervisor()).get(team.path("/memos")).then().body("size()", equalTo(4));
        as(team.coder2()).get(team.path("/memos")).then().body("targetType", not(hasItem("CODING")));
        as(team.viewer()).get(team.path("/memos?targetType=DOCUMENT&targetId=" + doc)).then()
                .body("body", contains("Noisy recording"));
    }

    @Test
    void badMemoTargetsAndRolesAreRefused() {
        Team team = Api.team("Memo rules");
        as(team.coder()).body(Map.of("targetType", "DOCUMENT", "targetId", 424_242, "body", "x"))
                .post(team.path("/memos")).then().statusCode(400).body("detail", containsString("no document 424242"));
        as(team.coder()).body(Map.of("targetType", "PARAGRAPH", "body", "x")).post(team.path("/memos"))
                .then().statusCode(400).body("detail", containsString("PROJECT, DOCUMENT, CODE, CODING"));
        as(team.coder()).body(Map.of("targetType", "PROJECT", "body", "")).post(team.path("/memos"))
                .then().statusCode(400).body("detail", containsString("needs some text"));
        as(team.viewer()).body(Map.of("targetType", "PROJECT", "body", "x")).post(team.path("/memos"))
                .then().statusCode(403);
        long memo = as(team.coder()).body(Map.of("targetType", "PROJECT", "body", "mine")).post(team.path("/memos"))
                .then().extract().jsonPath().getLong("id");
        as(team.coder2()).body(Map.of("body", "theirs", "version", 0)).put(team.path("/memos/" + memo))
                .then().statusCode(403);
        as(team.coder2()).delete(team.path("/memos/" + memo)).then().statusCode(403);
        as(team.owner()).delete(team.path("/memos/" + memo)).then().statusCode(204);
    }

    @Test
    void twoUsersSavingTheSameMemoAtOnceNeverOverwriteSilently() throws Exception {
        Team team = Api.team("Concurrent memos");
        long memo = as(team.coder()).body(Map.of("targetType", "PROJECT", "body", "v0")).post(team.path("/memos"))
                .then().extract().jsonPath().getLong("id");
        long version = as(team.coder()).get(team.path("/memos")).then().extract().jsonPath().getLong("[0].version");
        CountDownLatch go = new CountDownLatch(1);
        List<CompletableFuture<Response>> saves = new ArrayList<>();
        for (String body : List.of("edit A", "edit B")) {
            saves.add(CompletableFuture.supplyAsync(() -> {
                await(go);
                return as(team.coder()).body(Map.of("body", body, "version", version)).put(team.path("/memos/" + memo));
            }));
        }
        go.countDown();
        List<Integer> statuses = saves.stream().map(f -> f.join().statusCode()).sorted().toList();
        assertEquals(List.of(200, 409), statuses);
        String stored = as(team.coder()).get(team.path("/memos")).then().extract().jsonPath().getString("[0].body");
        String winner = saves.stream().map(CompletableFuture::join).filter(r -> r.statusCode() == 200)
                .findFirst().orElseThrow().jsonPath().getString("body");
        assertEquals(winner, stored);
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
