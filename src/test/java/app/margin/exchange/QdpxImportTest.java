package app.margin.exchange;

import static app.margin.support.Api.as;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.margin.support.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class QdpxImportTest {
    static final String NS = "xmlns=\"urn:QDA-XML:project:1.0\"";
    static final String U1 = "{A1B2C3D4-0000-4000-8000-000000000001}";
    static final String C1 = "a1b2c3d4-0000-4000-8000-0000000000c1";
    static final String C2 = "a1b2c3d4-0000-4000-8000-0000000000c2";
    static final String S1 = "a1b2c3d4-0000-4000-8000-0000000000a1";

    static ValidatableResponse upload(String user, String fileName, byte[] bytes) {
        return Api.raw(user).multiPart("file", fileName, bytes, "application/zip")
                .post("/api/v1/projects/import/qdpx").then();
    }

    static String guid(int n) {
        return String.format("a1b2c3d4-0000-4000-8000-%012d", n);
    }

    @Test
    void everySampleFromOtherToolsImports() throws Exception {
        String me = Api.newUser("importer");
        Map<String, int[]> expected = new LinkedHashMap<>();
        // file → {codes, sources, codings at least}
        expected.put("atlas_target-atlas-project.qdpx", new int[] {3, 0, 0});
        expected.put("atlas_blank-atlas-project.qdpx", new int[] {0, 0, 0});
        expected.put("nvivo_project.qdpx", new int[] {262, 2, 0});
        expected.put("qc-1.3.2_demo.qdpx", new int[] {262, 2, 150});
        for (Map.Entry<String, int[]> e : expected.entrySet()) {
            byte[] file = Files.readAllBytes(RefiQda.require("samples/" + e.getKey()));
            JsonPath result = upload(me, e.getKey(), file).statusCode(201).extract().jsonPath();
            System.out.printf("Imported %s: %s%n", e.getKey(), result.getMap("report"));
            long pid = result.getLong("projectId");
            assertEquals(e.getValue()[0], result.getInt("report.codes"), e.getKey());
            assertEquals(e.getValue()[1], result.getInt("report.sources"), e.getKey());
            assertTrue(result.getInt("report.codings") >= e.getValue()[2], e.getKey() + " " + result.prettify());
            as(me).get("/api/v1/projects/" + pid).then().statusCode(200).body("role", org.hamcrest.Matchers.equalTo("OWNER"));
            assertEquals(e.getValue()[0], as(me).get("/api/v1/projects/" + pid + "/codes").then().extract().jsonPath()
                    .getList("id").size());
            int codings = as(me).get("/api/v1/projects/" + pid + "/codings").then().extract().jsonPath().getList("id").size();
            assertEquals(result.getInt("report.codings"), codings, e.getKey());
        }
    }

    @Test
    void qcSampleKeepsItsCodedTextAndReportsItsNonConformantPaths() throws Exception {
        String me = Api.newUser("importer");
        JsonPath result = upload(me, "qc.qdpx", Files.readAllBytes(RefiQda.require("samples/qc-1.3.2_demo.qdpx")))
                .statusCode(201).extract().jsonPath();
        assertTrue(result.getList("report.warnings", String.class).stream().anyMatch(w -> w.contains("‘board_2017’: the path ‘board_2017.txt’")));
        assertEquals(List.of("qdpx:cp"), result.getList("report.coders"));
        long pid = result.getLong("projectId");
        JsonPath docs = as(me).get("/api/v1/projects/" + pid + "/documents").then().extract().jsonPath();
        assertEquals(2, docs.getList("id").size());
    }

    @Test
    void quirksOfRealToolsAreHandled() throws Exception {
        // CRLF line ends and a BOM (MAXQDA), braces and upper-case GUIDs, "Sources/" and "Project.qde" in other case,
        // an rgb() colour, a picture with a coding, a selection without a coding, a note attached through a Link,
        // a Hangul and astral text whose positions count code points.
        String text = "\uFEFFA: 안녕 😀 hello\r\nB: fine\r\nA: good\r\n";
        String qde = "<?xml version=\"1.0\" encoding=\"utf-8\"?><Project " + NS + " name=\"Quirks\" origin=\"MAXQDA 2022\">"
                + "<Users><User guid=\"" + U1 + "\" name=\"Ana Lee\"/></Users>"
                + "<CodeBook><Codes><Code guid=\"" + C1.toUpperCase() + "\" name=\"Greeting\" isCodable=\"true\" color=\"rgb(1,2,3)\">"
                + "<Description>Saying hello.</Description>"
                + "<Code guid=\"{" + C2 + "}\" name=\"Emoji\" isCodable=\"true\" color=\"#F0A\"/></Code></Codes></CodeBook>"
                + "<Sources><TextSource guid=\"" + S1 + "\" name=\"Talk\" plainTextPath=\"internal://" + S1 + ".txt\">"
                // code points: BOM(0) A(1) :(2) sp(3) 안(4) 녕(5) sp(6) 😀(7) sp(8) h(9)
                + "<PlainTextSelection guid=\"" + guid(1) + "\" startPosition=\"4\" endPosition=\"6\" creatingUser=\"" + U1 + "\">"
                + "<Coding guid=\"" + guid(2) + "\" creatingUser=\"" + U1 + "\"><CodeRef targetGUID=\"" + C1 + "\"/></Coding></PlainTextSelection>"
                + "<PlainTextSelection guid=\"" + guid(3) + "\" startPosition=\"7\" endPosition=\"14\">"
                + "<Coding guid=\"" + guid(4) + "\"><CodeRef targetGUID=\"" + C2 + "\"/></Coding></PlainTextSelection>"
                + "<PlainTextSelection guid=\"" + guid(5) + "\" startPosition=\"16\" endPosition=\"23\">"
                + "<Description>only a comment</Description></PlainTextSelection>"
                + "</TextSource>"
                + "<PictureSource guid=\"" + guid(6) + "\" name=\"Photo\" path=\"internal://x.jpg\"><PictureSelection guid=\""
                + guid(7) + "\" firstX=\"1\" firstY=\"1\" secondX=\"2\" secondY=\"2\"><Coding guid=\"" + guid(8)
                + "\"><CodeRef targetGUID=\"" + C1 + "\"/></Coding></PictureSelection></PictureSource></Sources>"
                + "<Notes><Note guid=\"" + guid(9) + "\" name=\"Annotation\"><PlainTextContent>Linked note</PlainTextContent></Note></Notes>"
                + "<Links><Link guid=\"" + guid(10) + "\" originGUID=\"" + C1 + "\" targetGUID=\"" + guid(9) + "\"/></Links>"
                + "</Project>";
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("Project.qde", qde.getBytes(StandardCharsets.UTF_8));
        entries.put("Sources/" + S1 + ".txt", text.getBytes(StandardCharsets.UTF_8));
        String me = Api.newUser("importer");
        JsonPath result = upload(me, "quirks.qdpx", RefiQda.zip(entries)).statusCode(201).extract().jsonPath();
        long pid = result.getLong("projectId");
        assertEquals(2, result.getInt("report.codings"));
        assertEquals(List.of("qdpx:Ana Lee"), result.getList("report.coders"));
        String skipped = String.join("\n", result.getList("report.skipped", String.class));
        assertTrue(skipped.contains("Picture ‘Photo’ with 1 coding:"), skipped);
        assertTrue(skipped.contains("only a comment"), skipped);
        assertTrue(String.join("\n", result.getList("report.warnings", String.class)).contains("rgb(1,2,3)"));

        JsonPath doc = as(me).get("/api/v1/projects/" + pid + "/documents").then().extract().jsonPath();
        long did = doc.getLong("[0].id");
        String stored = as(me).get("/api/v1/projects/" + pid + "/documents/" + did).then().extract().jsonPath().getString("text");
        assertEquals("A: 안녕 😀 hello\nB: fine\nA: good\n", stored);
        JsonPath codings = as(me).get("/api/v1/projects/" + pid + "/codings").then().extract().jsonPath();
        assertEquals("안녕", stored.substring(codings.getInt("[0].start"), codings.getInt("[0].end")));
        assertEquals("qdpx:Ana Lee", codings.getString("[0].coder"));
        assertEquals("MASTER", codings.getString("[0].layer"));
        assertEquals("😀 hello", stored.substring(codings.getInt("[1].start"), codings.getInt("[1].end")));
        assertEquals(me, codings.getString("[1].coder"), "no user named: the importer");
        JsonPath codes = as(me).get("/api/v1/projects/" + pid + "/codes").then().extract().jsonPath();
        assertEquals("Saying hello.", codes.getString("find { it.name == 'Greeting' }.definition"));
        assertEquals("#ff00aa", codes.getString("find { it.name == 'Emoji' }.color"));
        long greeting = codes.getLong("find { it.name == 'Greeting' }.id");
        as(me).get("/api/v1/projects/" + pid + "/memos?targetType=CODE&targetId=" + greeting).then()
                .body("body", hasItem("Linked note"));
        // the imported text is searchable (the index follows the audit chain after the commit)
        int total = 0;
        for (int i = 0; i < 100 && total == 0; i++) {
            total = as(me).get("/api/v1/projects/" + pid + "/search?q=hello").then().statusCode(200).extract().jsonPath()
                    .getInt("total");
            if (total == 0) {
                Thread.sleep(100);
            }
        }
        assertEquals(1, total);
        // named coders cannot sign in
        Api.raw("qdpx:Ana Lee").get("/api/v1/projects").then().statusCode(401);
    }

    @Test
    void codingsCanGoToEachCodersOwnLayer() throws Exception {
        String me = Api.newUser("importer");
        long pid = Api.raw(me).multiPart("file", "qc.qdpx", Files.readAllBytes(RefiQda.require("samples/qc-1.3.2_demo.qdpx")))
                .multiPart("layer", "CODER").post("/api/v1/projects/import/qdpx").then().statusCode(201)
                .extract().jsonPath().getLong("projectId");
        as(me).get("/api/v1/projects/" + pid + "/codings?layer=MASTER").then().body("size()", org.hamcrest.Matchers.equalTo(0));
        as(me).get("/api/v1/projects/" + pid + "/codings?layer=CODER&coder=qdpx:cp").then()
                .body("size()", org.hamcrest.Matchers.greaterThan(100));
    }

    @Test
    void exportImportExportGivesTheSameProject() throws Exception {
        ExchangeFixture f = new ExchangeFixture("Round trip");
        int start = ExchangeFixture.P07.indexOf("I paid");
        long coding = Api.code(f.team.coder(), f.pid(), f.p07, f.migration, start, start + 6);
        as(f.team.coder()).body(Map.of("targetType", "CODING", "targetId", coding, "body", "Debt 😀"))
                .post(f.team.path("/memos")).then().statusCode(201);
        as(f.team.supervisor()).body(Map.of("targetType", "PROJECT", "title", "About", "body", "Fictional."))
                .post(f.team.path("/memos")).then().statusCode(201);
        as(f.team.supervisor()).body(Map.of("targetType", "CODE", "targetId", f.arrival, "body", "Check the dates."))
                .post(f.team.path("/memos")).then().statusCode(201);
        as(f.team.supervisor()).body(Map.of("targetType", "DOCUMENT", "targetId", f.p12, "body", "Noisy café."))
                .post(f.team.path("/memos")).then().statusCode(201);
        as(f.team.supervisor()).body(Map.of("documents", List.of(Map.of("documentId", f.p12, "attributes", Map.of("mode", "video call")))))
                .put(f.team.path("/attributes")).then().statusCode(200);
        as(f.team.supervisor()).body(Map.of("name", "Work", "definition", "Paid work.", "inclusion", "Jobs.",
                "exclusion", "Housework.", "example", "“a shop”", "color", "#80cbc4", "version", 0))
                .put(f.team.path("/codes/" + f.work)).then().statusCode(200);

        byte[] first = as(f.team.supervisor()).get(f.team.path("/export/qdpx")).then().statusCode(200).extract().asByteArray();
        long copy = upload(f.team.supervisor(), "round.qdpx", first).statusCode(201).extract().jsonPath().getLong("projectId");
        byte[] second = as(f.team.supervisor()).get("/api/v1/projects/" + copy + "/export/qdpx").then().statusCode(200)
                .extract().asByteArray();
        RefiQda.validate(RefiQda.unzip(second).get("project.qde"), "Project-mrt2019.xsd");
        Canonical a = Canonical.of(first);
        Canonical b = Canonical.of(second);
        assertEquals(a.texts(), b.texts());
        assertEquals(a.codes(), b.codes());
        assertEquals(a.codings(), b.codings());
        assertEquals(a.notes(), b.notes());
        assertEquals(a.cases(), b.cases());
        assertEquals(a.sourceValues(), b.sourceValues());
        assertEquals(7, a.codings().size());
        assertEquals(4, a.notes().size(), a.notes().toString());
        assertTrue(a.sourceValues().contains("P12 interview|mode=video call"));
        // speaker turns are found again in the imported copy
        long doc = as(f.team.supervisor()).get("/api/v1/projects/" + copy + "/documents").then().extract().jsonPath()
                .getLong("find { it.title == 'P07 interview' }.id");
        as(f.team.supervisor()).get("/api/v1/projects/" + copy + "/documents/" + doc).then()
                .body("units.speaker", org.hamcrest.Matchers.contains("Interviewer", "P07", "Interviewer", "P07"));
    }

    @Test
    void anImportNeedsAFile() {
        String me = Api.newUser("importer");
        Api.raw(me).multiPart("layer", "MASTER").post("/api/v1/projects/import/qdpx").then().statusCode(400)
                .contentType("application/problem+json").body("detail", containsString("'file'"));
        Api.raw(me).multiPart("file", "x.qdpx", new byte[] {1, 2, 3}).post("/api/v1/projects/import/qdpx").then()
                .statusCode(400).contentType("application/problem+json").body("detail", containsString("ZIP"));
    }

    /** A file whose two users carry the names of the importer and of another Margin account, each with one coding. */
    static byte[] fileNaming(String first, String second) throws Exception {
        String u2 = "{A1B2C3D4-0000-4000-8000-000000000002}";
        String qde = "<?xml version=\"1.0\" encoding=\"utf-8\"?><Project " + NS + " name=\"Names\">"
                + "<Users><User guid=\"" + U1 + "\" name=\"" + first + "\"/><User guid=\"" + u2 + "\" name=\"" + second + "\"/></Users>"
                + "<CodeBook><Codes><Code guid=\"" + C1 + "\" name=\"Greeting\" isCodable=\"true\"/></Codes></CodeBook>"
                + "<Sources><TextSource guid=\"" + S1 + "\" name=\"Talk\" plainTextPath=\"internal://" + S1 + ".txt\">"
                + "<PlainTextSelection guid=\"" + guid(1) + "\" startPosition=\"0\" endPosition=\"5\" creatingUser=\"" + U1 + "\">"
                + "<Coding guid=\"" + guid(2) + "\" creatingUser=\"" + U1 + "\"><CodeRef targetGUID=\"" + C1 + "\"/></Coding></PlainTextSelection>"
                + "<PlainTextSelection guid=\"" + guid(3) + "\" startPosition=\"6\" endPosition=\"11\" creatingUser=\"" + u2 + "\">"
                + "<Coding guid=\"" + guid(4) + "\" creatingUser=\"" + u2 + "\"><CodeRef targetGUID=\"" + C1 + "\"/></Coding></PlainTextSelection>"
                + "</TextSource></Sources></Project>";
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("project.qde", qde.getBytes(StandardCharsets.UTF_8));
        entries.put("sources/" + S1 + ".txt", "Hello there, friend.".getBytes(StandardCharsets.UTF_8));
        return RefiQda.zip(entries);
    }

    @Test
    void usersNamedLikeMarginAccountsAreNamedCodersUnlessTheImporterClaimsThem() throws Exception {
        String me = Api.newUser("importer");
        String victim = Api.newUser("victim");
        byte[] file = fileNaming(me, victim);
        JsonPath result = Api.raw(me).multiPart("file", "names.qdpx", file).multiPart("layer", "CODER")
                .post("/api/v1/projects/import/qdpx").then().statusCode(201).extract().jsonPath();
        assertEquals(List.of("qdpx:" + me, "qdpx:" + victim), result.getList("report.coders"));
        long pid = result.getLong("projectId");
        as(me).get("/api/v1/projects/" + pid + "/codings").then().body("coder",
                org.hamcrest.Matchers.containsInAnyOrder("qdpx:" + me, "qdpx:" + victim));

        // claimed explicitly, by GUID or by name: that user's codings are the importer's own
        JsonPath claimed = Api.raw(me).multiPart("file", "names.qdpx", file).multiPart("layer", "CODER")
                .multiPart("userMap", U1 + "=" + me).post("/api/v1/projects/import/qdpx").then().statusCode(201)
                .extract().jsonPath();
        assertEquals(List.of(me, "qdpx:" + victim), claimed.getList("report.coders"));
        JsonPath byName = Api.raw(me).multiPart("file", "names.qdpx", file).multiPart("userMap", me + "=" + me)
                .post("/api/v1/projects/import/qdpx").then().statusCode(201).extract().jsonPath();
        assertEquals(List.of(me, "qdpx:" + victim), byName.getList("report.coders"));
    }

    @Test
    void aUserMapToAnyoneButTheImporterIsRefusedAndNothingIsStored() throws Exception {
        String me = Api.newUser("importer");
        String victim = Api.newUser("victim");
        byte[] file = fileNaming("Ana", victim);
        for (String[] entry : new String[][] {
                {victim + "=" + victim, "only to you"},
                {U1 + "=" + victim, "only to you"},
                {"Nobody=" + me, "no user with that GUID or name"},
                {"no equals sign", "Write each userMap entry as"}}) {
            Api.raw(me).multiPart("file", "names.qdpx", file).multiPart("userMap", entry[0])
                    .post("/api/v1/projects/import/qdpx").then().statusCode(400).contentType("application/problem+json")
                    .body("detail", containsString(entry[1])).body("field", org.hamcrest.Matchers.equalTo("userMap"));
        }
        as(me).get("/api/v1/projects").then().body("size()", org.hamcrest.Matchers.equalTo(0));
        as(victim).get("/api/v1/projects").then().body("size()", org.hamcrest.Matchers.equalTo(0));
    }

    @Test
    void aCodingRepeatedInTheFileIsStoredOnceAndItsNoteStillArrives() throws Exception {
        String text = "A: hello there\nB: fine\n";
        String selection = "startPosition=\"3\" endPosition=\"8\" creatingUser=\"" + U1 + "\"><Coding guid=\"%s\">"
                + "<CodeRef targetGUID=\"" + C1 + "\"/></Coding>";
        String qde = "<?xml version=\"1.0\" encoding=\"utf-8\"?><Project " + NS + " name=\"Twice\">"
                + "<Users><User guid=\"" + U1 + "\" name=\"Ana Lee\"/></Users>"
                + "<CodeBook><Codes><Code guid=\"" + C1 + "\" name=\"Greeting\" isCodable=\"true\"/></Codes></CodeBook>"
                + "<Sources><TextSource guid=\"" + S1 + "\" name=\"Talk\" plainTextPath=\"internal://" + S1 + ".txt\">"
                + "<PlainTextSelection guid=\"" + guid(1) + "\" " + String.format(selection, guid(2))
                + "<NoteRef targetGUID=\"" + guid(5) + "\"/></PlainTextSelection>"
                + "<PlainTextSelection guid=\"" + guid(3) + "\" " + String.format(selection, guid(4))
                + "<NoteRef targetGUID=\"" + guid(6) + "\"/></PlainTextSelection>"
                + "</TextSource></Sources>"
                + "<Notes><Note guid=\"" + guid(5) + "\" name=\"First\"><PlainTextContent>On the coding</PlainTextContent></Note>"
                + "<Note guid=\"" + guid(6) + "\" name=\"Second\"><PlainTextContent>On the repeat</PlainTextContent></Note></Notes>"
                + "</Project>";
        String me = Api.newUser("importer");
        JsonPath result = upload(me, "twice.qdpx", RefiQda.zip(Map.of("project.qde", qde.getBytes(StandardCharsets.UTF_8),
                "sources/" + S1 + ".txt", text.getBytes(StandardCharsets.UTF_8)))).statusCode(201).extract().jsonPath();
        long pid = result.getLong("projectId");
        assertEquals(1, result.getInt("report.codings"));
        assertTrue(String.join("\n", result.getList("report.warnings", String.class)).contains("1 coding repeated exactly (same text, code and coder) was imported once."),
                result.prettify());
        long coding = as(me).get("/api/v1/projects/" + pid + "/codings").then().body("size()", org.hamcrest.Matchers.equalTo(1))
                .body("[0].start", org.hamcrest.Matchers.equalTo(3)).extract().jsonPath().getLong("[0].id");
        // the repeat's note has nothing left to be attached to, so it goes to the project (as a note without a target)
        as(me).get("/api/v1/projects/" + pid + "/memos?targetType=CODING&targetId=" + coding).then()
                .body("body", org.hamcrest.Matchers.contains("On the coding"));
        as(me).get("/api/v1/projects/" + pid + "/memos?targetType=PROJECT").then()
                .body("body", org.hamcrest.Matchers.contains("On the repeat"));
    }
}
