package app.margin.exchange;

import app.margin.support.DatabaseIndependent;
import static app.margin.support.Api.as;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;

import app.margin.support.Api;
import io.quarkus.test.junit.QuarkusTest;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Hostile and broken archives, each built here: every one is a 400 problem+json that says what is wrong, and none
 * leaves a project behind. Limits in the test profile: 300 entries, 4 MiB per entry, 12 MiB in total, ratio 100.
 */
@DatabaseIndependent
@QuarkusTest
class HostileQdpxTest {
    static final String S1 = "a1b2c3d4-0000-4000-8000-0000000000a1";
    static final String C1 = "a1b2c3d4-0000-4000-8000-0000000000c1";
    String me;

    @BeforeEach
    void setUp() {
        me = Api.newUser("importer");
    }

    static String project(String inner) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Project xmlns=\"urn:QDA-XML:project:1.0\" name=\"Hostile\">"
                + inner + "</Project>";
    }

    static String codebook() {
        return "<CodeBook><Codes><Code guid=\"" + C1 + "\" name=\"A\" isCodable=\"true\"/></Codes></CodeBook>";
    }

    static String source(String selections) {
        return "<Sources><TextSource guid=\"" + S1 + "\" name=\"T\" plainTextPath=\"internal://" + S1 + ".txt\">"
                + selections + "</TextSource></Sources>";
    }

    static Map<String, byte[]> archive(String qde) {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("project.qde", qde.getBytes(StandardCharsets.UTF_8));
        entries.put("sources/" + S1 + ".txt", "Some text here.".getBytes(StandardCharsets.UTF_8));
        return entries;
    }

    void refused(byte[] zip, String detail) {
        as(me).get("/api/v1/projects").then().statusCode(200).body("size()", org.hamcrest.Matchers.equalTo(0));
        QdpxImportTest.upload(me, "hostile.qdpx", zip).statusCode(400).contentType("application/problem+json")
                .body("status", org.hamcrest.Matchers.equalTo(400)).body("detail", containsString(detail));
        assertEquals(0, as(me).get("/api/v1/projects").then().extract().jsonPath().getList("id").size(),
                "no half-imported project is left behind");
    }

    /** A project whose text sources are these entries (limits count only what the project refers to). */
    static String referring(String... entries) {
        StringBuilder sources = new StringBuilder("<Sources>");
        for (int i = 0; i < entries.length; i++) {
            sources.append("<TextSource guid=\"").append(QdpxImportTest.guid(1000 + i)).append("\" name=\"S").append(i)
                    .append("\" plainTextPath=\"internal://").append(entries[i].substring("sources/".length())).append("\"/>");
        }
        return project(sources + "</Sources>");
    }

    @Test
    void zipBombByRatio() throws Exception {
        Map<String, byte[]> entries = archive(referring("sources/bomb.txt"));
        entries.put("sources/bomb.txt", new byte[3 * 1024 * 1024]);
        refused(RefiQda.zip(entries), "zip bomb");
    }

    @Test
    void tooManyEntries() throws Exception {
        Map<String, byte[]> entries = archive(project(""));
        for (int i = 0; i < 301; i++) {
            entries.put("sources/f" + i + ".txt", new byte[] {'x'});
        }
        refused(RefiQda.zip(entries), "margin.exchange.max-entries");
    }

    @Test
    void oneEntryTooLarge() throws Exception {
        Map<String, byte[]> entries = archive(referring("sources/big.txt"));
        byte[] text = new byte[5 * 1024 * 1024];
        Random random = new Random(7);
        for (int i = 0; i < text.length; i++) {
            text[i] = (byte) ('a' + random.nextInt(26)); // compresses less than 100:1
        }
        entries.put("sources/big.txt", text);
        refused(RefiQda.zip(entries), "margin.exchange.max-entry-size");
    }

    @Test
    void allEntriesTogetherTooLarge() throws Exception {
        String[] names = {"sources/part0.txt", "sources/part1.txt", "sources/part2.txt", "sources/part3.txt"};
        Map<String, byte[]> entries = archive(referring(names));
        Random random = new Random(7);
        for (String name : names) {
            byte[] text = new byte[3 * 1024 * 1024 + 1];
            for (int i = 0; i < text.length; i++) {
                text[i] = (byte) ('a' + random.nextInt(26));
            }
            entries.put(name, text);
        }
        refused(RefiQda.zip(entries), "margin.exchange.max-total-size");
    }

    @Test
    void manyEntriesUnderTheRatioFloorAreNotInflatedUnlessReferred() throws Exception {
        // 290 entries (the test profile allows 300) of just under 1 MiB each, ~300 MiB expanded: the project refers to
        // none of them, so none is unpacked and the import holds only project.qde (SafeZipTest counts the bytes)
        java.nio.file.Path zip = SafeZipTest.inflatable(290, project(""), false);
        try {
            QdpxImportTest.upload(me, "inflated.qdpx", java.nio.file.Files.readAllBytes(zip)).statusCode(201)
                    .body("report.sources", org.hamcrest.Matchers.equalTo(0));
        } finally {
            java.nio.file.Files.delete(zip);
        }
        // referred to, the test profile's 12 MiB per import stops them (with the defaults the archive's ratio does
        // first, see SafeZipTest)
        me = Api.newUser("importer");
        java.nio.file.Path referred = SafeZipTest.inflatable(290, null, true);
        try {
            refused(java.nio.file.Files.readAllBytes(referred), "margin.exchange.max-total-size");
        } finally {
            java.nio.file.Files.delete(referred);
        }
    }

    @jakarta.inject.Inject
    InflatedBytes inflated;

    @Test
    void anImportOverTheBytesInFlightOfAllImportsIsAskedToWait() throws Exception {
        // another import holds 15 of the 16 MiB the test profile lets all imports hold at once
        byte[] text = new byte[2 * 1024 * 1024];
        Random random = new Random(11);
        for (int i = 0; i < text.length; i++) {
            text[i] = (byte) (i % 50 == 49 ? '\n' : 'a' + random.nextInt(26));
        }
        Map<String, byte[]> entries = archive(referring("sources/two.txt"));
        entries.put("sources/two.txt", text);
        byte[] zip = RefiQda.zip(entries);
        try (InflatedBytes.Share other = inflated.share()) {
            other.take(15L * 1024 * 1024);
            QdpxImportTest.upload(me, "busy.qdpx", zip).statusCode(503).contentType("application/problem+json")
                    .header("Retry-After", "30").body("detail", containsString("margin.exchange.max-inflated-in-flight"));
            assertEquals(15L * 1024 * 1024, inflated.inFlight(), "the refused import gave back what it had taken");
        }
        assertEquals(0, as(me).get("/api/v1/projects").then().extract().jsonPath().getList("id").size(),
                "nothing was imported");
        QdpxImportTest.upload(me, "busy.qdpx", zip).statusCode(201).body("report.sources", org.hamcrest.Matchers.equalTo(1));
        assertEquals(0, inflated.inFlight(), "a finished import gives its bytes back");
    }

    @Test
    void sizesInTheHeaderThatLieDoNotHelp() throws Exception {
        // A stored entry claims to be small; the limits count what is actually read.
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry("project.qde"));
            zip.write(project(source("")).getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
            byte[] zeros = new byte[2 * 1024 * 1024];
            ZipEntry e = new ZipEntry("sources/" + S1 + ".txt");
            e.setMethod(ZipEntry.DEFLATED);
            zip.putNextEntry(e);
            zip.write(zeros);
            zip.closeEntry();
        }
        refused(out.toByteArray(), "zip bomb");
    }

    @Test
    void pathTraversalInEntryNames() throws Exception {
        for (String name : new String[] {"../../etc/passwd", "/etc/passwd", "sources/..\\..\\win.ini", "C:/x.txt"}) {
            Map<String, byte[]> entries = archive(project(""));
            entries.put(name, "x".getBytes(StandardCharsets.UTF_8));
            refused(RefiQda.zip(entries), "unsafe name");
        }
    }

    @Test
    void pathTraversalInASourcePath() throws Exception {
        String qde = project("<Sources><TextSource guid=\"" + S1 + "\" name=\"T\" plainTextPath=\"internal://../../etc/passwd\"/></Sources>");
        refused(RefiQda.zip(archive(qde)), "unsafe name");
    }

    @Test
    void externalEntities() throws Exception {
        String xxe = "<?xml version=\"1.0\"?><!DOCTYPE Project [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                + "<Project xmlns=\"urn:QDA-XML:project:1.0\" name=\"&x;\"/>";
        refused(RefiQda.zip(archive(xxe)), "DOCTYPE");
    }

    @Test
    void billionLaughs() throws Exception {
        StringBuilder dtd = new StringBuilder("<?xml version=\"1.0\"?><!DOCTYPE Project [<!ENTITY l0 \"ha\">");
        for (int i = 1; i < 10; i++) {
            dtd.append("<!ENTITY l").append(i).append(" \"").append(("&l" + (i - 1) + ";").repeat(10)).append("\">");
        }
        dtd.append("]><Project xmlns=\"urn:QDA-XML:project:1.0\" name=\"&l9;\"/>");
        refused(RefiQda.zip(archive(dtd.toString())), "DOCTYPE");
    }

    @Test
    void malformedXml() throws Exception {
        refused(RefiQda.zip(archive("<Project xmlns=\"urn:QDA-XML:project:1.0\" name=\"x\"><Users>")), "not well-formed XML");
        refused(RefiQda.zip(archive("<?xml version=\"1.0\"?><Codebook/>")), "not a REFI-QDA project");
    }

    @Test
    void noProjectFile() throws Exception {
        refused(RefiQda.zip(Map.of("readme.txt", new byte[] {'x'})), "no project.qde");
    }

    @Test
    void danglingCodeReference() throws Exception {
        String qde = project(codebook() + source("<PlainTextSelection guid=\"" + QdpxImportTest.guid(1)
                + "\" startPosition=\"0\" endPosition=\"4\"><Coding guid=\"" + QdpxImportTest.guid(2)
                + "\"><CodeRef targetGUID=\"" + QdpxImportTest.guid(99) + "\"/></Coding></PlainTextSelection>"));
        refused(RefiQda.zip(archive(qde)), "refers to the code " + QdpxImportTest.guid(99));
    }

    @Test
    void danglingNoteVariableAndSourceReferences() throws Exception {
        refused(RefiQda.zip(archive(project(codebook().replace("/>", "><NoteRef targetGUID=\"" + QdpxImportTest.guid(5)
                + "\"/></Code>")))), "refers to the note");
        refused(RefiQda.zip(archive(project("<Cases><Case guid=\"" + QdpxImportTest.guid(3) + "\" name=\"P1\"><SourceRef targetGUID=\""
                + QdpxImportTest.guid(4) + "\"/></Case></Cases>"))), "refers to the source");
        refused(RefiQda.zip(archive(project("<Cases><Case guid=\"" + QdpxImportTest.guid(3) + "\" name=\"P1\"><VariableValue>"
                + "<VariableRef targetGUID=\"" + QdpxImportTest.guid(6) + "\"/><TextValue>x</TextValue></VariableValue></Case></Cases>"))),
                "refers to the variable");
    }

    @Test
    void missingSourceFile() throws Exception {
        Map<String, byte[]> entries = archive(project(source("")));
        entries.remove("sources/" + S1 + ".txt");
        refused(RefiQda.zip(entries), "not in the archive");
    }

    @Test
    void aBrokenSecondSourceRefusesTheWholeFile() throws Exception {
        // valid codes and a valid first source, then a second source whose text is not UTF-8: nothing is kept
        String s2 = "a1b2c3d4-0000-4000-8000-0000000000a2";
        String qde = project(codebook() + "<Sources><TextSource guid=\"" + S1 + "\" name=\"T\" plainTextPath=\"internal://"
                + S1 + ".txt\"/><TextSource guid=\"" + s2 + "\" name=\"U\" plainTextPath=\"internal://" + s2 + ".txt\"/></Sources>");
        Map<String, byte[]> entries = archive(qde);
        entries.put("sources/" + s2 + ".txt", new byte[] {(byte) 0xC3, (byte) 0x28});
        refused(RefiQda.zip(entries), "not UTF-8");
    }

    @Test
    void binaryTextIsNotPlainText() throws Exception {
        Map<String, byte[]> entries = archive(project(source("")));
        entries.put("sources/" + S1 + ".txt", new byte[] {'a', 0, 'b'});
        refused(RefiQda.zip(entries), "NUL character (U+0000)");
    }

    @Test
    void invalidGuidsAndPositions() throws Exception {
        refused(RefiQda.zip(archive(project("<Users><User guid=\"not-a-guid\" name=\"x\"/></Users>"))), "no valid GUID");
        refused(RefiQda.zip(archive(project(codebook() + source("<PlainTextSelection guid=\"" + QdpxImportTest.guid(1)
                + "\" startPosition=\"zero\" endPosition=\"4\"/>")))), "startPosition");
    }
}
