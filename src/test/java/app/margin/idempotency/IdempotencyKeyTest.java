package app.margin.idempotency;

import static app.margin.support.Api.as;
import static org.hamcrest.Matchers.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.margin.support.Api;
import app.margin.support.Api.Team;
import app.margin.support.Concurrently;
import app.margin.support.Concurrently.Answer;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every changing request may carry an Idempotency-Key: carried out once, repeats get the stored answer. */
@QuarkusTest
class IdempotencyKeyTest {
    static final String TEXT = "The broker took my money. Then the debt grew every month.";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    EntityManager em;

    Team team;
    long doc;
    long code;

    @BeforeEach
    void setUp() {
        team = Api.team("Idempotency");
        doc = Api.importText(team.supervisor(), team.projectId(), "p07.txt", TEXT, null);
        code = Api.newCode(team.supervisor(), team.projectId(), "Cost and debt", null);
    }

    static String newKey() {
        return UUID.randomUUID().toString();
    }

    Map<String, Object> memo(String body) {
        return Map.of("targetType", "DOCUMENT", "targetId", doc, "body", body);
    }

    int memoCount() {
        return as(team.coder()).get(team.path("/memos?targetType=DOCUMENT&targetId=" + doc)).then().extract()
                .jsonPath().getList("$").size();
    }

    @Test
    void aMemoSentTwiceWithOneKeyIsWrittenOnceAndTheRepeatGetsTheSameAnswer() {
        String key = newKey();
        Response first = as(team.coder()).header("Idempotency-Key", key).body(memo("Money comes up again."))
                .post(team.path("/memos"));
        first.then().statusCode(201).header("Idempotent-Replayed", nullValue());
        Response repeat = as(team.coder()).header("Idempotency-Key", key).body(memo("Money comes up again."))
                .post(team.path("/memos"));
        repeat.then().statusCode(201).header("Idempotent-Replayed", "true").contentType("application/json");
        assertEquals(first.asString(), repeat.asString());
        assertEquals(1, memoCount());
        // without a key, the same request is a second memo, as before
        as(team.coder()).body(memo("Money comes up again.")).post(team.path("/memos")).then().statusCode(201);
        assertEquals(2, memoCount());
    }

    @Test
    void theSameKeyForAnotherRequestIsRefusedWith422() {
        String key = newKey();
        as(team.coder()).header("Idempotency-Key", key).body(memo("First.")).post(team.path("/memos")).then().statusCode(201);
        as(team.coder()).header("Idempotency-Key", key).body(memo("Second.")).post(team.path("/memos")).then()
                .statusCode(422).contentType("application/problem+json")
                .body("detail", containsString("same address with a different body"));
        as(team.coder()).header("Idempotency-Key", key)
                .body(Map.of("documentId", doc, "codeId", code, "start", 0, "end", 3)).post(team.path("/codings")).then()
                .statusCode(422).body("detail", containsString("a different request (POST " + team.path("/memos") + ")"));
        assertEquals(1, memoCount());
        as(team.coder()).get(team.path("/codings?documentId=" + doc)).then().body("size()", equalTo(0));
    }

    @Test
    void aKeySentTwentyTimesAtOnceChangesOnce() throws Exception {
        String key = newKey();
        String body = JSON.writeValueAsString(memo("Said at once."));
        List<Answer> answers = Concurrently.send(20, team.coder(), "POST", team.path("/memos"), body,
                Map.of("Idempotency-Key", key));
        assertEquals(1, memoCount());
        List<Answer> carriedOut = answers.stream().filter(a -> a.status() == 201 && a.header("Idempotent-Replayed") == null).toList();
        assertEquals(1, carriedOut.size(), () -> "answers " + answers.stream().map(Answer::status).toList());
        for (Answer a : answers) {
            if (a.status() == 201) {
                assertEquals(carriedOut.getFirst().body(), a.body(), "a replay is the first answer");
            } else {
                assertEquals(409, a.status(), a.body());
                assertTrue(a.body().contains("still being processed"), a.body());
                assertEquals("1", a.header("Retry-After"));
            }
        }
    }

    @Test
    void keysBelongToTheirUser() {
        String key = newKey();
        as(team.coder()).header("Idempotency-Key", key).body(memo("Mine.")).post(team.path("/memos")).then().statusCode(201);
        as(team.coder2()).header("Idempotency-Key", key).body(memo("Mine.")).post(team.path("/memos")).then()
                .statusCode(201).header("Idempotent-Replayed", nullValue());
        assertEquals(2, memoCount());
    }

