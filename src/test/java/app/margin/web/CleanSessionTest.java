package app.margin.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * A normal day with the demo project, from the landing page to signing out, logs no console error, no failed request
 * and no answer of 400 or more: an error in the console is a bug a user never asked for (the landing page used to
 * ask who is signed in and get a 401; every page made the browser fetch a /favicon.ico that is not there).
 */
@QuarkusTest
class CleanSessionTest extends BrowserTest {
    @Test
    void aNormalJourneyLogsNoErrors() {
        long pid = SearchPageTest.demoProject();
        Page page = browser.newPage();
        List<String> errors = new CopyOnWriteArrayList<>();
        page.onConsoleMessage(m -> {
            if (m.type().equals("error")) {
                errors.add("console error: " + m.text() + " (" + m.location() + ")");
            }
        });
        page.onPageError(e -> errors.add("uncaught: " + e));
        page.onRequestFailed(r -> {
            // ERR_ABORTED is the page letting go of a request (EventSource.close() on leaving the viewer, a fetch
            // still being read when signing out opens the sign-in page): nothing failed, and nothing is logged
            if (!r.failure().contains("ERR_ABORTED")) {
                errors.add("request failed: " + r.method() + " " + r.url() + " " + r.failure());
            }
        });
        page.onResponse(r -> {
            if (r.status() >= 400) {
                errors.add(r.status() + " for " + r.request().method() + " " + r.url());
            }
        });

        page.navigate(root.toString());
        page.waitForURL(Pattern.compile(".*/login\\.html.*"));
        page.getByLabel("User name").fill("demo-supervisor");
        page.getByLabel("Password").fill("demo");
        page.getByRole(AriaRole.BUTTON, named("Sign in")).click();
        assertThat(page.getByRole(AriaRole.HEADING, named("Your projects"))).isVisible();

        page.getByRole(AriaRole.LINK, named("Onward migration (demo)")).click();
        assertThat(page.locator("#documents-heading")).containsText("Documents");
        page.locator("#documents-heading ~ table a").first().click();
        assertThat(page.locator(".code-tree")).isVisible();
        String phrase = (String) page.evaluate("() => { const span = [...document.querySelectorAll('#document-text [data-start]')]"
                + ".find(s => s.textContent.trim().length > 30); return span.firstChild.textContent.trim().slice(0, 20).trim(); }");
        CodeTreePanelTest.selectWithMouse(page, phrase);
        var coded = page.waitForResponse(r -> r.request().method().equals("POST") && r.url().endsWith("/codings"),
                () -> page.locator(".code-tree .code-apply").first().click());
        long coding = io.restassured.path.json.JsonPath.from(coded.text()).getLong("id");
        assertThat(page.getByText(Pattern.compile("Coded as “.*”\\."))).isVisible();

        page.navigate(root + "#/projects/" + pid + "/search");
        page.getByLabel("Search", new Page.GetByLabelOptions().setExact(true)).fill("broker");
        page.getByRole(AriaRole.BUTTON, named("Search")).click();
        assertThat(page.locator(".result-count")).containsText("found");

        page.navigate(root + "#/projects/" + pid + "/codebook");
        assertThat(page.getByRole(AriaRole.HEADING, named("Codebook of Onward migration (demo)"))).isVisible();
        page.locator(".code-link").first().click();
        assertThat(page.locator(".code-form h2")).isVisible();

        page.navigate(root + "#/projects/" + pid + "/analysis");
        assertThat(page.locator("h1")).containsText("Onward migration (demo)");
        page.navigate(root + "#/projects/" + pid + "/agreement");
        assertThat(page.locator("h1")).containsText("agreement", new com.microsoft.playwright.assertions.LocatorAssertions
                .ContainsTextOptions().setIgnoreCase(true));
        page.navigate(root + "#/projects/" + pid + "/exports");
        assertThat(page.getByRole(AriaRole.HEADING, named("Exports: Onward migration (demo)"))).isVisible();
        page.navigate(root + "#/projects/" + pid + "/memos");
        assertThat(page.locator("h1")).containsText("Memos", new com.microsoft.playwright.assertions.LocatorAssertions
                .ContainsTextOptions().setIgnoreCase(true));

        page.getByRole(AriaRole.BUTTON, named("Sign out")).click();
        page.waitForURL(Pattern.compile(".*/login\\.html.*"));
        assertThat(page.getByLabel("User name")).isVisible();
        page.waitForLoadState();
        given().auth().preemptive().basic("demo-supervisor", "demo") // other tests find the demo project as it was
                .delete("/api/v1/projects/" + pid + "/codings/" + coding).then().statusCode(204);
        assertEquals(List.of(), errors);
    }

}
