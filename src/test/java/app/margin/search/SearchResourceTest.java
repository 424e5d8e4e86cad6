package app.margin.search;

import static app.margin.support.Api.as;
import static org.hamcrest.Matchers.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

import app.margin.support.Api;
import app.margin.support.Api.Team;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Each query feature on a small fixed corpus, checked by the exact passages it finds ("title#turn"). */
@QuarkusTest
class SearchResourceTest {
    static final String P01 = """
            Interviewer: How did you leave?
            P01: The broker took my money. We paid the brokers in China.
            Interviewer: And in London?
            P01: There is a glass ceiling for people from the North. 브로커에게 돈을 줬어요.
            """;
    static final String P02 = """
            Interviewer: Tell me about work.
            P02: I work in a restaurant kitchen. The ceiling is made of glass.
            Interviewer: Church?
            P02: 교회 사람들이 도와줬어요. The broker was a woman.
            """;
    static final String NOTE = "Visited the church in New Malden.\n\nThe pastor spoke about brokers and debt.\n";

    static Team team;
    static Map<Long, String> titles = new java.util.HashMap<>();
    static Map<Long, List<Integer>> unitStarts = new java.util.HashMap<>();
    static long p01;
    static long p02;
    static long cost;
    static long church;

    @Inject
    ProjectIndexes indexes;

    @BeforeEach
    void corpus() {
        if (team != null) {
            return;
        }
        team = Api.team("Search");
        p01 = Api.importText(team.supervisor(), team.projectId(), "p01.txt", P01, null);
        p02 = Api.importText(team.supervisor(), team.projectId(), "p02.txt", P02, null);
        long note = Api.importText(team.supervisor(), team.projectId(), "note.txt", NOTE, "FIELD_NOTE");
        for (long doc : List.of(p01, p02, note)) {
            JsonPath d = as(team.viewer()).get(team.path("/documents/" + doc)).then().statusCode(200).extract().jsonPath();
            titles.put(doc, d.getString("title"));
            unitStarts.put(doc, d.getList("units.start", Integer.class));
        }
        as(team.supervisor()).body(Map.of("cases", List.of(
                        Map.of("case", "P01", "attributes", Map.of("gender", "female", "arrival_year", "2009")),
                        Map.of("case", "P02", "attributes", Map.of("gender", "male", "arrival_year", "2011"))),
                "documents", List.of(Map.of("documentId", p01, "case", "P01"), Map.of("documentId", p02, "case", "P02"))))
                .put(team.path("/attributes")).then().statusCode(200);
        cost = Api.newCode(team.supervisor(), team.projectId(), "Cost and debt", null);
        long community = Api.newCode(team.supervisor(), team.projectId(), "Community", null);
        church = Api.newCode(team.supervisor(), team.projectId(), "Church", community);
        int paid = P01.indexOf("The broker took");
        Api.code(team.coder(), team.projectId(), p01, cost, paid, P01.indexOf(" We paid"));
        int woman = P02.indexOf("교회");
        Api.code(team.coder2(), team.projectId(), p02, church, woman, P02.indexOf("The broker was"));
    }

    /** The passages a query finds, as "title#turn", in document order. */
    static List<String> passages(String user, String query) {
        JsonPath result = as(user).queryParam("q", query).queryParam("pageSize", 100).get(team.path("/search"))
                .then().statusCode(200).extract().jsonPath();
        List<String> found = new ArrayList<>();
        for (Map<String, Object> hit : result.<Map<String, Object>>getList("hits")) {
            long doc = ((Number) hit.get("documentId")).longValue();
            found.add(titles.get(doc) + "#" + unitStarts.get(doc).indexOf(((Number) hit.get("start")).intValue()));
        }
        return found;
    }

    static List<String> passages(String query) {
        return passages(team.supervisor(), query);
    }

    @Test
    void wordsAreFoundByTheirStemAndPhrasesInOrder() {
        assertEquals(List.of("p01#1", "p02#3", "note#1"), passages("broker"));
        assertEquals(List.of("p01#1", "p02#3", "note#1"), passages("brokers"));
        assertEquals(List.of("p01#3"), passages("\"glass ceiling\""));
        assertEquals(List.of(), passages("\"ceiling glass\""));
    }

    @Test
    void proximityBooleansWildcardsAndFuzzy() {
        assertEquals(List.of("p01#3", "p02#1"), passages("\"ceiling glass\"~3"));
        assertEquals(List.of("p01#3"), passages("\"glass ceiling\"~1"));
        assertEquals(List.of("p01#1", "note#1"), passages("broker AND NOT woman"));
        assertEquals(List.of("p01#1", "p02#3", "note#1"), passages("broker OR pastor"));
        assertEquals(List.of("p02#2", "p02#3", "note#0"), passages("church OR 교회"));
        assertEquals(List.of("p02#1"), passages("restaur*"));
        assertEquals(List.of("p02#1"), passages("kitch?n"));
        assertEquals(List.of("p01#1", "p02#3", "note#1"), passages("brokr~1"));
    }

