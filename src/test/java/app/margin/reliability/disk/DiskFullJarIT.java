package app.margin.reliability.disk;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restassured.response.Response;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The packaged jar on a data disk that fills up, and on a data directory it cannot write: what a user sees, what the
 * log says, and that a restart after freeing space keeps every change that was answered 2xx. Runs in
 * {@code ./mvnw verify} after packaging (failsafe); skipped where the machine cannot mount a small filesystem.
 */
class DiskFullJarIT {
    private static final Path WORK = Path.of("target", "disk-jar-" + ProcessHandle.current().pid()).toAbsolutePath();

    @Test
    void aFullDataDiskRefusesChangesWith507GoesUnreadyAndARestartAfterFreeingSpaceKeepsEveryAcknowledgedChange()
            throws Exception {
        Assumptions.assumeTrue(MarginJar.why().isEmpty(), () -> "Skipped: " + MarginJar.why().orElse(""));
        Assumptions.assumeTrue(SmallDisk.why().isEmpty(), () -> "Skipped: " + SmallDisk.why().orElse(""));
        Path data = WORK.resolve("full");
        Set<Long> codings = new TreeSet<>();
        Set<Long> documents = new TreeSet<>();
        long pid;
        String lastWord = null;
        try (SmallDisk disk = SmallDisk.mount(data, 8L << 20)) {
            Path firstLog = WORK.resolve("full-1.log");
            List<Response> refused = new ArrayList<>();
            try (MarginJar margin = MarginJar.start(data, 18461, firstLog)) {
                pid = margin.admin().contentType("application/json").body(Map.of("name", "Full disk"))
                        .post("/api/v1/projects").then().statusCode(201).extract().jsonPath().getLong("id");
                long doc = importText(margin, pid, "We crossed the river at night.").then().statusCode(201)
                        .extract().jsonPath().getLong("imported[0].id");
                documents.add(doc);
                long code = margin.admin().contentType("application/json").body(Map.of("name", "Crossing"))
                        .post("/api/v1/projects/" + pid + "/codes").then().statusCode(201).extract().jsonPath()
                        .getLong("id");
                long target = doc;
                for (int i = 0; i < 2_000 && refused.isEmpty(); i++) {
                    int start = target == doc ? i : 3 * i;
                    Response coded = margin.admin().contentType("application/json")
                            .body(Map.of("documentId", target, "codeId", code, "start", start, "end", start + 5))
                            .post("/api/v1/projects/" + pid + "/codings");
                    if (coded.statusCode() == 201) {
                        codings.add(coded.jsonPath().getLong("id"));
                    } else {
                        refused.add(coded);
                    }
                    if (i % 5 == 4 && refused.isEmpty()) {
                        String filler = SmallDisk.filler(40_000, i);
                        Response imported = importText(margin, pid, filler);
                        if (imported.statusCode() == 201) {
                            target = imported.jsonPath().getLong("imported[0].id");
                            documents.add(target);
                            lastWord = filler.substring(0, filler.indexOf(' '));
                        } else {
                            refused.add(imported);
                        }
                    }
                }
                assertFalse(refused.isEmpty(), "an 8 MiB data disk should have filled up");
                System.out.printf("The 8 MiB data disk filled after %d codings and %d documents answered 201%n",
                        codings.size(), documents.size());
                Response first = refused.get(0);
                assertEquals(507, first.statusCode(), first.asString());
                assertEquals("application/problem+json", first.contentType());
                assertEquals("Not saved: disk full", first.jsonPath().getString("title"));
                assertTrue(first.jsonPath().getString("detail").startsWith("Margin could not save this: the disk that "
                        + "holds its database is full. Nothing of this request was saved"), first.asString());

                for (int i = 0; i < 5; i++) {
                    margin.admin().get("/api/v1/projects/" + pid + "/codings").then().statusCode(503)
                            .contentType("application/problem+json")
                            .body("title", equalTo("Database unavailable"))
                            .body("detail", containsString("Ask your administrator to free space on the disk that "
                                    + "holds Margin's data and restart Margin."));
                }
                margin.anonymous().get("/q/health/ready").then().statusCode(503).body("status", equalTo("DOWN"));
            }
            List<String> log = Files.readAllLines(firstLog);
            List<String> errors = log.stream().filter(l -> l.contains(" ERROR ")).toList();
            assertEquals(1, errors.size(), "one error line, not one per request: " + errors);
            assertTrue(errors.get(0).contains("Margin cannot write its embedded database " + data.resolve("margin.mv.db")
                    + ": the disk is full (No space left on device)."), errors.get(0));
            assertTrue(errors.get(0).contains("What to do: free space on the disk that holds Margin's data, then "
                    + "restart Margin"), errors.get(0));
            assertTrue(log.stream().noneMatch(l -> l.contains("Unexpected failure")), "no request was a 500");

            disk.grow(256L << 20);
            try (MarginJar margin = MarginJar.start(data, 18462, WORK.resolve("full-2.log"))) {
                margin.anonymous().get("/q/health/ready").then().statusCode(200);
                Set<Long> storedCodings = new HashSet<>(margin.admin().get("/api/v1/projects/" + pid + "/codings")
                        .then().statusCode(200).extract().jsonPath().getList("id", Long.class));
                assertEquals(codings, new TreeSet<>(storedCodings), "every coding answered 201, and no other");
                Set<Long> storedDocuments = new HashSet<>(margin.admin().get("/api/v1/projects/" + pid + "/documents")
                        .then().statusCode(200).extract().jsonPath().getList("id", Long.class));
                assertEquals(documents, new TreeSet<>(storedDocuments), "every document answered 201, and no other");
                search(margin, pid, "code:Crossing").then().statusCode(200).body("total", greaterThan(0));
                if (lastWord != null) {
                    search(margin, pid, lastWord).then().statusCode(200).body("total", greaterThan(0));
                }
            }
        }
    }

