package app.margin.coding;

import static app.margin.support.Api.as;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.margin.support.Api;
import app.margin.support.Api.Team;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code GET …/documents/{did}/view}: the viewer's one request. Its document and codings are those of
 * {@code GET …/documents/{did}} and {@code GET …/codings?documentId=} for every role and layer choice (blind and
 * revealed rounds included), and its ETag gives 304 exactly while nothing the caller may see has changed.
 */
@QuarkusTest
class DocumentOpeningResourceTest {
    static final String TEXT = """
            Interviewer: How did you come?
            P04: The broker found us in Yanji. We paid the broker later.
            """;

    Team team;
    long docA;
    long docB;
    long code;

    @BeforeEach
    void setUp() {
        team = Api.team("Opening");
        docA = Api.importText(team.supervisor(), team.projectId(), "a.txt", TEXT, null);
        docB = Api.importText(team.supervisor(), team.projectId(), "b.txt", "Another interview entirely.", null);
        code = Api.newCode(team.supervisor(), team.projectId(), "Broker", null);
        Api.code(team.coder(), team.projectId(), docA, code, 36, 46);
        Api.code(team.coder2(), team.projectId(), docA, code, 50, 60);
        Api.code(team.coder2(), team.projectId(), docB, code, 0, 7);
    }

    private String view(long did, String query) {
        return team.path("/documents/" + did + "/view" + query);
    }

    /** The layer choices of the viewer, as query strings of both endpoints. */
    private List<String> layerChoices(String user) {
        return List.of("", "?layer=MASTER", "?layer=CODER&coder=" + user, "?layer=CODER&coder=" + team.coder2(),
                "?layer=CODER");
    }

    /** The one request answers what the two requests it replaces answer, whoever asks and for whichever layer. */
    private void sameAsTheTwoRequests(String user, long did) {
        Object document = as(user).get(team.path("/documents/" + did)).then().statusCode(200).extract().jsonPath()
                .get("$");
        for (String query : layerChoices(user)) {
            Response codings = as(user).get(team.path("/codings" + (query.isEmpty() ? "?" : query + "&")
                    + "documentId=" + did));
            Response opened = as(user).get(view(did, query));
            assertEquals(codings.statusCode(), opened.statusCode(), user + " " + query + ": " + opened.asString());
            if (opened.statusCode() == 200) {
                assertEquals(document, opened.jsonPath().get("document"), user + " " + query);
                assertEquals(codings.jsonPath().getList("$"), opened.jsonPath().getList("codings"), user + " " + query);
            }
        }
    }

    @Test
    void everyRoleGetsTheDocumentAndTheCodingsItMaySee() {
        for (String user : List.of(team.owner(), team.supervisor(), team.coder(), team.coder2(), team.viewer())) {
            sameAsTheTwoRequests(user, docA);
            sameAsTheTwoRequests(user, docB);
        }
        as(team.supervisor()).get(view(docA, "")).then().statusCode(200).body("codings.size()", equalTo(2))
                .body("document.text", equalTo(TEXT)).body("document.units.size()", org.hamcrest.Matchers.greaterThan(0));
        // a coder sees their own layer, never another coder's
        as(team.coder()).get(view(docA, "")).then().statusCode(200).body("codings.size()", equalTo(1))
                .body("codings[0].coder", equalTo(team.coder()));
        as(team.coder()).get(view(docA, "?layer=CODER&coder=" + team.coder2())).then().statusCode(403);
        as(team.viewer()).get(view(docA, "")).then().statusCode(200).body("codings.size()", equalTo(0));
    }

    @Test
    void aBlindRoundNeverShowsACoderAnotherCodersCodingsAndItsRevealDoes() {
        long rid = round(true);
        for (String user : List.of(team.supervisor(), team.coder(), team.coder2(), team.viewer())) {
            sameAsTheTwoRequests(user, docA);
        }
        Response before = as(team.coder()).get(view(docA, ""));
        before.then().statusCode(200).body("codings.size()", equalTo(1)).body("codings[0].coder", equalTo(team.coder()));
        as(team.coder()).get(view(docA, "?layer=CODER&coder=" + team.coder2())).then().statusCode(403);
        // the partner codes on meanwhile: still nothing of theirs for the coder in the blind round
        Api.code(team.coder2(), team.projectId(), docA, code, 0, 11);
        Response still = revalidate(team.coder(), view(docA, ""), before.header("ETag"));
        if (still.statusCode() == 200) {
            still.then().body("codings.coder", org.hamcrest.Matchers.everyItem(equalTo(team.coder())));
        }

        String tag = as(team.coder()).get(view(docA, "")).header("ETag");
        as(team.supervisor()).post(team.path("/agreement/rounds/" + rid + "/reveal")).then().statusCode(200);
        Response after = revalidate(team.coder(), view(docA, ""), tag);
        after.then().statusCode(200).body("codings.size()", equalTo(3));
        assertNotEquals(tag, after.header("ETag"));
        sameAsTheTwoRequests(team.coder(), docA);
        // the partner's layer by name, now shared on the round's document
        as(team.coder()).get(view(docA, "?layer=CODER&coder=" + team.coder2())).then().statusCode(200)
                .body("codings.size()", equalTo(2));
    }

