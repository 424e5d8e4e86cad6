package app.margin.search;

import static app.margin.support.Api.as;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.margin.support.Api;
import app.margin.support.Api.Team;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Each hit's {@code matches}: the searched words as UTF-16 offsets into the document's text (what the viewer marks),
 * checked by the words they cut out of the document as {@code GET …/documents/{did}} returns it.
 */
@QuarkusTest
class SearchMatchesTest {
    static final String ASCII = """
            Interviewer: How did you leave?
            P01: The broker took my money. Later the brokers in China wanted more.
            Interviewer: And in London?
            P01: The glass was thick. There is a glass ceiling for people from the North.
            """;
    static final String KOREAN = """
            Interviewer: 어떻게 왔어요?
            P02: 중국에서 브로커에게 돈을 줬어요. 교회 사람들이 도와줬어요.
            """;
    static final String EMOJI = """
            Interviewer: 😀 Tell me 🙏🏽 about it.
            P03: 😀😀 어머니 🙏 — I paid the broker 𝄞 twice.
            """;

    static Team team;
    static Map<Long, String> texts = new java.util.HashMap<>();
    static long ascii;
    static long korean;
    static long emoji;
    static long code;

    @BeforeEach
    void corpus() {
        if (team != null) {
            return;
        }
        team = Api.team("Search matches");
        ascii = Api.importText(team.supervisor(), team.projectId(), "p01.txt", ASCII, null);
        korean = Api.importText(team.supervisor(), team.projectId(), "p02.txt", KOREAN, null);
        emoji = Api.importText(team.supervisor(), team.projectId(), "p03.txt", EMOJI, null);
        for (long doc : List.of(ascii, korean, emoji)) {
            texts.put(doc, as(team.viewer()).get(team.path("/documents/" + doc)).then().statusCode(200)
                    .extract().jsonPath().getString("text"));
        }
        code = Api.newCode(team.supervisor(), team.projectId(), "Cost", null);
        String text = texts.get(ascii);
        Api.code(team.coder(), team.projectId(), ascii, code, text.indexOf("The broker"), text.indexOf(" Later"));
    }

    private static JsonPath search(String q, String... more) {
        var request = as(team.coder()).queryParam("q", q).queryParam("pageSize", 100);
        for (int i = 0; i < more.length; i += 2) {
            request = request.queryParam(more[i], more[i + 1]);
        }
        return request.get(team.path("/search")).then().statusCode(200).extract().jsonPath();
    }

    /** Per hit, the document text each match cuts out, "title: word, word". */
    private static List<List<String>> marked(JsonPath result) {
        List<List<String>> words = new ArrayList<>();
        for (Map<String, Object> hit : result.<Map<String, Object>>getList("hits")) {
            String text = texts.get(((Number) hit.get("documentId")).longValue());
            int start = (Integer) hit.get("start");
            int end = (Integer) hit.get("end");
            List<String> inHit = new ArrayList<>();
            for (Map<String, Integer> m : (List<Map<String, Integer>>) hit.get("matches")) {
                assertTrue(start <= m.get("start") && m.get("end") <= end, "a match lies inside its hit: " + hit);
                inHit.add(text.substring(m.get("start"), m.get("end")));
            }
            words.add(inHit);
        }
        return words;
    }

    @Test
    void asciiWordsAreMarkedWhereTheyAreInTheDocument() {
        JsonPath result = search("broker doc:p01*");
        assertEquals(List.of(List.of("broker", "brokers")), marked(result));
        assertEquals("P01", result.getString("hits[0].speaker"), "the hit is a speaker turn");
        int turnStart = result.getInt("hits[0].start");
        assertTrue(turnStart > 0, "a later turn: the matches are offset by where it starts");
        assertEquals(texts.get(ascii).indexOf("broker"), result.getInt("hits[0].matches[0].start"));
        // highlights stay offsets into the snippet
        String snippet = result.getString("hits[0].snippet");
        assertEquals("broker", snippet.substring(result.getInt("hits[0].highlights[0].start"),
                result.getInt("hits[0].highlights[0].end")));
    }

    @Test
    void aPhraseMarksItsWordsAndNotTheSameWordElsewhere() {
        List<List<String>> words = marked(search("\"glass ceiling\""));
        assertEquals(1, words.size());
        assertEquals("glass ceiling", String.join(" ", words.getFirst()), "the phrase, not the first “glass”");
        int first = search("\"glass ceiling\"").getInt("hits[0].matches[0].start");
        assertEquals(texts.get(ascii).indexOf("glass ceiling"), first);
    }

    @Test
    void koreanWordsAreMarkedByTheirStemInsideTheWord() {
        JsonPath result = search("브로커");
        List<List<String>> words = marked(result);
        assertEquals(1, words.size());
        assertEquals(List.of("브로커"), words.getFirst(), "브로커에게: the stem is marked");
        assertEquals(texts.get(korean).indexOf("브로커"), result.getInt("hits[0].matches[0].start"));
        assertEquals(List.of(List.of("교회")), marked(search("교회")));
    }

    @Test
    void surrogatePairsBeforeAMatchCountAsTwoUnits() {
        JsonPath result = search("broker doc:p03*");
        assertEquals(List.of(List.of("broker")), marked(result));
        String text = texts.get(emoji);
        assertEquals(text.indexOf("broker"), result.getInt("hits[0].matches[0].start"));
        assertTrue(text.codePointCount(0, text.indexOf("broker")) < text.indexOf("broker"),
                "the emoji before it are surrogate pairs: code points would be fewer");
        assertEquals(List.of(List.of("어머니")), marked(search("어머니")));
    }

    @Test
    void sentenceLinesAndSegmentsCarryOnlyTheirOwnMatches() {
        List<List<String>> sentences = marked(search("broker doc:p01*", "unit", "sentence"));
        assertEquals(List.of(List.of("broker"), List.of("brokers")), sentences, "one line per sentence, each its own");
        JsonPath segments = search("broker", "scope", "coded");
        assertEquals(List.of(List.of("broker")), marked(segments), "the coded segment holds the first sentence only");
        assertEquals("CODER", segments.getString("hits[0].layer"));
        assertEquals(team.coder(), segments.getString("hits[0].coder"));
        JsonPath passages = search("broker doc:p01*");
        assertEquals(null, passages.getString("hits[0].layer"), "a passage is in no layer");
    }
}
