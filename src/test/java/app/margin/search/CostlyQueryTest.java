package app.margin.search;

import app.margin.support.DatabaseIndependent;
import static app.margin.support.Api.as;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import app.margin.support.Api;
import app.margin.support.Api.Team;
import io.restassured.response.ValidatableResponse;
import io.quarkus.test.junit.QuarkusTest;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Queries built to exhaust the server (a stack of brackets, dozens of long fuzzy words) are refused by every
 * endpoint that takes a query, with a 400 problem+json saying what to simplify, and leave nothing behind.
 */
@DatabaseIndependent
@QuarkusTest
class CostlyQueryTest {
    static final String TEXT = "P04: The broker found us in Yanji. We paid the broker later.\n";
    static final String BRACKETS = "(".repeat(20_000) + "broker" + ")".repeat(20_000);
    static final String DEEP = "(".repeat(40) + "broker" + ")".repeat(40);
    static final String FUZZY = IntStream.range(0, 40)
            .mapToObj(i -> "abcdefghij".repeat(20) + "~").collect(Collectors.joining(" OR "));

    /** The query: 50 fuzzy words of 200 characters, longer than a query may be. */
    static final String FIFTY_FUZZY = IntStream.range(0, 50)
            .mapToObj(i -> "abcdefghij".repeat(20) + "~").collect(Collectors.joining(" OR "));

    private static void tooCostly(ValidatableResponse response, String what) {
        response.statusCode(400).contentType("application/problem+json").body("status", equalTo(400))
                .body("detail", containsString("This search is too costly to run: ")).body("detail", containsString(what));
    }

    @Test
    void everyEndpointWithAQueryRefusesCostlyOnes() {
        Team team = Api.team("Costly queries");
        long doc = Api.importText(team.supervisor(), team.projectId(), "p04.txt", TEXT, null);
        long broker = Api.newCode(team.supervisor(), team.projectId(), "Broker role", null);
        int auditBefore = as(team.supervisor()).get(team.path("/audit")).then().extract().jsonPath().getList("$").size();

        for (String q : new String[] {BRACKETS, FIFTY_FUZZY, FUZZY}) {
            String what = q == FUZZY ? "margin.search.max-fuzzy-length" : "margin.search.max-query-length";
            Map<String, Object> request = Map.of("q", q, "codeId", broker);
            tooCostly(as(team.coder()).body(request).post(team.path("/search/autocode/preview")).then(), what);
            tooCostly(as(team.coder()).body(request).post(team.path("/search/autocode")).then(), what);
        }
        Map<String, Object> deep = Map.of("q", DEEP, "codeId", broker);
        tooCostly(as(team.coder()).body(deep).post(team.path("/search/autocode/preview")).then(), "nested more than 32 deep");
        // the endpoints whose query travels in the address: a deep one fits in it
        tooCostly(as(team.coder()).queryParam("q", DEEP).get(team.path("/search")).then(), "margin.search.max-query-depth");
        tooCostly(as(team.coder()).queryParam("q", DEEP).get(team.path("/export/segments")).then(), "max-query-depth");
        tooCostly(as(team.coder()).queryParam("q", DEEP).get(team.path("/cooccurrence")).then(), "max-query-depth");
        tooCostly(as(team.coder()).queryParam("q", "a~ b~ c~ d~ e~ f~ g~ h~ i~ j~ k~").get(team.path("/search")).then(),
                "margin.search.max-fuzzy-terms");
        // scope=code puts its code in quotes: brackets there are part of a name, not nesting
        as(team.coder()).queryParam("scope", "code").queryParam("code", DEEP).get(team.path("/search")).then()
                .statusCode(400).body("detail", containsString("There is no code"));

        as(team.coder()).get(team.path("/codings?documentId=" + doc)).then().body("size()", equalTo(0));
        as(team.supervisor()).get(team.path("/audit")).then().body("size()", equalTo(auditBefore));
        // a reasonable query still works
        as(team.coder()).queryParam("q", "(brokr~1 OR yanj*) AND paid").get(team.path("/search")).then().statusCode(200)
                .body("total", equalTo(1));
    }
}
