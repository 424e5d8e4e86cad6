package app.margin.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import app.margin.support.Api;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * How long a 10 MB transcript takes to open in Chromium (a command, not a test: run with
 * {@code ./mvnw -B -q test -Pbench -Dtest=BigDocumentBenchmark}; README "Benchmarks"). It sits beside the browser
 * tests because it drives the same headless Chromium ({@link Browser}). Per run: the time from following the link
 * to the first turn on screen, and from there to the last turn on screen after jumping to the end. Sizes:
 * bench.megabytes (10), bench.codings (2000, spread over the text), bench.runs (3). {@code -Dbench.before=FILE}
 * also measures an older js/viewer.js (served in its place to the same page, same data), e.g. the whole-document
 * renderer: {@code git show 9ad0672:src/main/resources/META-INF/resources/js/viewer.js > /tmp/viewer-before.js}.
 * Prints BENCHMARK lines (medians and each run); asserts nothing about time.
 */
@QuarkusTest
@io.quarkus.test.junit.TestProfile(BigDocumentProfile.class)
class BigDocumentBenchmark {
    static final int MEGABYTES = Integer.getInteger("bench.megabytes", 10);
    static final int CODINGS = Integer.getInteger("bench.codings", 2000);
    static final int RUNS = Integer.getInteger("bench.runs", 3);

    @io.quarkus.test.common.http.TestHTTPResource("/")
    java.net.URL root;

    @Test
    void run() {
        String text = BigDocumentTest.transcript(MEGABYTES * 1_000_000);
        String owner = Api.newUser("bench-big");
        long pid = Api.newProject(owner, "Big document benchmark");
        long started = System.nanoTime();
        long did = Api.importText(owner, pid, "P30-10mb.txt", text, "TRANSCRIPT");
        long importMs = (System.nanoTime() - started) / 1_000_000;
        long code = Api.newCode(owner, pid, "Theme", null);
        List<Map<String, Integer>> units = Api.as(owner).get("/api/v1/projects/" + pid + "/documents/" + did)
                .then().extract().jsonPath().getList("units");
        for (int i = 0; i < CODINGS; i++) {
            Map<String, Integer> unit = units.get((int) ((long) i * units.size() / CODINGS));
            Api.code(owner, pid, did, code, unit.get("start"), Math.min(unit.get("end"), unit.get("start") + 40));
        }
        System.out.printf("BENCHMARK big document: %,d characters, %,d turns, %,d codings; import %d ms%n",
                text.length(), units.size(), CODINGS, importMs);

        String before = System.getProperty("bench.before");
        try (Browser browser = Browser.start()) {
            if (before != null) {
                measure(browser, owner, pid, did, "before (" + before + ")", readViewer(before));
            }
            measure(browser, owner, pid, did, "now", null);
        }
    }

    static String readViewer(String path) {
        try {
            return java.nio.file.Files.readString(java.nio.file.Path.of(path));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("bench.before names a viewer.js that cannot be read", e);
        }
    }

    /** RUNS openings in fresh profiles; {@code viewer} (when not null) is served in place of js/viewer.js. */
    void measure(Browser browser, String owner, long pid, long did, String label, String viewer) {
        long[] open = new long[RUNS];
        long[] end = new long[RUNS];
        for (int run = 0; run < RUNS; run++) {
            Page page = browser.newPage(); // a fresh profile: nothing cached
            if (viewer != null) {
                page.route("**/js/viewer.js", route -> route.fulfill(new com.microsoft.playwright.Route.FulfillOptions()
                        .setStatus(200).setContentType("text/javascript").setBody(viewer)));
            }
            page.navigate(root + "login.html");
            page.getByLabel("User name").fill(owner);
            page.getByLabel("Password").fill(Api.PASSWORD);
            page.getByRole(com.microsoft.playwright.options.AriaRole.BUTTON, new Page.GetByRoleOptions()
                    .setName("Sign in")).click();
            page.waitForURL(java.util.regex.Pattern.compile(".*/#?$"));
            long t0 = System.nanoTime();
            page.navigate(root + "#/projects/" + pid + "/documents/" + did);
            Locator first = page.locator(".said").first();
            assertThat(first).isInViewport(new com.microsoft.playwright.assertions.LocatorAssertions
                    .IsInViewportOptions().setTimeout(600_000));
            open[run] = (System.nanoTime() - t0) / 1_000_000;
            long t1 = System.nanoTime();
            Locator last = page.locator(".said", new Page.LocatorOptions().setHasText(BigDocumentTest.LAST));
            for (int i = 0; i < 50 && !(last.count() == 1 && last.evaluate(
                    "e => e.getBoundingClientRect().top < innerHeight").equals(true)); i++) {
                page.evaluate("() => new Promise(done => { scrollTo(0, document.documentElement.scrollHeight);"
                        + " requestAnimationFrame(() => requestAnimationFrame(done)); })");
            }
            end[run] = (System.nanoTime() - t1) / 1_000_000;
            System.out.printf("BENCHMARK big document, %s, run %d: first turn on screen %d ms, last turn %d ms later,"
                    + " %d turns in the page%n", label, run + 1, open[run], end[run], page.locator(".turn").count());
            page.context().close();
        }
        System.out.printf("BENCHMARK big document, %s (median of %d): open %d ms, to the end %d ms%n", label, RUNS,
                median(open), median(end));
    }

    static long median(long[] values) {
        long[] sorted = values.clone();
        java.util.Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
