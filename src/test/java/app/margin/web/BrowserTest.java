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
        browser = Browser.start();
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.close();
            browser = null;
        }
    }
}