    @Test
    void koreanIsFoundByStemAndByPartOfAWord() {
        assertEquals(List.of("p01#3"), passages("브로커"), "브로커에게 is found by its stem");
        assertEquals(List.of("p01#3"), passages("브로"), "and by a part of the word");
        assertEquals(List.of("p01#1", "p01#3", "p02#3", "note#1"), passages("브로커 OR broker"));
        assertEquals(List.of("p02#3"), passages("교회"));
        assertEquals(List.of("p01#3"), passages("돈"), "one syllable finds 돈을");
        assertEquals(List.of(), passages("커브"), "syllables in another order do not");
    }

    @Test
    void filtersOnSpeakerKindDocumentAndAttributes() {
        assertEquals(List.of("p02#1", "p02#3"), passages("speaker:P02"));
        assertEquals(List.of("note#0", "note#1"), passages("kind:field_note"));
        assertEquals(List.of("p01#1"), passages("doc:p01 broker"));
        assertEquals(List.of("p01#1"), passages("broker attr.gender:female"));
        assertEquals(List.of("p01#0", "p01#1", "p01#2", "p01#3"), passages("attr.arrival_year:[2008 TO 2010]"));
        assertEquals(List.of("p02#3"), passages("broker attr.arrival_year:[2010 TO *]"));
        assertEquals(List.of("p02#1", "p02#3"), passages("speaker:p0* AND attr.gender:male"));
    }

    @Test
    void codeAndCoderFiltersRespectTheLayersACallerMaySee() {
        assertEquals(List.of("p01#1"), passages("broker code:\"Cost and debt\""));
        assertEquals(List.of("p01#1"), passages(team.coder(), "broker code:\"Cost and debt\""));
        assertEquals(List.of(), passages(team.coder2(), "broker code:\"Cost and debt\""), "another coder's layer is hidden");
        assertEquals(List.of(), passages("code:Community"));
        assertEquals(List.of("p02#3"), passages("code:\"Community/*\""));
        assertEquals(List.of("p02#3"), passages("code:\"Community > Church\" coder:" + team.coder2()));
        assertEquals(List.of(), passages("code:Church coder:" + team.coder()));
        as(team.coder()).queryParam("q", "coder:" + team.coder2()).get(team.path("/search")).then().statusCode(400)
                .body("detail", containsString("Only supervisors and owners"));
    }

    @Test
    void segmentScopeAndSentenceUnits() {
        as(team.supervisor()).queryParam("q", "woman OR 교회").queryParam("scope", "coded").get(team.path("/search"))
                .then().statusCode(200).body("total", equalTo(1))
                .body("hits[0].codeId", equalTo((int) church)).body("hits[0].coder", equalTo(team.coder2()))
                .body("hits[0].start", equalTo(P02.indexOf("교회")));
        as(team.supervisor()).queryParam("q", "broker").queryParam("scope", "code").queryParam("code", "Cost and debt")
                .get(team.path("/search")).then().statusCode(200).body("total", equalTo(1))
                .body("hits[0].snippet", equalTo("The broker took my money."));
        as(team.supervisor()).queryParam("q", "broker doc:p01").queryParam("unit", "sentence").get(team.path("/search"))
                .then().statusCode(200).body("total", equalTo(1))
                .body("hits.snippet", contains("The broker took my money.", "We paid the brokers in China."))
                .body("hits[0].highlights[0].start", equalTo(4)).body("hits[0].highlights[0].end", equalTo(10))
                .body("hits[1].start", equalTo(P01.indexOf("We paid")));
    }

    @Test
    void linesHighlightTheWordsWhateverFiltersTheQueryHas() {
        as(team.supervisor()).queryParam("q", "broker* attr.arrival_year:[2008 TO 2010] code:\"Cost and debt\" NOT glass")
                .queryParam("unit", "sentence").get(team.path("/search")).then().statusCode(200)
                .body("total", equalTo(1))
                .body("hits.snippet", contains("The broker took my money.", "We paid the brokers in China."))
                .body("hits[0].highlights", hasSize(1))
                .body("hits[0].highlights[0].start", equalTo(4)).body("hits[0].highlights[0].end", equalTo(10))
                .body("hits[1].highlights[0].start", equalTo(12)).body("hits[1].highlights[0].end", equalTo(19));
        // Found by a filter alone: the whole passage, nothing highlighted.
        as(team.supervisor()).queryParam("q", "attr.gender:male speaker:p02 kind:transcript").get(team.path("/search"))
                .then().statusCode(200).body("total", equalTo(2)).body("hits[0].highlights", hasSize(0));
    }

    @Test
    void countsPerDocumentAndCode() {
        as(team.supervisor()).queryParam("q", "broker").get(team.path("/search")).then().statusCode(200)
                .body("total", equalTo(3))
                .body("documents.title", contains("p01", "p02", "note"))
                .body("documents.hits", contains(1, 1, 1))
                .body("codes.name", containsInAnyOrder("Cost and debt", "Church"));
        as(team.supervisor()).queryParam("q", "broker").queryParam("pageSize", 2).queryParam("page", 2)
                .get(team.path("/search")).then().statusCode(200).body("pages", equalTo(2))
                .body("hits.documentTitle", contains("note"));
    }

