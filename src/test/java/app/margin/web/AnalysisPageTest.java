package app.margin.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.Download;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.file.Files;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The co-occurrence heatmaps of the demo project: a cell opens its segments, a matrix downloads as CSV. */
@QuarkusTest
class AnalysisPageTest extends BrowserTest {
    @Test
    void aSupervisorReadsTheHeatmapsOpensACellAndDownloadsTheCsv() throws Exception {
        long pid = given().auth().preemptive().basic("demo-supervisor", "demo").get("/api/v1/projects").then().extract()
                .jsonPath().getLong("find { it.name == 'Onward migration (demo)' }.id");
        Page page = browser.signIn(root, "demo-supervisor", "demo");
        page.navigate(root + "#/projects/" + pid);
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Co-occurrence")).click();
        page.getByLabel("Co-occur when").selectOption("unit");
        assertThat(page.locator("table.heatmap caption")).containsText("coded segments");
        assertThat(page.locator("table.heatmap caption")).containsText("Every coder’s layer");
        assertThat(page.locator("table.heatmap tbody tr").first()).isVisible();
        String everyLayer = page.locator("table.heatmap caption").textContent();

        // whose codings are counted is a choice, and the caption says it
        page.getByLabel("Codings of").selectOption(new com.microsoft.playwright.options.SelectOption()
                .setLabel("Demo coder 1 (demo-coder1)"));
        assertThat(page.locator("table.heatmap caption")).containsText("(demo-coder1): ");
        assertTrue(!page.locator("table.heatmap caption").textContent().equals(everyLayer));
        page.getByLabel("Codings of").selectOption(new com.microsoft.playwright.options.SelectOption()
                .setLabel("Every coder’s layer"));
        assertThat(page.locator("table.heatmap caption")).hasText(everyLayer);
        Browser.screenshot(page, "cooccurrence");

        // a code × code cell lists the segment pairs it counted: as many as it shows, each pair in one layer
        assertThat(page.locator("table.heatmap caption")).containsText("pairs only inside one layer");
        Locator pairCell = page.locator("table.heatmap td:not(.diagonal) button.cell-link").first();
        String pairs = pairCell.textContent().strip();
        pairCell.click();
        assertThat(page.locator("#pairs-heading")).hasText(Pattern.compile("^" + pairs + " segment pairs? of .+ × .+"));
        if (Integer.parseInt(pairs) <= 200) {
            assertThat(page.locator("table.pairs tbody tr")).hasCount(Integer.parseInt(pairs));
        }
        // in one coder's layer too
        page.getByLabel("Codings of").selectOption(new com.microsoft.playwright.options.SelectOption()
                .setLabel("Demo coder 1 (demo-coder1)"));
        assertThat(page.locator("table.heatmap caption")).containsText("(demo-coder1): ");
        Locator coderCell = page.locator("table.heatmap td:not(.diagonal) button.cell-link").first();
        String coderPairs = coderCell.textContent().strip();
        coderCell.click();
        assertThat(page.locator("#pairs-heading")).hasText(Pattern.compile("^" + coderPairs + " segment pairs? of "));
        assertThat(page.locator("table.pairs tbody td:nth-child(2)").first()).hasText("demo-coder1");

        // a code × document cell opens the search of its segments, which finds the cell's number
        page.getByLabel("Matrix").selectOption("documents");
        // the code × code matrix's diagonal cells are links too: read a cell only once the new matrix is drawn
        assertThat(page.locator("table.heatmap caption")).containsText("codes by document");
        Locator documentCell = page.locator("table.heatmap td a").first();
        String segments = documentCell.textContent().strip();
        documentCell.click();
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName(Pattern.compile("^Search ")))).isVisible();
        assertThat(page.locator(".result-count")).hasText(Pattern.compile("^" + segments + " segments? found"));

        page.goBack();
        page.getByLabel("Codings of").selectOption(new com.microsoft.playwright.options.SelectOption()
                .setLabel("Every coder’s layer"));
        page.getByLabel("Matrix").selectOption("attributes");
        page.getByLabel("Attribute").selectOption("gender");
        assertThat(page.locator("table.heatmap thead")).containsText("female");
        assertThat(page.locator("table.heatmap caption")).containsText("each coder’s segments counted apart");
        Locator attributeCell = page.locator("table.heatmap td a").first();
        String attributeSegments = attributeCell.textContent().strip();
        attributeCell.click();
        assertThat(page.locator(".result-count")).hasText(Pattern.compile("^" + attributeSegments + " segments? found"));
        page.goBack();
        page.getByLabel("Matrix").selectOption("attributes");
        page.getByLabel("Attribute").selectOption("gender");
        assertThat(page.locator("table.heatmap thead")).containsText("female");
        Download download = page.waitForDownload(() -> page.getByRole(AriaRole.BUTTON,
                new Page.GetByRoleOptions().setName("Download CSV")).click());
        String csv = Files.readString(download.path());
        assertTrue(csv.startsWith("Code,female,male"), csv);

        page.getByLabel("Code", new Page.GetByLabelOptions().setExact(true)).selectOption(
                new com.microsoft.playwright.options.SelectOption().setLabel("The journey > Broker role"));
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Show words")).click();
        assertThat(page.locator("table.keywords tbody tr").first()).isVisible();
        for (String filler : new String[] {"like", "who", "about", "yeah"}) {
            assertThat(page.locator("table.keywords tbody td:first-child").getByText(filler,
                    new com.microsoft.playwright.Locator.GetByTextOptions().setExact(true))).hasCount(0);
        }
        Browser.screenshot(page, "keywords");
    }
}
