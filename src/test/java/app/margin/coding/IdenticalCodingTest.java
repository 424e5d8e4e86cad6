package app.margin.coding;

import static app.margin.support.Api.as;
import static org.hamcrest.Matchers.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

import app.margin.support.Api;
import app.margin.support.Api.Team;
import app.margin.support.Concurrently;
import app.margin.support.Concurrently.Answer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import app.margin.problem.ProblemMappers;
import app.margin.problem.SqlFailures;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A coding is unique per layer, coder, code, document and range, also under truly concurrent requests. */
@QuarkusTest
class IdenticalCodingTest {
    static final String TEXT = "The broker took my money. Then the debt grew every month.";
    private static final ObjectMapper JSON = new ObjectMapper();

    Team team;
    long doc;
    long code;

    @BeforeEach
    void setUp() {
        team = Api.team("Identical codings");
        doc = Api.importText(team.supervisor(), team.projectId(), "p07.txt", TEXT, null);
        code = Api.newCode(team.supervisor(), team.projectId(), "Cost and debt", null);
    }

    @Test
    void twentyIdenticalCodingsSentAtOnceMakeOneAndEveryOtherAnswerNamesIt() throws Exception {
        warmUp();
        String body = JSON.writeValueAsString(Map.of("documentId", doc, "codeId", code, "start", 4, "end", 10));
        List<Answer> answers = Concurrently.send(20, team.coder(), "POST", team.path("/codings"), body, Map.of());

        List<Answer> created = answers.stream().filter(a -> a.status() == 201).toList();
        List<Answer> refused = answers.stream().filter(a -> a.status() == 409).toList();
        assertEquals(1, created.size(), () -> "statuses " + answers.stream().map(Answer::status).toList());
        assertEquals(19, refused.size(), () -> "statuses " + answers.stream().map(Answer::status).toList());
        long id = JSON.readTree(created.getFirst().body()).get("id").asLong();
        Set<Long> named = refused.stream().map(a -> tree(a.body()).get("existingCodingId").asLong()).collect(Collectors.toSet());
        assertEquals(Set.of(id), named);
        for (Answer a : refused) {
            assertEquals("application/problem+json", a.header("Content-Type"));
            assertEquals("You have already applied ‘Cost and debt’ to exactly this text (coding " + id + ").",
                    tree(a.body()).get("detail").asText());
        }
        as(team.supervisor()).get(team.path("/codings?documentId=" + doc + "&coder=" + team.coder()))
                .then().body("findAll { it.start == 4 }.size()", equalTo(1)).body("find { it.start == 4 }.id", equalTo((int) id));
    }

    @Test
    void oneAdjudicationWritesTheMasterCodingAlsoWhenTwoSupervisorsDecideAtOnce() throws Exception {
        long mine = Api.code(team.coder(), team.projectId(), doc, code, 4, 10);
        Api.code(team.coder2(), team.projectId(), doc, code, 4, 24);
        Map<String, Object> round = Map.of("name", "Pilot", "documentIds", List.of(doc), "coders",
                List.of(team.coder(), team.coder2()), "codeIds", List.of(code), "blind", false);
        long rid = as(team.supervisor()).body(round).post(team.path("/agreement/rounds")).then().statusCode(201)
                .extract().jsonPath().getLong("id");
        String accept = JSON.writeValueAsString(Map.of("decision", "ACCEPT", "documentId", doc, "codeId", code,
                "codingIds", List.of(mine)));
        String path = team.path("/agreement/rounds/" + rid + "/adjudications");
        // the same supervisor twice (a double click) and the owner, all at the same moment
        List<Answer> answers = Concurrently.send(List.of(
                new Concurrently.Request(team.supervisor(), "POST", path, accept, Map.of()),
                new Concurrently.Request(team.supervisor(), "POST", path, accept, Map.of()),
                new Concurrently.Request(team.owner(), "POST", path, accept, Map.of())));
        assertEquals(List.of(201, 409, 409), answers.stream().map(Answer::status).sorted().toList(), answers::toString);
        long master = as(team.supervisor()).get(team.path("/codings?layer=MASTER")).then().body("size()", equalTo(1))
                .extract().jsonPath().getLong("[0].id");
        for (Answer a : answers.stream().filter(a -> a.status() == 409).toList()) {
            assertEquals(master, tree(a.body()).get("existingCodingId").asLong(), a.body());
            assertEquals("The master layer already has ‘Cost and debt’ on exactly this text (coding " + master + ").",
                    tree(a.body()).get("detail").asText());
        }
        as(team.supervisor()).get(team.path("/agreement/rounds/" + rid + "/adjudications")).then().body("size()", equalTo(1));
    }

