package app.margin.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.margin.support.Api;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.net.URL;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A 15,000-word transcript with 500 codings renders completely (every turn, every stripe). The time to the
 * rendered page is printed as a figure for the notes, never asserted.
 */
@QuarkusTest
@org.junit.jupiter.api.Tag(BrowserTest.TAG)
class LongTranscriptTest {
    static final List<String> WORDS = List.of("the", "broker", "money", "we", "walked", "river", "school", "my", "daughter",
            "church", "work", "London", "Seoul", "차별", "브로커", "and", "then", "it", "was", "hard");

    @TestHTTPResource("/")
    URL root;

    @Test
    void fifteenThousandWordsWithFiveHundredCodingsRenderCompletely() {
        Random random = new Random(42);
        StringBuilder text = new StringBuilder();
        int words = 0;
        int turn = 0;
        while (words < 15_000) {
            text.append(turn++ % 2 == 0 ? "Interviewer: " : "P30: ");
            for (int i = 0; i < 25; i++, words++) {
                text.append(WORDS.get(random.nextInt(WORDS.size()))).append(i == 24 ? ".\n\n" : " ");
            }
        }
        String owner = Api.newUser("long");
        long pid = Api.newProject(owner, "Long transcript");
        long did = Api.importText(owner, pid, "P30.txt", text.toString(), "TRANSCRIPT");
        long code = Api.newCode(owner, pid, "Theme", null);
        JsonPath doc = Api.as(owner).get("/api/v1/projects/" + pid + "/documents/" + did).then().extract().jsonPath();
        List<Map<String, Integer>> units = doc.getList("units");
        for (int i = 0; i < 500; i++) {
            Map<String, Integer> unit = units.get(i % units.size());
            int start = unit.get("start") + (i / units.size()) * 3;
            Api.code(owner, pid, did, code, start, start + 20);
        }

        try (Browser browser = Browser.start()) {
            Page page = browser.signIn(root, owner, Api.PASSWORD);
            long started = System.nanoTime();
            page.navigate(root + "#/projects/" + pid + "/documents/" + did);
            assertThat(page.locator(".stripe")).hasCount(500);
            long elapsedMs = (System.nanoTime() - started) / 1_000_000;
            double renderMs = ((Number) page.evaluate("() => performance.getEntriesByType('measure')"
                    + ".filter(m => m.name === 'document-render').map(m => m.duration).pop() ?? -1")).doubleValue();
            System.out.printf("FIGURE long transcript: %d turns, %d codings, page ready in %d ms (render %.0f ms)%n",
                    units.size(), 500, elapsedMs, renderMs);
            assertEquals(units.size(), page.locator(".turn").count());
            // the density bar says where the transcript is coded; a click on its middle opens the middle of the text
            Locator density = page.getByRole(AriaRole.IMG, new Page.GetByRoleOptions().setName(
                    java.util.regex.Pattern.compile("Coding density")));
            assertThat(density).isVisible();
            // codings on the first 500 of 600 turns: the first five sixths of the bar's 120 cells, the rest empty
            int coded = page.locator(".density .cell.coded").count();
            assertTrue(coded >= 95 && coded <= 105, coded + " cells coded");
            assertEquals(0, page.locator(".density .cell:last-child.coded").count(), "the uncoded end shows empty");
            var bar = density.boundingBox();
            density.click(new Locator.ClickOptions().setPosition(bar.width / 2, bar.height / 2));
            assertThat(page.locator(".said:focus")).hasCount(1);
            double at = ((Number) page.evaluate("() => Number(document.activeElement.dataset.unitStart)")).doubleValue();
            assertTrue(Math.abs(at / text.length() - 0.5) < 0.01, "opened at " + at + " of " + text.length());
            assertThat(density).isInViewport(); // it stays on screen while the transcript scrolls
        }
    }
}
