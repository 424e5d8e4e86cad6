package app.margin.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static io.restassured.RestAssured.given;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.SelectOption;
import io.quarkus.test.junit.QuarkusTest;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Searching the demo project in the browser: KWIC hits, a hit opening the viewer, errors, auto-coding and undo. */
@QuarkusTest
class SearchPageTest extends BrowserTest {
    static long demoProject() {
        return given().auth().preemptive().basic("demo-coder1", "demo").get("/api/v1/projects").then().extract()
                .jsonPath().getLong("find { it.name == 'Onward migration (demo)' }.id");
    }


    @Test
    void aResearcherSearchesOpensAHitAndReadsASyntaxError() {
        long pid = demoProject();
        Page page = browser.signIn(root, "demo-supervisor", "demo");
        page.navigate(root + "#/projects/" + pid);
        page.getByRole(AriaRole.LINK, named("Search the documents")).click();
        page.getByLabel("Search", new Page.GetByLabelOptions().setExact(true)).fill("broker attr.gender:female");
        page.getByRole(AriaRole.BUTTON, named("Search")).click();
        assertThat(page.locator(".result-count")).containsText(Pattern.compile("\\d+ passages? found"));
        assertThat(page.locator(".hits mark").first()).hasText(Pattern.compile("broker", Pattern.CASE_INSENSITIVE));
        assertThat(page.locator(".search-counts")).containsText("Per document");
        Browser.screenshot(page, "search");

        String title = page.locator(".hit-group h2").first().textContent();
        page.locator(".hits a.hit").first().click();
        assertThat(page.getByRole(AriaRole.HEADING, named(title))).isVisible();
        assertThat(page.locator(".said.target")).isVisible();
        assertThat(page.locator(".said.target")).containsText(Pattern.compile("broker", Pattern.CASE_INSENSITIVE));

        page.goBack();
        page.getByLabel("Search", new Page.GetByLabelOptions().setExact(true)).fill("broker AND (debt");
        page.getByRole(AriaRole.BUTTON, named("Search")).click();
        assertThat(page.locator("#search-q + [role=alert]")).hasText("The query has an opening bracket ‘(’ without a "
                + "closing one (at character 12). Add the ‘)’ where the group ends, or remove the ‘(’.");
    }

    /** The hits of the query before would read as this query's; the reason stands beside the box, in plain words. */
    @Test
    void aFailedSearchLeavesNoOldResultsAndSaysWhyBesideTheBox() {
        long pid = demoProject();
        Page page = browser.signIn(root, "demo-coder1", "demo");
        page.navigate(root + "#/projects/" + pid + "/search");
        var box = page.getByLabel("Search", new Page.GetByLabelOptions().setExact(true));
        box.fill("broker");
        page.getByRole(AriaRole.BUTTON, named("Search")).click();
        assertThat(page.locator(".hits a.hit").first()).isVisible();

        box.fill("\"money broker");
        page.getByRole(AriaRole.BUTTON, named("Search")).click();
        assertThat(page.locator("#search-q + [role=alert]")).hasText("The query has an opening quote without a closing "
                + "one (at character 1). End the phrase with another \", or remove the quote.");
        assertThat(page.locator(".hits a.hit")).hasCount(0);
        assertThat(page.locator(".result-count")).hasCount(0);
        assertThat(page.locator(".search-counts")).isHidden();
        assertThat(box).hasAttribute("aria-invalid", "true");
        assertThat(page.locator("#message")).isHidden();
        assertThat(page.locator("body")).not().containsText("Encountered");

        box.fill("broker");
        page.getByRole(AriaRole.BUTTON, named("Search")).click();
        assertThat(page.locator(".hits a.hit").first()).isVisible();
        assertThat(page.locator("#search-q + [role=alert]")).hasCount(0);
    }

    @Test
    void aCoderAutoCodesTheHitsAfterAPreviewAndUndoes() {
        long pid = demoProject();
        Page page = browser.signIn(root, "demo-coder2", "demo");
        page.navigate(root + "#/projects/" + pid + "/search");
        page.getByLabel("Search", new Page.GetByLabelOptions().setExact(true)).fill("\"glass ceiling\"");
        page.getByLabel("Hit unit").selectOption("sentence");
        page.getByRole(AriaRole.BUTTON, named("Search")).click();
        assertThat(page.locator(".result-count")).containsText("found");
        page.getByLabel("Code", new Page.GetByLabelOptions().setExact(true)).selectOption(new SelectOption().setLabel(
                "Reasons for leaving South Korea > Glass ceiling"));
        page.getByRole(AriaRole.BUTTON, named("Preview")).click();
        assertThat(page.locator(".autocode [role=status]")).containsText(Pattern.compile("This will create \\d+ segments"));
        page.getByRole(AriaRole.BUTTON, named("Apply the code")).click();
        assertThat(page.locator(".autocode [role=status]")).containsText(Pattern.compile("Coded \\d+ segments"));
        Browser.screenshot(page, "search-autocoded");
        page.getByRole(AriaRole.BUTTON, named("Undo")).click();
        assertThat(page.locator(".autocode [role=status]")).containsText(Pattern.compile("Undone: removed \\d+ codings"));
    }
}