    @Test
    void aRoundCreatedTwiceWithOneKeyIsOneRoundAlsoWhenTheRepeatsArriveTogether() throws Exception {
        Map<String, Object> round = new HashMap<>();
        round.put("name", "Pilot");
        round.put("documentIds", List.of(doc));
        round.put("coders", List.of(team.coder(), team.coder2()));
        round.put("codeIds", List.of(code));
        String key = newKey();
        List<Answer> answers = Concurrently.send(5, team.supervisor(), "POST", team.path("/agreement/rounds"),
                JSON.writeValueAsString(round), Map.of("Idempotency-Key", key));
        assertTrue(answers.stream().allMatch(a -> a.status() == 201 || a.status() == 409), answers::toString);
        as(team.supervisor()).header("Idempotency-Key", key).body(round).post(team.path("/agreement/rounds")).then()
                .statusCode(201).header("Idempotent-Replayed", "true")
                .header("Location", endsWith(team.path("/agreement/rounds/")
                        + JSON.readTree(answers.stream().filter(a -> a.status() == 201).findFirst().orElseThrow().body())
                        .get("id").asLong()));
        as(team.supervisor()).get(team.path("/agreement/rounds")).then().body("size()", equalTo(1));
    }

    @Test
    void autoCodingAppliedTwiceWithOneKeyIsOneBatch() {
        Map<String, Object> request = Map.of("q", "broker", "unit", "sentence", "codeId", code);
        String key = newKey();
        Response first = as(team.coder()).header("Idempotency-Key", key).body(request).post(team.path("/search/autocode"));
        first.then().statusCode(201).body("created", equalTo(1));
        Response repeat = as(team.coder()).header("Idempotency-Key", key).body(request).post(team.path("/search/autocode"));
        repeat.then().statusCode(201).header("Idempotent-Replayed", "true");
        assertEquals(first.asString(), repeat.asString());
        as(team.coder()).get(team.path("/codings?documentId=" + doc)).then().body("size()", equalTo(1));
    }

    @Test
    void anImportRepeatedWithOneKeyImportsOnceAndAnotherFileWithTheKeyIs422() {
        String key = newKey();
        byte[] file = "A second interview.".getBytes(StandardCharsets.UTF_8);
        Response first = Api.raw(team.supervisor()).header("Idempotency-Key", key)
                .multiPart("file", "p08.txt", file, "text/plain").post(team.path("/documents"));
        first.then().statusCode(201);
        Response repeat = Api.raw(team.supervisor()).header("Idempotency-Key", key)
                .multiPart("file", "p08.txt", file, "text/plain").post(team.path("/documents"));
        repeat.then().statusCode(201).header("Idempotent-Replayed", "true");
        assertEquals(first.asString(), repeat.asString());
        Api.raw(team.supervisor()).header("Idempotency-Key", key)
                .multiPart("file", "p08.txt", "Another text.".getBytes(StandardCharsets.UTF_8), "text/plain")
                .post(team.path("/documents")).then().statusCode(422);
        as(team.supervisor()).get(team.path("/documents")).then().body("size()", equalTo(2));
    }

    @Test
    void projectsCodesAndMembersAreEachCreatedOnce() {
        String projectKey = newKey();
        Map<String, Object> project = Map.of("name", "Once", "description", "made once");
        long pid = as(team.owner()).header("Idempotency-Key", projectKey).body(project).post("/api/v1/projects").then()
                .statusCode(201).extract().jsonPath().getLong("id");
        as(team.owner()).header("Idempotency-Key", projectKey).body(project).post("/api/v1/projects").then()
                .statusCode(201).body("id", equalTo((int) pid));
        as(team.owner()).get("/api/v1/projects").then().body("findAll { it.name == 'Once' }.size()", equalTo(1));

        String codeKey = newKey();
        Map<String, Object> newCode = Map.of("name", "Debt");
        long codeId = as(team.owner()).header("Idempotency-Key", codeKey).body(newCode)
                .post("/api/v1/projects/" + pid + "/codes").then().statusCode(201).extract().jsonPath().getLong("id");
        as(team.owner()).header("Idempotency-Key", codeKey).body(newCode).post("/api/v1/projects/" + pid + "/codes")
                .then().statusCode(201).body("id", equalTo((int) codeId)).header("Idempotent-Replayed", "true");

        String memberKey = newKey();
        Map<String, Object> member = Map.of("username", team.coder(), "role", "CODER");
        as(team.owner()).header("Idempotency-Key", memberKey).body(member).post("/api/v1/projects/" + pid + "/members")
                .then().statusCode(201);
        as(team.owner()).header("Idempotency-Key", memberKey).body(member).post("/api/v1/projects/" + pid + "/members")
                .then().statusCode(201).header("Idempotent-Replayed", "true");
        as(team.owner()).get("/api/v1/projects/" + pid + "/members").then().body("size()", equalTo(2));
    }

