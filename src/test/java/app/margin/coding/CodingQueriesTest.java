package app.margin.coding;

import static app.margin.support.Api.as;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.margin.support.Api;
import app.margin.support.Api.Team;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManagerFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hibernate.SessionFactory;
import org.hibernate.stat.Statistics;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the coding lists cost in statements, counted with Hibernate's statistics: a code's segments, the memo list and
 * a batch undo make a fixed number of statements however many documents, memos or codings they cover (each made one
 * or two per document, memo or coding before). And the project home's counts and the paged list give the same
 * answers as the whole list.
 */
@QuarkusTest
@TestProfile(StatisticsProfile.class)
class CodingQueriesTest {
    static final String TEXT = """
            Interviewer: How did you come?
            P04: The broker found us in Yanji. We paid the broker later.
            Interviewer: And then?
            P04: A second broker took us to Laos.
            """;
    /**
     * What a request may make: signing in, the access check and the visibility rule take about 8 statements, the
     * lists 3 to 5 more (measured: segments 13, memos 11, counts 9, undo 21 with the index's update of its document).
     * One statement per document, memo or coding, as before, would make 30 to 140.
     */
    static final int FEW = 16;

    @Inject
    EntityManagerFactory factory;

    Team team;
    long code;
    List<Long> documents = new ArrayList<>();

    @BeforeEach
    void setUp() {
        team = Api.team("Queries");
        code = Api.newCode(team.supervisor(), team.projectId(), "Broker role", null);
        for (int i = 0; i < 20; i++) {
            documents.add(Api.importText(team.supervisor(), team.projectId(), "p" + i + ".txt", TEXT, null));
        }
    }

    /** Statements prepared while {@code request} runs (the index is brought up to date first, so it adds none). */
    long statements(Runnable request) {
        // (statistics count every thread: a change's index update after the request is counted too)
        as(team.supervisor()).queryParam("q", "broker").get(team.path("/search")).then().statusCode(200);
        Statistics statistics = factory.unwrap(SessionFactory.class).getStatistics();
        statistics.clear();
        request.run();
        return statistics.getPrepareStatementCount();
    }

    @Test
    void aCodesSegmentsAcrossTwentyDocumentsTakeAFewStatements() {
        int broker = TEXT.indexOf("broker");
        documents.forEach(d -> Api.code(team.coder(), team.projectId(), d, code, broker, broker + 6));
        long made = statements(() -> as(team.coder()).get(team.path("/codes/" + code + "/segments")).then()
                .statusCode(200).body("size()", equalTo(20)).body("[0].speaker", equalTo("P04"))
                .body("[0].text", equalTo("broker")).body("[19].before", containsString("The ")));
        assertTrue(made <= FEW, "segments of 20 documents took " + made + " statements");
    }

    @Test
    void theMemoListChecksTheCodingsOfTwentyMemosAtOnce() {
        for (long d : documents) {
            long coding = Api.code(team.coder(), team.projectId(), d, code, 0, 11);
            as(team.coder()).body(Map.of("targetType", "CODING", "targetId", coding, "body", "on " + d))
                    .post(team.path("/memos")).then().statusCode(201);
        }
        Api.code(team.coder2(), team.projectId(), documents.getFirst(), code, 0, 11);
        long made = statements(() -> as(team.coder()).get(team.path("/memos")).then().statusCode(200)
                .body("size()", equalTo(20)));
        assertTrue(made <= FEW, "the memo list of 20 coding memos took " + made + " statements");
        // a coder does not see memos on codings of another coder's layer
        long hidden = as(team.coder2()).get(team.path("/codings?coder=" + team.coder2())).then().extract().jsonPath()
                .getLong("[0].id");
        as(team.coder2()).body(Map.of("targetType", "CODING", "targetId", hidden, "body", "mine"))
                .post(team.path("/memos")).then().statusCode(201);
        as(team.coder()).get(team.path("/memos")).then().body("size()", equalTo(20));
        as(team.supervisor()).get(team.path("/memos")).then().body("size()", equalTo(21));
    }

