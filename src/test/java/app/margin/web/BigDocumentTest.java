package app.margin.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.margin.support.Api;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A transcript of several megabytes opens with only the turns near the viewport in the page, and everything the
 * viewer does still works at its far end: scrolling there, coding a passage, a deep link that marks words.
 */
@QuarkusTest
@io.quarkus.test.junit.TestProfile(BigDocumentProfile.class)
class BigDocumentTest extends BrowserTest {
    /** More turns than this in the page means the whole document was rendered (this one has ~18,000). */
    static final int MOST_TURNS_IN_THE_PAGE = 300;
    static final String CODED = "Near the end the broker came back to Seoul.";
    static final String LINKED = "we never saw the river again";
    /** How long the page may take to read the document, on a machine shared with other builds. */
    static final double OPEN_MS = 60_000;
    static final String LAST = "These are the last words of the interview.";

    /** A transcript of about {@code bytes} UTF-8 bytes: two speakers, Korean and English words, three known phrases. */
    static String transcript(int bytes) {
        Random random = new Random(7);
        StringBuilder text = new StringBuilder();
        for (int turn = 0; text.length() < bytes / 1.1; turn++) {
            text.append(turn % 2 == 0 ? "Interviewer: " : "P30: ");
            for (int i = 0; i < 25; i++) {
                text.append(LongTranscriptTest.WORDS.get(random.nextInt(LongTranscriptTest.WORDS.size())))
                        .append(i == 24 ? ".\n\n" : " ");
            }
        }
        return text + "P30: And then " + LINKED + ", not once.\n\nInterviewer: Thank you.\n\nP30: " + CODED
                + "\n\nInterviewer: Anything else?\n\nP30: " + LAST + "\n";
    }

    /** Selects document text [start, end) as a mouse would and lets go of the button. */
    static void select(Page page, int start, int end) {
        page.evaluate("([start, end]) => { const spans = [...document.querySelectorAll('#document-text [data-start]')];"
                + " const at = o => { const s = spans.find(x => Number(x.dataset.start) <= o && o < Number(x.dataset.end))"
                + " ?? spans.find(x => Number(x.dataset.end) === o); return [s.firstChild, o - Number(s.dataset.start)]; };"
                + " const range = document.createRange(); range.setStart(...at(start)); range.setEnd(...at(end));"
                + " getSelection().removeAllRanges(); getSelection().addRange(range);"
                + " range.endContainer.parentElement.dispatchEvent(new MouseEvent('mouseup', {bubbles: true})); }",
                List.of(start, end));
    }

    @Test
    void aThreeMegabyteTranscriptRendersWhatIsOnScreenAndWorksAtItsEnd() {
        String text = transcript(3_000_000);
        String owner = Api.newUser("big");
        long pid = Api.newProject(owner, "Big transcript");
        long did = Api.importText(owner, pid, "P30-long.txt", text, "TRANSCRIPT");
        Api.newCode(owner, pid, "Return", null);

        Page page = browser.signIn(root, owner, Api.PASSWORD);
        List<String> errors = new java.util.concurrent.CopyOnWriteArrayList<>();
        page.onPageError(errors::add);
        page.navigate(root + "#/projects/" + pid + "/documents/" + did);
        // the page reads a 3 MB answer first: on a loaded machine that takes a while (the figure is the benchmark's)
        assertThat(page.locator(".turn").first()).isVisible(new LocatorAssertions.IsVisibleOptions().setTimeout(OPEN_MS));
        assertEquals(List.of(), errors);
        int turns = page.locator(".turn").count();
        assertTrue(turns > 0 && turns <= MOST_TURNS_IN_THE_PAGE, turns + " turns in the page");

        // scrolling to the end shows the last turn (estimated heights settle while it scrolls), still few in the page
        Locator last = page.locator(".said", new Page.LocatorOptions().setHasText(LAST));
        for (int i = 0; i < 20 && !(last.count() == 1 && last.evaluate("e => e.getBoundingClientRect().top < innerHeight")
                .equals(true)); i++) {
            page.evaluate("() => new Promise(done => { scrollTo(0, document.documentElement.scrollHeight);"
                    + " requestAnimationFrame(() => requestAnimationFrame(done)); })");
        }
        assertThat(last).isInViewport();
        assertTrue(page.locator(".turn").count() <= MOST_TURNS_IN_THE_PAGE, page.locator(".turn").count() + " turns");

        // a passage there is coded, and its stripe shows beside it
        int start = text.indexOf(CODED);
        select(page, start, start + CODED.length());
        page.keyboard().type("Return");
        page.keyboard().press("Enter");
        assertThat(page.getByText("Coded as “Return”.")).isVisible();
        Locator stripe = page.locator(".stripe[aria-label='Return by " + owner + "']");
        assertThat(stripe).hasCount(1);
        assertThat(stripe).isInViewport();
        List<Map<String, Object>> codings = Api.as(owner).get("/api/v1/projects/" + pid + "/codings?documentId=" + did)
                .then().statusCode(200).extract().jsonPath().getList("$");
        assertEquals(1, codings.size());
        assertEquals(start, ((Number) codings.getFirst().get("start")).intValue());
        assertEquals(start + CODED.length(), ((Number) codings.getFirst().get("end")).intValue());

        // a deep link near the end (as a search hit writes it) opens there, the searched words marked
        page.navigate(root + "#/projects/" + pid);
        int at = text.indexOf(LINKED);
        page.navigate(root + "#/projects/" + pid + "/documents/" + did + "?at=" + at + "&marks=" + at + "-"
                + (at + LINKED.length()));
        Locator marked = page.locator(".said .search-match");
        assertThat(marked).hasText(LINKED, new LocatorAssertions.HasTextOptions().setTimeout(OPEN_MS));
        assertThat(marked).isInViewport();
        assertThat(page.locator(".said.target")).hasCount(1);
        assertThat(page.locator(".said.target")).containsText(LINKED);
        assertTrue(page.locator(".turn").count() <= MOST_TURNS_IN_THE_PAGE, page.locator(".turn").count() + " turns");
        assertEquals(List.of(), errors);
    }
}
