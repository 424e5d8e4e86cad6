package app.margin.web;

import io.quarkus.test.common.http.TestHTTPResource;
import java.net.URL;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** A page test: one Chromium for the class (skipped with the install command when Chromium is missing), and Margin's root URL. */
@org.junit.jupiter.api.Tag(BrowserTest.TAG)
abstract class BrowserTest {
    /** Browser journeys; the PostgreSQL run leaves them out (pom.xml, profile crash-postgres). */
    static final String TAG = "browser";
    static Browser browser;

    @TestHTTPResource("/")
    URL root;

    @BeforeAll
    static void startBrowser() {
        // Playwright's 5 s for an expectation is too short on a loaded 2-core machine (a page's requests then take
        // seconds); a passing expectation returns as soon as it holds, so only a failure waits the whole 15 s.
        com.microsoft.playwright.assertions.PlaywrightAssertions.setDefaultAssertionTimeout(15_000);
        browser = Browser.start();
    }

    /** A role query by accessible name: page.getByRole(AriaRole.BUTTON, named("Save")). */
    static com.microsoft.playwright.Page.GetByRoleOptions named(String name) {
        return new com.microsoft.playwright.Page.GetByRoleOptions().setName(name);
    }

    /** The POST requests a page sends to addresses ending in {@code pathEnd}, as the browser sent them. */
    static java.util.List<com.microsoft.playwright.Request> posts(com.microsoft.playwright.Page page, String pathEnd) {
        java.util.List<com.microsoft.playwright.Request> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        page.onRequest(r -> {
            if (r.method().equals("POST") && r.url().endsWith(pathEnd)) {
                seen.add(r);
            }
        });
        return seen;
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.close();
            browser = null;
        }
    }
}
