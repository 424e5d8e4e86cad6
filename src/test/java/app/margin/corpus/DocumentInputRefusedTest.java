package app.margin.corpus;

import static app.margin.support.Api.as;
import static app.margin.support.Api.raw;
import static app.margin.support.Refusals.refused;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import app.margin.support.Api;
import app.margin.support.Api.Team;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Bad input to document imports and edits: text longer than its column, characters Margin does not store. Each is a
 * 400 problem naming the field (and its limit), and nothing is saved.
 */
@QuarkusTest
class DocumentInputRefusedTest {
    Team team;
    long documentId;

    @BeforeEach
    void setUp() {
        team = Api.team("Document input");
        documentId = Api.importText(team.supervisor(), team.projectId(), "P01.txt", "Some text.\n", null);
    }

    private int documents() {
        return as(team.viewer()).get(team.path("/documents")).then().statusCode(200).extract().jsonPath()
                .getList("$").size();
    }

    @ParameterizedTest
    @CsvSource({"title, 500", "case, 200", "place, 500", "author, 200", "language, 20"})
    void aFormFieldLongerThanItsColumnIsRefusedNamingItsLimit(String field, int limit) {
        refused(raw(team.supervisor()).multiPart("file", "P02.txt", utf8("Text.\n"), "text/plain")
                .multiPart(field, "x".repeat(limit + 1)).post(team.path("/documents")), 400,
                "'" + field + "'", String.format("at most %,d characters", limit))
                .body("field", equalTo(field)).body("limit", equalTo(limit));
        assertEquals(1, documents());
    }

    @Test
    void aFormFieldOfExactlyTheLimitIsAccepted() {
        raw(team.supervisor()).multiPart("file", "P02.txt", utf8("Text.\n"), "text/plain")
                .multiPart("title", "t".repeat(500)).multiPart("language", "l".repeat(20))
                .post(team.path("/documents")).then().statusCode(201);
    }

    @ParameterizedTest
    @CsvSource({"title, title, 500", "caseName, case name, 200", "place, place, 500", "author, author, 200",
            "language, language, 20"})
    void aMetadataEditLongerThanItsColumnIsRefusedNamingItsLimit(String field, String words, int limit) {
        refused(as(team.supervisor()).body(Map.of(field, "y".repeat(limit + 1)))
                .patch(team.path("/documents/" + documentId)), 400)
                .body("detail", equalTo("The " + words + " can be at most " + limit + " characters."))
                .body("errors[0].field", equalTo(field));
        as(team.viewer()).get(team.path("/documents/" + documentId)).then().statusCode(200)
                .body("title", equalTo("P01")).body("version", equalTo(0));
    }

    @Test
    void aManifestEntryLongerThanItsColumnRefusesThatFile() {
        String manifest = "{\"files\":[{\"file\":\"P02.txt\",\"author\":\"" + "a".repeat(201) + "\"}]}";
        refused(raw(team.supervisor()).multiPart("file", "P02.txt", utf8("Text.\n"), "text/plain")
                .multiPart("manifest", manifest).post(team.path("/documents")), 400, "P02.txt", "'author'",
                "at most 200 characters");
        assertEquals(1, documents());
    }

    @Test
    void aTextFileWithANulCharacterIsRefusedWithItsNameAndWhere() {
        refused(raw(team.supervisor()).multiPart("file", "binary.txt", utf8("hello\u0000world\n"), "text/plain")
                .post(team.path("/documents")), 400, "binary.txt", "NUL character (U+0000) at character 6");
        assertEquals(1, documents());
    }

    @Test
    void aTextFileWithAnotherControlCharacterIsRefused() {
        refused(raw(team.supervisor()).multiPart("file", "bell.md", utf8("# Notes\n\nring \u0007 ring\n"), "text/markdown")
                .post(team.path("/documents")), 400, "bell.md", "control character (U+0007)");
        assertEquals(1, documents());
    }

    @Test
    void tabsAndLineBreaksAreText() {
        Api.importText(team.supervisor(), team.projectId(), "tabs.txt", "a\tb\r\nc\n", null);
        assertEquals(2, documents());
    }

    @Test
    void aFormFieldWithAControlCharacterIsRefused() {
        refused(raw(team.supervisor()).multiPart("file", "P02.txt", utf8("Text.\n"), "text/plain")
                .multiPart("place", "Lon\u0001don").post(team.path("/documents")), 400, "'place'", "U+0001");
        assertEquals(1, documents());
    }

    @Test
    void aMetadataEditWithAnEscapedNulIsRefusedNamingTheField() {
        refused(as(team.supervisor()).body("{\"place\":\"Lon\\u0000don\"}").patch(team.path("/documents/" + documentId)),
                400, "'place'", "NUL character");
        as(team.viewer()).get(team.path("/documents/" + documentId)).then().body("version", equalTo(0));
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
