package app.margin.problem;

import static app.margin.support.Api.as;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.margin.support.Api;
import app.margin.support.Api.Team;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;

/**
 * Every kind of bad or hostile input Margin is known to meet, in one table. Each row must be answered with its 4xx
 * status as {@code application/problem+json} with a sentence in {@code detail} and no stack trace; the project's
 * state (documents, cases, codes, codings, memos, audit events, the caller's projects) must be exactly as before;
 * and the participant text the request carried ({@link #SECRET}) must not appear in any log record.
 *
 * <p>Add a row to {@link #catalogue()} for each new kind of bad input; the detailed behaviour (exact messages, edge
 * cases) stays in the feature's own tests, this table checks that the promise holds everywhere at once.
 */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BadInputCatalogueTest {
    /** Stands for a participant's words: it must never reach a log. */
    static final String SECRET = "Min-ji crossed at Hyesan";

    Team team;
    long document;
    long code;
    long coding;
    final List<String> logged = new CopyOnWriteArrayList<>();
    final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            StringBuilder text = new StringBuilder(String.valueOf(record.getMessage()));
            if (record.getParameters() != null) {
                for (Object parameter : record.getParameters()) {
                    text.append(' ').append(parameter);
                }
            }
            for (Throwable t = record.getThrown(); t != null; t = t.getCause()) {
                text.append(' ').append(t);
            }
            logged.add(text.toString());
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    record Bad(String name, int status, Function<Team, Response> send) {
    }

    /** A fixture built once for the whole table (REST Assured knows Margin's port only from the first test on). */
    void setUp() {
        team = Api.team("Bad input catalogue");
        document = Api.importText(team.supervisor(), team.projectId(), "p01.txt",
                "Interviewer: When did you leave?\nP01: In the spring, with my aunt.", null);
        code = Api.newCode(team.supervisor(), team.projectId(), "Leaving", null);
        coding = Api.code(team.coder(), team.projectId(), document, code, 0, 11);
        Logger.getLogger("").addHandler(capture);
    }

    @AfterAll
    void stopListening() {
        Logger.getLogger("").removeHandler(capture);
    }

    List<Bad> catalogue() {
        List<Bad> rows = new ArrayList<>();
        // JSON bodies
        rows.add(json("malformed JSON", 400, "POST", "/codes", "{\"name\": \"" + SECRET));
        rows.add(json("text after the JSON value", 400, "POST", "/codes", "{\"name\":\"" + SECRET + "\"} trailing"));
        rows.add(json("a fraction for a whole number", 400, "POST", "/codings",
                "{\"documentId\":%d,\"codeId\":%d,\"start\":1.5,\"end\":4}".formatted(document, code)));
        rows.add(json("a number sent as text", 400, "POST", "/codings",
                "{\"documentId\":%d,\"codeId\":%d,\"start\":\"1\",\"end\":4}".formatted(document, code)));
        rows.add(json("a list where an object belongs", 400, "POST", "/memos", "[\"" + SECRET + "\"]"));
        // Offsets of a coding
        rows.add(coding("an end beyond the text", 0, 10_000));
        rows.add(coding("a negative start", -1, 4));
        rows.add(coding("an empty range", 4, 4));
        rows.add(coding("a reversed range", 8, 4));
        // References in a body that do not exist or belong elsewhere: 400 naming the field (the address exists)
        rows.add(json("a code that does not exist", 400, "POST", "/codings",
                "{\"documentId\":%d,\"codeId\":999999,\"start\":0,\"end\":4}".formatted(document)));
        rows.add(json("a parent code that does not exist", 400, "POST", "/codes",
                "{\"name\":\"" + SECRET + "\",\"parentId\":999999}"));
        rows.add(json("a memo on a coding that does not exist", 400, "POST", "/memos",
                "{\"targetType\":\"CODING\",\"targetId\":999999,\"body\":\"" + SECRET + "\"}"));
        rows.add(json("an unknown memo target type", 400, "POST", "/memos",
                "{\"targetType\":\"PLANET\",\"body\":\"" + SECRET + "\"}"));
        // A stale version
        rows.add(json("a change based on an old version", 409, "PUT", "/codes/" + code,
                "{\"name\":\"" + SECRET + "\",\"version\":99}"));
        // Search
        rows.add(new Bad("a query that does not parse", 400, t -> as(t.coder()).queryParam("q", "\"" + SECRET + " AND (")
                .get(t.path("/search"))));
        rows.add(new Bad("a query that starts with a wildcard", 400, t -> as(t.coder()).queryParam("q", "*ceiling")
                .get(t.path("/search"))));
        // Imports
        rows.add(new Bad("a file type Margin cannot read", 400, t -> upload(t, "scan.jpg",
                new byte[] {(byte) 0xFF, (byte) 0xD8, 1, 2}, "image/jpeg")));
        rows.add(new Bad("a DOCX that is not a zip", 400, t -> upload(t, "p02.docx",
                SECRET.getBytes(StandardCharsets.UTF_8), "application/octet-stream")));
        rows.add(new Bad("a PDF that is not a PDF", 400, t -> upload(t, "p03.pdf",
                ("%PDF-1.7 " + SECRET).getBytes(StandardCharsets.UTF_8), "application/pdf")));
        rows.add(new Bad("an attribute table with ragged rows", 400, t -> Api.raw(t.supervisor())
                .header("X-Margin-Request", "1").contentType("text/csv")
                .body("case,gender\nP01,female,\"" + SECRET + "\"\n").post(t.path("/attributes"))));
        // REFI-QDA archives
        rows.add(qdpx("a path that climbs out of the archive", Map.of("project.qde", project(""),
                "../../etc/passwd", "x")));
        rows.add(qdpx("an external XML entity", Map.of("project.qde",
                "<?xml version=\"1.0\"?><!DOCTYPE Project [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                        + "<Project xmlns=\"urn:QDA-XML:project:1.0\" name=\"&x;\"/>")));
        rows.add(qdpx("entity expansion (billion laughs)", Map.of("project.qde", billionLaughs())));
        rows.add(new Bad("an entry whose size in the header lies", 400, t -> importQdpx(t, lyingSizes())));
        rows.add(qdpx("not a REFI-QDA project", Map.of("project.qde", "<?xml version=\"1.0\"?><Codebook/>")));
        rows.add(new Bad("not a zip at all", 400, t -> importQdpx(t, SECRET.getBytes(StandardCharsets.UTF_8))));
        // Text longer than its column (TextLimits; details in corpus.DocumentInputRefusedTest and others)
        rows.add(new Bad("a document title longer than its column", 400, t -> Api.raw(t.supervisor())
                .header("X-Margin-Request", "1").multiPart("file", "p09.txt", bytes("Text.\n"), "text/plain")
                .multiPart("title", SECRET.repeat(60)).post(t.path("/documents"))));
        rows.add(json("a document place longer than its column", 400, "PATCH", "/documents/" + document,
                "{\"place\":\"" + SECRET.repeat(60) + "\"}"));
        rows.add(new Bad("a case name longer than its column", 400, t -> Api.raw(t.supervisor())
                .header("X-Margin-Request", "1").contentType("text/csv").body("case,age\n" + SECRET.repeat(20) + ",34\n")
                .post(t.path("/attributes"))));
        rows.add(json("a memo longer than memos may be", 400, "POST", "/memos",
                "{\"targetType\":\"PROJECT\",\"body\":\"" + SECRET.repeat(10_000) + "\"}"));
        rows.add(new Bad("a PROJECT memo on another project", 400, t -> as(t.coder()).header("X-Margin-Request", "1")
                .body("{\"targetType\":\"PROJECT\",\"targetId\":" + (t.projectId() + 100_000) + ",\"body\":\"" + SECRET
                        + "\"}").post(t.path("/memos"))));
        // Characters XML cannot carry (TextCharacters; details in problem.HostileJsonTest)
        rows.add(json("a NUL in a code name", 400, "POST", "/codes", "{\"name\":\"" + SECRET + "\\u0000\"}"));
        rows.add(json("a lone surrogate in a code name", 400, "POST", "/codes", "{\"name\":\"" + SECRET + "\\ud800\"}"));
        rows.add(new Bad("a text file with a NUL", 400, t -> upload(t, "p10.txt", bytes(SECRET + "\u0000\n"), "text/plain")));
        rows.add(new Bad("an attribute table with a NUL", 400, t -> Api.raw(t.supervisor())
                .header("X-Margin-Request", "1").contentType("text/csv").body("case,age\nP01," + SECRET + "\u0000\n")
                .post(t.path("/attributes"))));
        // Broken uploads (details in problem.BrokenUploadTest)
        rows.add(new Bad("a multipart body cut off", 400, t -> Api.raw(t.supervisor()).header("X-Margin-Request", "1")
                .contentType("multipart/form-data; boundary=b0").body(bytes("--b0\r\nContent-Disposition: form-data; "
                        + "name=\"file\"; filename=\"p11.txt\"\r\n\r\n" + SECRET)).post(t.path("/documents"))));
        rows.add(new Bad("a multipart boundary that does not match", 400, t -> Api.raw(t.owner())
                .header("X-Margin-Request", "1").contentType("multipart/form-data; boundary=other")
                .body(bytes("--b0\r\nContent-Disposition: form-data; name=\"file\"; filename=\"x.qdpx\"\r\n\r\n"
                        + SECRET + "\r\n--b0--\r\n")).post("/api/v1/projects/import/qdpx")));
        // Addresses (details in problem.InvalidPathIdTest and problem.RequestHeadLimitTest)
        rows.add(new Bad("an id that is not a number", 400, t -> as(t.viewer()).get("/api/v1/projects/abc/documents")));
        rows.add(new Bad("an address too long", 414, t -> as(t.viewer()).queryParam("q", SECRET.repeat(300))
                .get(t.path("/search"))));
        rows.add(new Bad("headers too large", 431, t -> as(t.viewer()).header("X-Note", SECRET.repeat(1500))
                .get(t.path("/documents"))));
        return rows;
    }

    @TestFactory
    Stream<DynamicTest> everyBadInputIsAClearProblemAndChangesNothing() {
        setUp();
        DynamicTest captureWorks = DynamicTest.dynamicTest("the log capture sees what Margin logs", () -> {
            logged.clear();
            org.jboss.logging.Logger.getLogger(BadInputCatalogueTest.class).warn("capture probe");
            assertTrue(logged.stream().anyMatch(line -> line.contains("capture probe")), "nothing captured: " + logged);
        });
        return Stream.concat(Stream.of(captureWorks), catalogue().stream().map(bad -> DynamicTest.dynamicTest(bad.name(), () -> {
            State before = State.of(team);
            logged.clear();
            Response answer = bad.send().apply(team);
            assertEquals(bad.status(), answer.statusCode(), () -> bad.name() + ": " + answer.asString());
            assertTrue(answer.contentType().startsWith("application/problem+json"), bad.name() + ": " + answer.contentType());
            String detail = answer.jsonPath().getString("detail");
            assertFalse(detail == null || detail.isBlank(), bad.name() + " has no detail");
            assertFalse(answer.asString().contains("Exception") || answer.asString().contains("\tat "),
                    bad.name() + " shows a stack trace: " + answer.asString());
            assertEquals(before, State.of(team), bad.name() + " left something behind");
            assertTrue(logged.stream().noneMatch(line -> line.contains(SECRET)),
                    bad.name() + " wrote participant text into the log: " + logged);
        })));
    }

    /** What a bad request must leave as it was. */
    record State(int projects, int documents, int cases, int codes, int codings, int memos, int auditEvents) {
        static State of(Team t) {
            return new State(size(t.owner(), "/api/v1/projects"), size(t.supervisor(), t.path("/documents")),
                    size(t.supervisor(), t.path("/cases")), size(t.supervisor(), t.path("/codes")),
                    size(t.supervisor(), t.path("/codings")), size(t.supervisor(), t.path("/memos")),
                    size(t.supervisor(), t.path("/audit") + "?limit=1000"));
        }

        static int size(String user, String path) {
            return as(user).get(path).then().statusCode(200).extract().jsonPath().getList("$").size();
        }
    }

    Bad json(String name, int status, String method, String path, String body) {
        return new Bad(name, status, t -> Api.raw(sender(path, t))
                .header("X-Margin-Request", "1").contentType("application/json").body(body)
                .request(method, t.path(path)));
    }

    /** Codebook changes need a SUPERVISOR; codings and memos are a CODER's. */
    static String sender(String path, Team t) {
        return path.startsWith("/codes") ? t.supervisor() : t.coder();
    }

    Bad coding(String name, int start, int end) {
        return json(name, 400, "POST", "/codings",
                "{\"documentId\":%d,\"codeId\":%d,\"start\":%d,\"end\":%d}".formatted(document, code, start, end));
    }

    static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static Response upload(Team t, String fileName, byte[] bytes, String type) {
        RequestSpecification request = Api.raw(t.supervisor()).header("X-Margin-Request", "1")
                .multiPart("file", fileName, bytes, type);
        return request.post(t.path("/documents"));
    }

    Bad qdpx(String name, Map<String, String> entries) {
        return new Bad(name, 400, t -> importQdpx(t, zip(entries)));
    }

    /** A .qdpx import creates a project: the owner's project count must stay the same. */
    static Response importQdpx(Team t, byte[] archive) {
        return Api.raw(t.owner()).header("X-Margin-Request", "1")
                .multiPart("file", "hostile.qdpx", archive, "application/zip").post("/api/v1/projects/import/qdpx");
    }

    static String project(String inner) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Project xmlns=\"urn:QDA-XML:project:1.0\" name=\""
                + SECRET + "\">" + inner + "</Project>";
    }

    static String billionLaughs() {
        StringBuilder dtd = new StringBuilder("<?xml version=\"1.0\"?><!DOCTYPE Project [<!ENTITY l0 \"ha\">");
        for (int i = 1; i < 10; i++) {
            dtd.append("<!ENTITY l").append(i).append(" \"").append(("&l" + (i - 1) + ";").repeat(10)).append("\">");
        }
        return dtd.append("]><Project xmlns=\"urn:QDA-XML:project:1.0\" name=\"&l9;\"/>").toString();
    }

    static byte[] zip(Map<String, String> entries) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            for (Map.Entry<String, String> entry : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(entry.getKey()));
                zip.write(entry.getValue().getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /**
     * Two MiB of zeros in one deflated text entry that project.qde refers to (unreferenced entries are never
     * unpacked): far beyond the ratio limit whatever the header says.
     */
    static byte[] lyingSizes() {
        String source = "a1b2c3d4-0000-4000-8000-0000000000a1";
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry("project.qde"));
            zip.write(project("<Sources><TextSource guid=\"" + source + "\" name=\"T\" plainTextPath=\"internal://"
                    + source + ".txt\"/></Sources>").getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
            zip.putNextEntry(new ZipEntry("sources/" + source + ".txt"));
            zip.write(new byte[2 * 1024 * 1024]);
            zip.closeEntry();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