    @Test
    void aDataDirectoryThatCannotBeWrittenStopsTheStartWithOneLineSayingWhatToDo() throws Exception {
        Assumptions.assumeTrue(MarginJar.why().isEmpty(), () -> "Skipped: " + MarginJar.why().orElse(""));
        Path data = WORK.resolve("read-only");
        Files.createDirectories(data);
        Assumptions.assumeTrue(SmallDisk.whyNotUnwritable(WORK.resolve("probe")).isEmpty(),
                () -> "Skipped: " + SmallDisk.whyNotUnwritable(WORK.resolve("probe")).orElse(""));
        // on a tmpfs where one can be mounted: unmounting it also ends an immutable flag left by a killed run
        try (SmallDisk disk = SmallDisk.why().isEmpty() ? SmallDisk.mount(data, 64L << 20) : null) {
            SmallDisk.unwritable(data);
            try (MarginJar margin = MarginJar.start(data, 18463, WORK.resolve("read-only-fresh.log"))) {
                // a fresh directory: the start check finds it before the database is created
                assertRefused(margin, true, "Margin did not start: it cannot write to " + data + " because the "
                        + "directory is read-only or not writable for the account that runs Margin");
            } finally {
                SmallDisk.writable(data);
            }
            try (MarginJar margin = MarginJar.start(data, 18463, WORK.resolve("read-only-first.log"))) {
                margin.anonymous().get("/q/health/ready").then().statusCode(200);
            }
            SmallDisk.unwritable(data); // an installation whose directory became read-only
            try (MarginJar margin = MarginJar.start(data, 18463, WORK.resolve("read-only.log"))) {
                assertRefused(margin, true, "Margin did not start: it cannot write to " + data + " because the "
                        + "directory is read-only or not writable for the account that runs Margin");
            } finally {
                SmallDisk.writable(data);
            }
        }
    }

    @Test
    void aDataDiskThatIsAlreadyFullStopsTheStartWithOneLineSayingWhatToDo() throws Exception {
        Assumptions.assumeTrue(MarginJar.why().isEmpty(), () -> "Skipped: " + MarginJar.why().orElse(""));
        Assumptions.assumeTrue(SmallDisk.why().isEmpty(), () -> "Skipped: " + SmallDisk.why().orElse(""));
        Path data = WORK.resolve("already-full");
        try (SmallDisk disk = SmallDisk.mount(data, 4L << 20)) {
            try (MarginJar margin = MarginJar.start(data, 18464, WORK.resolve("already-full-first.log"))) {
                margin.anonymous().get("/q/health/ready").then().statusCode(200);
            }
            try (var out = Files.newOutputStream(data.resolve("someone-elses-file"))) {
                out.write(new byte[8 << 20]);
            } catch (java.io.IOException full) {
                // filled
            }
            try (MarginJar margin = MarginJar.start(data, 18464, WORK.resolve("already-full.log"))) {
                assertRefused(margin, true, "Margin did not start: it cannot write to " + data + " because the disk is full "
                        + "(No space left on device). Free space on the disk that holds it.");
            }
        }
    }

    /** Margin exited non-zero with one line that says it, and no stack trace; logged as one ERROR if {@code logged}. */
    private static void assertRefused(MarginJar margin, boolean logged, String expected) throws Exception {
        int exit = margin.exitCode(120);
        assertNotEquals(-1, exit, "Margin should have refused to start");
        assertNotEquals(0, exit);
        List<String> log = margin.logLines();
        List<String> saying = log.stream().filter(l -> l.contains(expected)).toList();
        assertEquals(1, saying.size(), String.join("\n", log));
        if (logged) {
            List<String> errors = log.stream().filter(l -> l.contains(" ERROR ")).toList();
            assertEquals(saying, errors, String.join("\n", log));
        }
        assertTrue(log.stream().noneMatch(l -> l.startsWith("\tat ")), "no stack trace: " + String.join("\n", log));
    }

    private static Response importText(MarginJar margin, long pid, String text) {
        return margin.admin().multiPart("file", "text.txt", text.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                "text/plain").post("/api/v1/projects/" + pid + "/documents");
    }

    /** Searches until the index has caught up with the database (it does so in the background after a start). */
    private static Response search(MarginJar margin, long pid, String q) throws InterruptedException {
        long deadline = System.nanoTime() + 120_000_000_000L;
        Response response = margin.admin().queryParam("q", q).get("/api/v1/projects/" + pid + "/search");
        while (response.statusCode() != 200 && System.nanoTime() < deadline) {
            Thread.sleep(500);
            response = margin.admin().queryParam("q", q).get("/api/v1/projects/" + pid + "/search");
        }
        return response;
    }
}