    @Test
    void undoingABatchOfSixtyCodingsTakesAFewStatements() {
        // one document, so that the index's update after the undo (a few statements per document) stays small
        long doc = Api.importText(team.supervisor(), team.projectId(), "p99.txt",
                "P09: The smuggler waited. ".repeat(60), null);
        int batch = as(team.coder()).body(Map.of("q", "smuggler", "unit", "sentence", "codeId", code))
                .post(team.path("/search/autocode")).then().statusCode(201).body("created", equalTo(60))
                .extract().path("batchId");
        List<Long> made = as(team.coder()).get(team.path("/codings?documentId=" + doc)).then().extract().jsonPath()
                .getList("id", Long.class);
        as(team.coder()).body(Map.of("targetType", "CODING", "targetId", made.getFirst(), "body", "a note"))
                .post(team.path("/memos")).then().statusCode(201);
        as(team.coder()).delete(team.path("/codings/" + made.getLast())).then().statusCode(204);
        long statements = statements(() -> as(team.coder()).post(team.path("/codings/batches/" + batch + "/undo"))
                .then().statusCode(200).body("removed", equalTo(59)).body("alreadyGone", equalTo(1)));
        assertTrue(statements <= FEW + 8, "undoing 60 codings took " + statements + " statements");
        as(team.coder()).get(team.path("/codings")).then().body("size()", equalTo(0));
        as(team.coder()).get(team.path("/memos?targetType=CODING")).then().body("size()", equalTo(0));
        as(team.coder()).post(team.path("/codings/batches/" + batch + "/undo")).then().statusCode(409);
        as(team.coder2()).post(team.path("/codings/batches/" + batch + "/undo")).then().statusCode(403)
                .body("detail", containsString(team.coder()));
    }

    @Test
    void theCountsArePerDocumentCoderAndLayerOfWhatTheCallerMaySee() {
        long d1 = documents.get(0);
        long d2 = documents.get(1);
        Api.code(team.coder(), team.projectId(), d1, code, 0, 11);
        Api.code(team.coder(), team.projectId(), d1, code, 12, 20);
        Api.code(team.coder2(), team.projectId(), d1, code, 0, 11);
        Api.code(team.coder2(), team.projectId(), d2, code, 0, 11);
        as(team.supervisor()).get(team.path("/codings/counts")).then().statusCode(200)
                .body("size()", equalTo(3))
                .body("[0].documentId", equalTo((int) d1)).body("[0].coder", equalTo(team.coder()))
                .body("[0].layer", equalTo("CODER")).body("[0].codings", equalTo(2))
                .body("[1].coder", equalTo(team.coder2())).body("[1].codings", equalTo(1))
                .body("[2].documentId", equalTo((int) d2));
        // a coder counts only the layers they may see, as in GET …/codings
        as(team.coder()).get(team.path("/codings/counts")).then().body("size()", equalTo(1))
                .body("[0].codings", equalTo(2));
        as(team.outsider()).get(team.path("/codings/counts")).then().statusCode(404);
        long made = statements(() -> as(team.supervisor()).get(team.path("/codings/counts")).then().statusCode(200));
        assertTrue(made <= FEW, "the counts took " + made + " statements");
    }

    @Test
    void pagesWalkTheWholeListInItsOrderAndSayWhereTheNextStarts() {
        for (long d : documents.subList(0, 4)) {
            Api.code(team.coder(), team.projectId(), d, code, 12, 20);
            Api.code(team.coder(), team.projectId(), d, code, 0, 11);
            Api.code(team.coder2(), team.projectId(), d, code, 0, 11);
        }
        List<Object> whole = as(team.supervisor()).get(team.path("/codings")).then().extract().jsonPath().getList("id");
        assertEquals(12, whole.size());
        List<Object> paged = new ArrayList<>();
        String next = team.path("/codings?limit=5");
        int pages = 0;
        while (next != null) {
            Response page = as(team.supervisor()).get(next).then().statusCode(200).extract().response();
            paged.addAll(page.jsonPath().getList("id"));
            next = nextOf(page.header("Link"));
            pages++;
        }
        assertEquals(whole, paged);
        assertEquals(3, pages);
        // the filters apply to pages too, and the last full page says there is nothing after it
        Response coder2 = as(team.supervisor()).get(team.path("/codings?limit=4&coder=" + team.coder2())).then()
                .body("size()", equalTo(4)).extract().response();
        assertNull(coder2.header("Link"));
        as(team.supervisor()).get(team.path("/codings?limit=" + (CodingService.MAX_PAGE + 1))).then().statusCode(400)
                .body("detail", containsString("1 to " + CodingService.MAX_PAGE));
        as(team.supervisor()).get(team.path("/codings?limit=5&after=banana")).then().statusCode(400)
                .body("detail", containsString("Link header"));
    }

    /** The path and query of a Link header's rel="next" URL, or null. */
    private static String nextOf(String link) {
        if (link == null) {
            return null;
        }
        Matcher m = Pattern.compile("<https?://[^/]+([^>]*)>;\\s*rel=\"next\"").matcher(link);
        return m.find() ? m.group(1) : null;
    }
}