    @Test
    void aViolationThatSurfacesOnlyAtCommitIsStillRecognisedAndAnswered409() {
        Api.code(team.coder(), team.projectId(), doc, code, 4, 10);
        long b = Api.code(team.coder(), team.projectId(), doc, code, 11, 15);
        // a change Hibernate flushes only when the transaction commits: the failure comes out of the commit, wrapped
        RuntimeException failure = org.junit.jupiter.api.Assertions.assertThrows(RuntimeException.class,
                () -> QuarkusTransaction.requiringNew().run(() -> {
                    Coding moved = Coding.findById(b);
                    moved.startOffset = 4;
                    moved.endOffset = 10;
                }));
        org.junit.jupiter.api.Assertions.assertTrue(SqlFailures.isUniqueViolation(failure, IdenticalCodings.INDEX),
                failure::toString);
        assertEquals(409, new ProblemMappers().unexpected(failure).getStatus());
    }

    /**
     * Distinct codings sent at once first, so that the burst finds the server's worker threads started and its code
     * warm: a cold first request is slow enough to let the others arrive after it has committed, and then the burst
     * would test nothing.
     */
    private void warmUp() throws Exception {
        List<Concurrently.Request> distinct = new java.util.ArrayList<>();
        for (int i = 0; i < 20; i++) {
            distinct.add(new Concurrently.Request(team.coder2(), "POST", team.path("/codings"), JSON.writeValueAsString(
                    Map.of("documentId", doc, "codeId", code, "start", i, "end", 30 + i)), Map.of()));
        }
        assertEquals(Set.of(201), Concurrently.send(distinct).stream().map(Answer::status).collect(Collectors.toSet()));
    }

    @Test
    void aRepeatSentLaterIsRefusedNamingTheCodingButOthersMayCodeTheSameText() {
        long first = Api.code(team.coder(), team.projectId(), doc, code, 4, 10);
        as(team.coder()).body(Map.of("documentId", doc, "codeId", code, "start", 4, "end", 10))
                .post(team.path("/codings")).then().statusCode(409).contentType("application/problem+json")
                .body("existingCodingId", equalTo((int) first))
                .body("detail", equalTo("You have already applied ‘Cost and debt’ to exactly this text (coding " + first + ")."));
        // another coder, another code, another range: all distinct codings
        Api.code(team.coder2(), team.projectId(), doc, code, 4, 10);
        long other = Api.newCode(team.supervisor(), team.projectId(), "Broker role", null);
        Api.code(team.coder(), team.projectId(), doc, other, 4, 10);
        Api.code(team.coder(), team.projectId(), doc, code, 4, 11);
        as(team.supervisor()).get(team.path("/codings?documentId=" + doc)).then().body("size()", equalTo(4));
    }

    @Test
    void movingOrRetypingACodingOntoAnIdenticalOneIsRefused() {
        long kept = Api.code(team.coder(), team.projectId(), doc, code, 4, 10);
        long moved = Api.code(team.coder(), team.projectId(), doc, code, 11, 15);
        as(team.coder()).body(Map.of("start", 4, "end", 10, "version", 0)).put(team.path("/codings/" + moved))
                .then().statusCode(409).body("existingCodingId", equalTo((int) kept))
                .body("detail", containsString("(coding " + kept + ")"));

        long other = Api.newCode(team.supervisor(), team.projectId(), "Broker role", null);
        long retyped = Api.code(team.coder(), team.projectId(), doc, other, 4, 10);
        as(team.coder()).body(Map.of("codeId", code, "start", 4, "end", 10, "version", 0))
                .put(team.path("/codings/" + retyped)).then().statusCode(409).body("existingCodingId", equalTo((int) kept));

        // saving a coding unchanged is not a clash with itself
        as(team.coder()).body(Map.of("start", 11, "end", 15, "version", 0)).put(team.path("/codings/" + moved))
                .then().statusCode(200);
        as(team.coder()).get(team.path("/codings/" + moved)).then().body("start", equalTo(11));
    }

    @Test
    void identicalMovesSentAtOnceLeaveOneCodingThere() throws Exception {
        long a = Api.code(team.coder(), team.projectId(), doc, code, 11, 15);
        long b = Api.code(team.coder(), team.projectId(), doc, code, 16, 20);
        String body = JSON.writeValueAsString(Map.of("start", 4, "end", 10, "version", 0));
        // two different codings moved onto the same range at the same moment: at most one may get there
        List<Answer> answers = Concurrently.send(List.of(
                new Concurrently.Request(team.coder(), "PUT", team.path("/codings/" + a), body, Map.of()),
                new Concurrently.Request(team.coder(), "PUT", team.path("/codings/" + b), body, Map.of())));
        assertEquals(List.of(200, 409), answers.stream().map(Answer::status).sorted().toList());
        as(team.coder()).get(team.path("/codings?documentId=" + doc)).then().body("findAll { it.start == 4 }.size()", equalTo(1));
    }

    private static JsonNode tree(String body) {
        try {
            return JSON.readTree(body);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
