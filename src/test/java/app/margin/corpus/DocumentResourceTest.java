package app.margin.corpus;

import static app.margin.support.Api.as;
import static app.margin.support.Api.raw;
import static org.hamcrest.Matchers.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

import app.margin.support.Api;
import app.margin.support.Api.Team;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class DocumentResourceTest {
    static final String TRANSCRIPT = """
            Fictional test interview.

            Interviewer: When did you arrive in the UK?

            P07: In 2010. The 브로커 arranged everything.

            Interviewer: And the cost?

            P07: We paid back the debt for years.
            """;
    static final String VTT = """
            WEBVTT

            00:00:01.000 --> 00:00:04.000
            <v Interviewer>Where did you live first?

            00:00:05.000 --> 00:00:09.500
            <v P02>In a small flat in New Malden.
            """;

    Team team;

    @BeforeEach
    void setUp() {
        team = Api.team("Documents");
    }

    @Test
    void aBatchImportsEveryGoodFileAndReportsTheBadOneWithItsReason() {
        JsonPath result = raw(team.supervisor())
                .multiPart("file", "P07.txt", utf8(TRANSCRIPT), "text/plain")
                .multiPart("file", "P02.vtt", utf8(VTT), "text/vtt")
                .multiPart("file", "scan.jpg", new byte[] {(byte) 0xFF, (byte) 0xD8, 1, 2}, "image/jpeg")
                .multiPart("file", "empty.txt", new byte[0], "text/plain")
                .post(team.path("/documents")).then().statusCode(201)
                .body("imported.size()", equalTo(2))
                .body("imported.title", contains("P07", "P02"))
                .body("imported.kind", contains("TRANSCRIPT", "TRANSCRIPT"))
                .body("failed.file", contains("scan.jpg", "empty.txt"))
                .body("failed[0].reason", containsString("not supported"))
                .body("failed[1].reason", containsString("empty"))
                .extract().jsonPath();
        as(team.viewer()).get(team.path("/documents")).then().statusCode(200)
                .body("title", containsInAnyOrder("P07", "P02"))
                .body("[0].text", nullValue());

        long p07 = result.getLong("imported[0].id");
        JsonPath doc = as(team.viewer()).get(team.path("/documents/" + p07)).then().statusCode(200)
                .body("units.speaker", contains(null, "Interviewer", "P07", "Interviewer", "P07"))
                .body("length", equalTo(TRANSCRIPT.length()))
                .extract().jsonPath();
        String text = doc.getString("text");
        assertEquals(TRANSCRIPT, text, "text is stored exactly as imported");
        int start = doc.getInt("units[2].start");
        int end = doc.getInt("units[2].end");
        assertEquals("In 2010. The 브로커 arranged everything.", text.substring(start, end));

        long p02 = result.getLong("imported[1].id");
        as(team.viewer()).get(team.path("/documents/" + p02)).then()
                .body("units.speaker", contains("Interviewer", "P02"))
                .body("units.timestamp", contains("00:00:01", "00:00:05"))
                .body("units.timeMs", contains(1000, 5000));
    }

    @Test
    void fieldNoteMetadataAndFormFieldsAreKept() {
        long id = raw(team.supervisor())
                .multiPart("file", "fn01.md", utf8("# Sunday lunch\n\nWe ate together.\n\nI stayed quiet."), "text/markdown")
                .multiPart("kind", "FIELD_NOTE").multiPart("date", "2013-04-07").multiPart("place", "Church hall, [suburb]")
                .multiPart("author", "R. Lindqvist")
                .post(team.path("/documents")).then().statusCode(201)
                .body("imported[0].title", equalTo("Sunday lunch")).extract().jsonPath().getLong("imported[0].id");
        as(team.viewer()).get(team.path("/documents/" + id)).then()
                .body("kind", equalTo("FIELD_NOTE")).body("date", equalTo("2013-04-07"))
                .body("place", equalTo("Church hall, [suburb]")).body("author", equalTo("R. Lindqvist"))
                .body("units.speaker", everyItem(nullValue()));
    }

    @Test
    void aManifestDescribesEachFileOfTheBatch() {
        String manifest = """
                {"files": [
                  {"file": "P07.txt", "kind": "TRANSCRIPT", "title": "Interview with P07", "language": "en",
                   "case": "P07", "date": "2014-05-02", "attributes": {"Interview mode": "in person"}},
                  {"file": "notes/fn.txt", "kind": "FIELD_NOTE", "title": "A field note", "place": "A café"}
                ]}""";
        raw(team.supervisor())
                .multiPart("file", "P07.txt", utf8(TRANSCRIPT), "text/plain")
                .multiPart("file", "fn.txt", utf8("Observed a language class."), "text/plain")
                .multiPart("manifest", manifest, "application/json; charset=UTF-8")
                .post(team.path("/documents")).then().statusCode(201)
                .body("imported.title", contains("Interview with P07", "A field note"))
                .body("imported.kind", contains("TRANSCRIPT", "FIELD_NOTE"));
        as(team.viewer()).get(team.path("/documents")).then()
                .body("find { it.title == 'Interview with P07' }.caseName", equalTo("P07"))
                .body("find { it.title == 'Interview with P07' }.attributes.interview_mode", equalTo("in person"))
                .body("find { it.title == 'A field note' }.place", equalTo("A café"));
    }

    @Test
    void importRefusalsAreClearProblems() {
        byte[] invalidUtf8 = {'H', 'i', ' ', (byte) 0xC3, (byte) 0x28, '!'};
        raw(team.supervisor()).multiPart("file", "bad.txt", invalidUtf8, "text/plain").post(team.path("/documents"))
                .then().statusCode(400).contentType("application/problem+json")
                .body("detail", containsString("UTF-8")).body("failed[0].file", equalTo("bad.txt"));
        raw(team.supervisor()).multiPart("file", "broken.docx", utf8("not a zip at all"), "application/octet-stream")
                .post(team.path("/documents")).then().statusCode(400).body("detail", containsString("Word document"));
        raw(team.supervisor()).multiPart("file", "broken.pdf", utf8("%PDF-1.7 garbage"), "application/pdf")
                .post(team.path("/documents")).then().statusCode(400).body("detail", containsString("PDF"));
        raw(team.supervisor()).multiPart("kind", "POEM").multiPart("file", "a.txt", utf8("x"), "text/plain")
                .post(team.path("/documents")).then().statusCode(400).body("detail", containsString("TRANSCRIPT, FIELD_NOTE"));
        raw(team.supervisor()).multiPart("date", "yesterday").multiPart("file", "a.txt", utf8("text"), "text/plain")
                .post(team.path("/documents")).then().statusCode(400).body("detail", containsString("YYYY-MM-DD"));
        raw(team.supervisor()).multiPart("manifest", "{nope").multiPart("file", "a.txt", utf8("text"), "text/plain")
                .post(team.path("/documents")).then().statusCode(400).body("detail", containsString("manifest"));
        raw(team.supervisor()).multiPart("kind", "TRANSCRIPT").post(team.path("/documents"))
                .then().statusCode(400).body("detail", containsString("No file was attached"));
        as(team.viewer()).get(team.path("/documents")).then().body("size()", equalTo(0));
    }

    @Test
    void anOversizeFileIsRefusedWith413AndTheOthersStillImport() {
        byte[] big = new byte[1_048_577];
        java.util.Arrays.fill(big, (byte) 'a');
        raw(team.supervisor()).multiPart("file", "huge.txt", big, "text/plain").post(team.path("/documents"))
                .then().statusCode(413).contentType("application/problem+json")
                .body("detail", containsString("more than the limit of 1.0 MB"));
        raw(team.supervisor()).multiPart("file", "huge.txt", big, "text/plain")
                .multiPart("file", "small.txt", utf8("fine"), "text/plain").post(team.path("/documents"))
                .then().statusCode(201).body("imported.title", contains("small")).body("failed.file", contains("huge.txt"));
    }

    @Test
    void onlySupervisorsAndOwnersImportAndOutsidersSeeNothing() {
        for (String user : new String[] {team.coder(), team.viewer()}) {
            raw(user).multiPart("file", "a.txt", utf8("x"), "text/plain").post(team.path("/documents"))
                    .then().statusCode(403);
        }
        long id = Api.importText(team.owner(), team.projectId(), "a.txt", "Owner imports too.", null);
        as(team.outsider()).get(team.path("/documents")).then().statusCode(404);
        as(team.outsider()).get(team.path("/documents/" + id)).then().statusCode(404);
        Team other = Api.team("Other documents");
        as(other.owner()).get(other.path("/documents/" + id)).then().statusCode(404);
    }

    @Test
    void metadataChangesButTheTextNeverDoes() {
        long id = Api.importText(team.supervisor(), team.projectId(), "a.txt", "Original words.", null);
        as(team.supervisor()).body(Map.of("title", "Renamed", "caseName", "P03", "text", "Rewritten"))
                .patch(team.path("/documents/" + id)).then().statusCode(200)
                .body("title", equalTo("Renamed")).body("caseName", equalTo("P03"))
                .body("text", equalTo("Original words."));
        as(team.coder()).body(Map.of("title", "Mine")).patch(team.path("/documents/" + id)).then().statusCode(403);
        as(team.supervisor()).body(Map.of("date", "2014-13-45")).patch(team.path("/documents/" + id))
                .then().statusCode(400);
    }

    @Test
    void deletingADocumentRemovesItsCodings() {
        long id = Api.importText(team.supervisor(), team.projectId(), "a.txt", "Some words to code.", null);
        long code = Api.newCode(team.supervisor(), team.projectId(), "C", null);
        Api.code(team.coder(), team.projectId(), id, code, 0, 4);
        as(team.coder()).delete(team.path("/documents/" + id)).then().statusCode(403);
        as(team.supervisor()).delete(team.path("/documents/" + id)).then().statusCode(204);
        as(team.supervisor()).get(team.path("/documents/" + id)).then().statusCode(404);
        as(team.supervisor()).get(team.path("/codings")).then().body("size()", equalTo(0));
        as(team.supervisor()).get(team.path("/audit")).then()
                .body("find { it.action == 'document.deleted' }.before.codings", equalTo(1));
    }

    @Test
    void parallelImportsIntoOneProjectAllSucceedAndKeepTheAuditChainLinear() {
        List<Integer> statuses = IntStream.range(0, 6).parallel()
                .mapToObj(i -> raw(team.supervisor()).multiPart("file", "parallel-" + i + ".txt", utf8("Text " + i), "text/plain")
                        .post(team.path("/documents")).statusCode())
                .toList();
        assertEquals(List.of(201, 201, 201, 201, 201, 201), statuses);
        as(team.owner()).get(team.path("/audit/verify")).then().body("valid", equalTo(true));
        as(team.viewer()).get(team.path("/documents")).then().body("size()", equalTo(6));
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