    @Test
    void aRefusalIsReplayedButAConflictLeavesTheKeyFreeToTryAgain() {
        String key = newKey();
        Map<String, Object> outside = Map.of("documentId", doc, "codeId", code, "start", 0, "end", 10_000);
        as(team.coder()).header("Idempotency-Key", key).body(outside).post(team.path("/codings")).then().statusCode(400);
        as(team.coder()).header("Idempotency-Key", key).body(outside).post(team.path("/codings")).then().statusCode(400)
                .header("Idempotent-Replayed", "true").body("detail", containsString("outside the document"));

        long existing = Api.code(team.coder(), team.projectId(), doc, code, 0, 3);
        String again = newKey();
        Map<String, Object> identical = Map.of("documentId", doc, "codeId", code, "start", 0, "end", 3);
        as(team.coder()).header("Idempotency-Key", again).body(identical).post(team.path("/codings")).then()
                .statusCode(409).body("existingCodingId", equalTo((int) existing));
        assertNull(row(team.coder(), again), "a 409 that changed nothing does not keep the key");
        as(team.coder()).delete(team.path("/codings/" + existing)).then().statusCode(204);
        as(team.coder()).header("Idempotency-Key", again).body(identical).post(team.path("/codings")).then()
                .statusCode(201).header("Idempotent-Replayed", nullValue());
        assertEquals("DONE", row(team.coder(), again)[0]);
    }

    @Test
    void aKeyWhoseRequestIsStillRunningAnswers409WithRetryAfter() {
        String key = newKey();
        long userId = userId(team.coder());
        byte[] running = body(memo("Running."));
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("insert into idempotency_key (user_id, key_hash, "
                        + "method, path, request_hash, state, created_at, expires_at) values (?1, ?2, 'POST', ?3, ?4, "
                        + "'APPLIED', ?5, ?6)")
                .setParameter(1, userId).setParameter(2, RequestFingerprint.ofKey(key)).setParameter(3, team.path("/memos"))
                .setParameter(4, RequestFingerprint.ofBody("POST", team.path("/memos"), null, running))
                .setParameter(5, Instant.now()).setParameter(6, Instant.now().plusSeconds(3600)).executeUpdate());
        as(team.coder()).header("Idempotency-Key", key).body(running).post(team.path("/memos")).then()
                .statusCode(409).header("Retry-After", "1").body("detail", containsString("still being processed"));
        assertEquals(0, memoCount());
    }

    @Test
    void anExpiredKeyIsForgottenAndTheRequestCarriedOutAgain() {
        String key = newKey();
        as(team.coder()).header("Idempotency-Key", key).body(memo("Once a day.")).post(team.path("/memos")).then().statusCode(201);
        long userId = userId(team.coder());
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("update idempotency_key set expires_at = ?1 "
                        + "where user_id = ?2 and key_hash = ?3").setParameter(1, Instant.now().minusSeconds(1))
                .setParameter(2, userId).setParameter(3, RequestFingerprint.ofKey(key)).executeUpdate());
        as(team.coder()).header("Idempotency-Key", key).body(memo("Once a day.")).post(team.path("/memos")).then()
                .statusCode(201).header("Idempotent-Replayed", nullValue());
        assertEquals(2, memoCount());
    }

    @Test
    void theKeyTableHoldsNeitherTheKeyNorTheRequestButTheAnswer() {
        String key = "my-own-key-" + newKey();
        as(team.coder()).header("Idempotency-Key", "\"" + key + "\"").body(memo("Sensitive words here."))
                .post(team.path("/memos")).then().statusCode(201);
        Object[] stored = QuarkusTransaction.requiringNew().call(() -> (Object[]) em.createNativeQuery(
                        "select key_hash, request_hash, body from idempotency_key where user_id = ?1 and key_hash = ?2")
                .setParameter(1, userId(team.coder())).setParameter(2, RequestFingerprint.ofKey(key)).getSingleResult());
        assertEquals(64, ((String) stored[0]).length());
        assertEquals(64, ((String) stored[1]).length());
        assertTrue(((String) stored[2]).contains("Sensitive words here."), "the answer (which holds the memo) is kept");
        // the quoted form of the draft and the bare form are the same key
        as(team.coder()).header("Idempotency-Key", key).body(memo("Sensitive words here.")).post(team.path("/memos"))
                .then().statusCode(201).header("Idempotent-Replayed", "true");
    }

    @Test
    void aMalformedKeyIsRefusedAndSafeRequestsIgnoreTheHeader() {
        as(team.coder()).header("Idempotency-Key", "has spaces in it").body(memo("x")).post(team.path("/memos")).then()
                .statusCode(400).body("detail", containsString("Idempotency-Key"));
        as(team.coder()).header("Idempotency-Key", "k".repeat(256)).body(memo("x")).post(team.path("/memos")).then()
                .statusCode(400);
        String key = newKey();
        as(team.coder()).header("Idempotency-Key", key).get(team.path("/memos")).then().statusCode(200)
                .header("Idempotent-Replayed", nullValue());
        assertNull(row(team.coder(), key));
        assertEquals(0, memoCount());
    }

    private Object[] row(String username, String key) {
        long userId = userId(username);
        List<?> rows = QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery(
                        "select state, status from idempotency_key where user_id = ?1 and key_hash = ?2")
                .setParameter(1, userId).setParameter(2, RequestFingerprint.ofKey(key)).getResultList());
        return rows.isEmpty() ? null : (Object[]) rows.getFirst();
    }

    private long userId(String username) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                "select id from app_user where username = ?1").setParameter(1, username).getSingleResult()).longValue());
    }

    private static byte[] body(Map<String, Object> json) {
        try {
            return JSON.writeValueAsBytes(json);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
