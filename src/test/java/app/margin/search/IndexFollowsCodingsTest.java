package app.margin.search;

import static app.margin.support.Api.as;
import static org.junit.jupiter.api.Assertions.assertEquals;

import app.margin.support.Api;
import app.margin.support.Api.Team;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A single coding added, moved, recoded or removed re-indexes only its segment and the passages around it; the
 * passages and segments search finds must be exactly those a rebuild from the database finds.
 */
@QuarkusTest
class IndexFollowsCodingsTest {
    static final String TEXT = """
            Interviewer: Where did you go first?
            P09: First to the border town, where the broker waited.
            Interviewer: And then?
            P09: Then the long train to the capital, and the embassy.
            Interviewer: How was London?
            P09: London was cold, but the church helped with the flat.
            """;

    @Test
    void aMovedCodingLeavesItsOldPassageAndReachesItsNewOne() {
        Team team = Api.team("Index follows");
        long doc = Api.importText(team.supervisor(), team.projectId(), "p09.txt", TEXT, null);
        long journey = Api.newCode(team.supervisor(), team.projectId(), "Journey", null);
        long help = Api.newCode(team.supervisor(), team.projectId(), "Help", null);
        List<Integer> turns = turnStarts(team, doc);
        int border = TEXT.indexOf("the border town");
        long coding = Api.code(team.coder(), team.projectId(), doc, journey, border, border + 15);
        assertEquals(List.of(turns.get(1)), passageStarts(team, "code:Journey"));
        assertEquals(List.of(border), segmentStarts(team, "code:Journey"));

        int train = TEXT.indexOf("the long train");
        as(team.coder()).body(Map.of("start", train, "end", train + 14, "version", version(team, coding)))
                .put(team.path("/codings/" + coding)).then().statusCode(200);
        assertEquals(List.of(turns.get(3)), passageStarts(team, "code:Journey"), "only the passage it moved to");
        assertEquals(List.of(train), segmentStarts(team, "code:Journey"));
        assertEquals(List.of(turns.get(3)), passageStarts(team, "train code:Journey"));
        assertEquals(List.of(), passageStarts(team, "broker code:Journey"), "the old passage lost the code");

        as(team.coder()).body(Map.of("start", train, "end", train + 14, "codeId", help, "version", version(team, coding)))
                .put(team.path("/codings/" + coding)).then().statusCode(200);
        assertEquals(List.of(), passageStarts(team, "code:Journey"));
        assertEquals(List.of(turns.get(3)), passageStarts(team, "code:Help"));

        as(team.coder()).delete(team.path("/codings/" + coding)).then().statusCode(204);
        assertEquals(List.of(), passageStarts(team, "code:Help"));
        assertEquals(List.of(), segmentStarts(team, "code:Help"));
    }

    @Test
    void afterManySingleChangesSearchFindsWhatARebuildFinds() {
        Team team = Api.team("Index replay");
        long doc = Api.importText(team.supervisor(), team.projectId(), "p09.txt", TEXT, null);
        List<Long> codes = List.of(Api.newCode(team.supervisor(), team.projectId(), "Journey", null),
                Api.newCode(team.supervisor(), team.projectId(), "Help", null));
        Random random = new Random(9);
        List<Long> own = new ArrayList<>();
        for (int step = 0; step < 40; step++) {
            String coder = random.nextBoolean() ? team.coder() : team.coder2();
            int start = random.nextInt(TEXT.length() - 30);
            int end = start + 1 + random.nextInt(60);
            long code = codes.get(random.nextInt(codes.size()));
            if (own.isEmpty() || random.nextInt(3) == 0) {
                own.add(Api.code(team.coder(), team.projectId(), doc, code, start, Math.min(end, TEXT.length())));
            } else if (random.nextBoolean()) {
                long id = own.get(random.nextInt(own.size()));
                as(team.coder()).body(Map.of("start", start, "end", Math.min(end, TEXT.length()), "codeId", code,
                        "version", version(team, id))).put(team.path("/codings/" + id)).then().statusCode(200);
            } else {
                long id = own.remove(random.nextInt(own.size()));
                as(team.coder()).delete(team.path("/codings/" + id)).then().statusCode(204);
            }
            if (coder.equals(team.coder2()) && step % 7 == 0) {
                Api.code(team.coder2(), team.projectId(), doc, code, start, Math.min(end, TEXT.length()));
            }
        }
        Map<String, List<Integer>> incremental = found(team);
        as(team.supervisor()).post(team.path("/search/index/rebuild")).then().statusCode(200);
        assertEquals(found(team), incremental);
    }

    private static Map<String, List<Integer>> found(Team team) {
        Map<String, List<Integer>> found = new java.util.TreeMap<>();
        for (String q : List.of("code:Journey", "code:Help", "broker code:Help", "train OR church")) {
            found.put("passages " + q, passageStarts(team, q));
            found.put("segments " + q, segmentStarts(team, q));
        }
        return found;
    }

    private static List<Integer> turnStarts(Team team, long doc) {
        return as(team.viewer()).get(team.path("/documents/" + doc)).then().statusCode(200).extract().jsonPath()
                .getList("units.start", Integer.class);
    }

    private static long version(Team team, long coding) {
        return as(team.coder()).get(team.path("/codings/" + coding)).then().statusCode(200).extract().jsonPath()
                .getLong("version");
    }

    private static List<Integer> passageStarts(Team team, String q) {
        return starts(team, q, "all");
    }

    private static List<Integer> segmentStarts(Team team, String q) {
        return starts(team, q, "coded");
    }

    private static List<Integer> starts(Team team, String q, String scope) {
        JsonPath result = as(team.supervisor()).queryParam("q", q).queryParam("scope", scope)
                .queryParam("pageSize", 200).get(team.path("/search")).then().statusCode(200).extract().jsonPath();
        return result.getList("hits.start", Integer.class);
    }
}