    @Test
    void anUnchangedDocumentIsNotModifiedAndAChangeTheCallerMaySeeGivesANewAnswer() {
        Response first = as(team.supervisor()).get(view(docA, ""));
        String tag = first.header("ETag");
        first.then().statusCode(200).header("ETag", matchesPattern("\"[A-Za-z0-9_-]+\""))
                .header("Cache-Control", "no-store");
        Response again = revalidate(team.supervisor(), view(docA, ""), tag);
        again.then().statusCode(304).header("ETag", tag);
        assertEquals("", again.asString());
        // a weak comparison and a list of tags, as If-None-Match allows
        revalidate(team.supervisor(), view(docA, ""), "\"other\", W/" + tag).then().statusCode(304);
        revalidate(team.supervisor(), view(docA, ""), "\"other\"").then().statusCode(200);
        // each layer choice and each caller has its own tag
        assertNotEquals(tag, as(team.supervisor()).get(view(docA, "?layer=MASTER")).header("ETag"));
        assertNotEquals(tag, as(team.owner()).get(view(docA, "")).header("ETag"));

        // someone else codes: a new answer with the new coding, then 304 again under its new tag
        long added = Api.code(team.coder(), team.projectId(), docA, code, 0, 11);
        Response changed = revalidate(team.supervisor(), view(docA, ""), tag);
        changed.then().statusCode(200).body("codings.size()", equalTo(3));
        assertTrue(changed.jsonPath().getList("codings.id", Long.class).contains(added));
        revalidate(team.supervisor(), view(docA, ""), changed.header("ETag")).then().statusCode(304);

        // a metadata change is a new answer too
        String renamedTag = changed.header("ETag");
        as(team.supervisor()).body(Map.of("title", "Renamed")).patch(team.path("/documents/" + docA))
                .then().statusCode(200);
        revalidate(team.supervisor(), view(docA, ""), renamedTag).then().statusCode(200)
                .body("document.title", equalTo("Renamed"));
    }

    @Test
    void aRoleChangeGivesANewAnswer() {
        Response asCoder = as(team.coder()).get(view(docA, ""));
        asCoder.then().statusCode(200).body("codings.size()", equalTo(1));
        as(team.owner()).body(Map.of("role", "SUPERVISOR"))
                .put(team.path("/members/" + team.coder())).then().statusCode(200);
        revalidate(team.coder(), view(docA, ""), asCoder.header("ETag")).then().statusCode(200)
                .body("codings.size()", equalTo(2));
    }

    @Test
    void outsidersAndOtherProjectsDocumentsAreNotFound() {
        as(team.outsider()).get(view(docA, "")).then().statusCode(404);
        String tag = as(team.supervisor()).get(view(docA, "")).header("ETag");
        Response revalidated = Api.as(team.outsider()).header("If-None-Match", tag).get(view(docA, ""));
        assertEquals(404, revalidated.statusCode());
        Team other = Api.team("Elsewhere");
        long foreign = Api.importText(other.supervisor(), other.projectId(), "c.txt", "Not yours.", null);
        as(team.supervisor()).get(view(foreign, "")).then().statusCode(404)
                .contentType("application/problem+json");
        as(team.supervisor()).get(view(docA, "?layer=SOMETIMES")).then().statusCode(400);
    }

    private Response revalidate(String user, String path, String etag) {
        return as(user).header("If-None-Match", etag).get(path);
    }

    private long round(boolean blind) {
        Map<String, Object> body = new HashMap<>();
        body.put("name", "Pilot");
        body.put("documentIds", List.of(docA));
        body.put("coders", List.of(team.coder(), team.coder2()));
        body.put("codeIds", List.of(code));
        body.put("blind", blind);
        body.put("unit", "sentence");
        return as(team.supervisor()).body(body).post(team.path("/agreement/rounds")).then().statusCode(201)
                .extract().jsonPath().getLong("id");
    }
}
