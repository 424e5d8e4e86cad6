package app.margin.reliability.disk;

import app.margin.support.DatabaseIndependent;
import static app.margin.support.Api.ADMIN;
import static app.margin.support.Api.as;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.margin.support.Api;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The search index is derived data: when its disk is full or its directory unwritable, changes are still saved and
 * answered 2xx, searches answer 503 saying why (logged once, not per search), and once the disk is usable again the
 * index catches up from the database without a restart.
 */
@QuarkusTest
@WithTestResource(IndexOnSmallDisk.class)
@DatabaseIndependent
class DiskIndexTroubleTest {
    private final List<LogRecord> logged = new CopyOnWriteArrayList<>();
    private final Logger troubleLog = Logger.getLogger("app.margin.search.IndexTrouble");
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            logged.add(record);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void listen() {
        troubleLog.addHandler(capture);
    }

    @AfterEach
    void stopListening() {
        troubleLog.removeHandler(capture);
    }

    @Test
    void aFullIndexDiskKeepsChangesSavedAnswers503LoggedOnceAndCatchesUpWhenSpaceIsFreed() throws Exception {
        Assumptions.assumeTrue(SmallDisk.why().isEmpty(), () -> "Skipped: " + SmallDisk.why().orElse(""));
        long pid = Api.newProject(ADMIN, "Disk full");
        long small = Api.importText(ADMIN, pid, "small.txt", "We waited at the border for nine days.", null);
        search(pid, "border").then().statusCode(200).body("total", equalTo(1));

        String big = SmallDisk.filler(120_000, 7); // ~0.8 MB of text: its index does not fit in 256 KiB
        String word = big.substring(0, big.indexOf(' '));
        Api.importText(ADMIN, pid, "big.txt", big, null); // 201: the database has it
        long code = Api.newCode(ADMIN, pid, "Waiting", null);
        long coding = Api.code(ADMIN, pid, small, code, 3, 9); // 201 although the index cannot take it

        for (int i = 0; i < 10; i++) {
            search(pid, "border").then().statusCode(503)
                    .contentType("application/problem+json")
                    .header("Retry-After", notNullValue())
                    .body("title", equalTo("Search unavailable"))
                    .body("detail", containsString("Search is unavailable: Margin cannot write its search index at "))
                    .body("detail", containsString("(the disk is full). Your codings and documents are saved. Ask "
                            + "your administrator to free space on the disk that holds "));
        }
        as(ADMIN).get("/api/v1/projects/" + pid + "/codings").then().statusCode(200)
                .body("id", org.hamcrest.Matchers.hasItem((int) coding));
        List<String> warnings = messages(Level.WARNING, pid);
        assertEquals(1, warnings.size(), "one line per failing index, not one per search: " + warnings);
        assertTrue(warnings.get(0).contains("cannot be written: the disk is full (No space left on device). "
                + "Codings and documents are still saved in the database"), warnings.get(0));
        assertTrue(warnings.get(0).contains("What to do: free space on the disk that holds "), warnings.get(0));

        IndexOnSmallDisk.disk.grow(64L << 20);
        Response caughtUp = untilAnswered(pid, word);
        caughtUp.then().statusCode(200).body("total", greaterThan(0));
        search(pid, "code:Waiting").then().statusCode(200).body("total", equalTo(1));
        assertEquals(1, messages(Level.INFO, pid).size(), "says once that the index is written again");
    }

    @Test
    void anUnwritableIndexDirectoryKeepsChangesSavedAnswers503AndCatchesUpWhenWritableAgain() throws Exception {
        Path root = Path.of(ConfigProvider.getConfig().getValue("margin.data-dir", String.class)).resolve("index");
        Assumptions.assumeTrue(SmallDisk.whyNotUnwritable(root.resolve("probe-dir")).isEmpty(),
                () -> "Skipped: " + SmallDisk.whyNotUnwritable(root.resolve("probe-dir")).orElse(""));
        Files.deleteIfExists(root.resolve("probe-dir"));
        long pid = Api.newProject(ADMIN, "Read-only index");
        long doc = Api.importText(ADMIN, pid, "notes.txt", "The office closed before we arrived.", null);
        search(pid, "office").then().statusCode(200).body("total", equalTo(1));

        Path dir = root.resolve("project-" + pid);
        SmallDisk.unwritable(dir);
        try {
            long code = Api.newCode(ADMIN, pid, "Closed doors", null);
            Api.code(ADMIN, pid, doc, code, 4, 10); // saved: 201
            search(pid, "office").then().statusCode(503)
                    .body("detail", containsString("(the directory is read-only or not writable for the account that "
                            + "runs Margin). Your codings and documents are saved. Ask your administrator to make "));
            assertEquals(1, messages(Level.WARNING, pid).size());
        } finally {
            SmallDisk.writable(dir);
        }
        untilAnswered(pid, "code:\"Closed doors\"").then().statusCode(200).body("total", equalTo(1));
    }

    private static Response search(long pid, String q) {
        return as(ADMIN).queryParam("q", q).get("/api/v1/projects/" + pid + "/search");
    }

    /** Searches until the index has caught up (it retries after margin.index-retry-delay, 1 s here). */
    private static Response untilAnswered(long pid, String q) throws InterruptedException {
        long deadline = System.nanoTime() + 60_000_000_000L;
        Response response = search(pid, q);
        while (response.statusCode() == 503 && System.nanoTime() < deadline) {
            Thread.sleep(200);
            response = search(pid, q);
        }
        return response;
    }

    private List<String> messages(Level level, long pid) {
        return logged.stream().filter(r -> r.getLevel().intValue() == level.intValue())
                .map(r -> r.getParameters() == null ? r.getMessage()
                        : String.format(r.getMessage(), r.getParameters()))
                .filter(m -> m.contains("project " + pid + " "))
                .toList();
    }
}