    @Test
    void aPassageCountsOncePerCodeAndOnlyInLayersTheCallerMaySee() {
        Team own = Api.team("Search counts");
        String text = "Interviewer: Why?\nP: The broker lied to us.\n";
        long doc = Api.importText(own.supervisor(), own.projectId(), "p.txt", text, null);
        long lies = Api.newCode(own.supervisor(), own.projectId(), "Lies", null);
        int at = text.indexOf("The broker");
        Api.code(own.coder(), own.projectId(), doc, lies, at, at + 15);
        Api.code(own.coder2(), own.projectId(), doc, lies, at, at + 15);
        as(own.supervisor()).queryParam("q", "broker").get(own.path("/search")).then().statusCode(200)
                .body("total", equalTo(1)).body("codes.name", contains("Lies")).body("codes.hits", contains(1));
        as(own.coder()).queryParam("q", "broker").get(own.path("/search")).then().statusCode(200)
                .body("codes.hits", contains(1));
        as(own.viewer()).queryParam("q", "broker").get(own.path("/search")).then().statusCode(200)
                .body("total", equalTo(1)).body("codes", empty());
    }

    /** The common mistakes, each in plain words with its place; never Lucene's grammar ("Encountered <EOF>"). */
    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "`broker \"money broker` | 8 | The query has an opening quote without a closing one (at character 8). End the phrase with another \", or remove the quote.",
        "broker) money | 7 | The query has a closing bracket ‘)’ without an opening one (at character 7). Remove it, or add the ‘(’ where the group starts.",
        "AND broker | 1 | The query starts with ‘AND’ (at character 1). Put a word before it, or remove it.",
        "broker OR | 8 | The query ends with ‘OR’ (at character 8). Put a word after it, or remove it.",
        "money speaker: | 7 | ‘speaker:’ has no value after the colon (at character 7). Write what to look for right after it, as in speaker:P07 or code:\"Cost and debt\".",
        "~1 broker | 1 | ‘~’ must come right after a word or a phrase (at character 1). Write it as brokr~1 (a word spelt up to one letter differently) or \"money broker\"~5.",
        "attr.year:[2008 TO] | 19 | The range is not complete (at character 19). A range is written [from TO to], as in attr.arrival_year:[2008 TO 2012] (* for an open end).",
    })
    void syntaxErrorsAreSaidInPlainWordsWithTheirPlace(String query, int character, String detail) {
        as(team.viewer()).queryParam("q", query).get(team.path("/search")).then().statusCode(400)
                .contentType("application/problem+json").body("detail", equalTo(detail)).body("column", equalTo(character));
    }

    @Test
    void badQueriesAreExplainedWithWhere() {
        as(team.viewer()).queryParam("q", "broker AND (money").get(team.path("/search")).then().statusCode(400)
                .contentType("application/problem+json").body("detail", equalTo("The query has an opening bracket ‘(’ "
                        + "without a closing one (at character 12). Add the ‘)’ where the group ends, or remove the ‘(’."))
                .body("column", equalTo(12));
        as(team.viewer()).queryParam("q", "colour:red").get(team.path("/search")).then().statusCode(400)
                .body("detail", containsString("Unknown filter ‘colour:’"));
        as(team.viewer()).queryParam("q", "code:Nonexistent").get(team.path("/search")).then().statusCode(400)
                .body("detail", containsString("no code ‘Nonexistent’"));
        as(team.viewer()).queryParam("q", "kind:letter").get(team.path("/search")).then().statusCode(400);
        as(team.viewer()).queryParam("scope", "code").get(team.path("/search")).then().statusCode(400);
        as(team.viewer()).queryParam("unit", "chapter").get(team.path("/search")).then().statusCode(400);
        as(team.outsider()).queryParam("q", "broker").get(team.path("/search")).then().statusCode(404);
    }

    @Test
    void aChangeIsSearchableAtOnceAndADeletedIndexIsRebuilt() {
        Team own = Api.team("Search rebuild");
        long doc = Api.importText(own.supervisor(), own.projectId(), "p03.txt", "P03: The smuggler asked for more.", null);
        as(own.viewer()).queryParam("q", "smuggler").get(own.path("/search")).then().body("total", equalTo(1));
        indexes.drop(own.projectId());
        as(own.viewer()).queryParam("q", "smuggler").get(own.path("/search")).then().body("total", equalTo(1))
                .body("hits[0].documentId", equalTo((int) doc));
        as(own.coder()).post(own.path("/search/index/rebuild")).then().statusCode(403);
        as(own.supervisor()).post(own.path("/search/index/rebuild")).then().statusCode(200).body("documents", equalTo(1));
        as(own.viewer()).queryParam("q", "smuggler").get(own.path("/search")).then().body("total", equalTo(1))
                .body("documents[0].title", equalTo("p03"));
        as(own.supervisor()).body(Map.of("title", "Interview P03")).patch(own.path("/documents/" + doc)).then()
                .statusCode(200);
        as(own.viewer()).queryParam("q", "smuggler").get(own.path("/search")).then()
                .body("documents[0].title", equalTo("Interview P03")).body("hits[0].documentTitle", equalTo("Interview P03"));
    }
}
