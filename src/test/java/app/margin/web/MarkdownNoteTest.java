package app.margin.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import app.margin.support.Api;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A field note imported from Markdown is shown formatted, never as HTML, and codes at its stored text's offsets. */
@QuarkusTest
class MarkdownNoteTest extends BrowserTest {
    static final String NOTE = "# Thursday, market in Yanji\n\n"
            + "We met **Mrs Kim** at the *fish stall*; she said:\n\n"
            + "> The broker comes on Fridays.\n\n"
            + "- rice prices up\n- two new stalls\n\n"
            + "Typed by hand: <b onclick=\"alert(1)\">not bold</b>\n";

    @Test
    void aMarkdownFieldNoteShowsHeadingsEmphasisQuotesAndListsAndCodesAtSourceOffsets() {
        String owner = Api.newUser("notes");
        long pid = Api.newProject(owner, "Field notes");
        long did = Api.importText(owner, pid, "yanji.md", NOTE, "FIELD_NOTE");
        Api.newCode(owner, pid, "Informant", null);

        Page page = browser.signIn(root, owner, Api.PASSWORD);
        page.navigate(root + "#/projects/" + pid + "/documents/" + did);
        Locator text = page.locator("#document-text");
        assertThat(text.getByRole(AriaRole.HEADING, new Locator.GetByRoleOptions().setName("Thursday, market in Yanji"))).isVisible();
        assertThat(text.locator("blockquote")).containsText("The broker comes on Fridays.");
        assertThat(text.getByRole(AriaRole.LISTITEM)).hasCount(2);
        Locator strong = text.locator(".md-strong");
        assertThat(strong).hasText("Mrs Kim");
        assertEquals("700", strong.evaluate("e => getComputedStyle(e).fontWeight"));
        assertEquals("italic", text.locator(".md-em").evaluate("e => getComputedStyle(e).fontStyle"));
        // HTML in the note is text: shown as typed, never an element
        assertThat(text).containsText("<b onclick=\"alert(1)\">not bold</b>");
        assertEquals(0, text.locator("b").count());

        // from inside the bold words to the end of the italic ones, across the hidden-looking markers
        int start = NOTE.indexOf("Kim");
        int end = NOTE.indexOf("fish stall") + "fish stall".length();
        BigDocumentTest.select(page, start, end);
        page.keyboard().type("Informant");
        page.keyboard().press("Enter");
        assertThat(page.getByText("Coded as “Informant”.")).isVisible();
        List<Map<String, Object>> codings = Api.as(owner).get("/api/v1/projects/" + pid + "/codings?documentId=" + did)
                .then().statusCode(200).extract().jsonPath().getList("$");
        assertEquals(1, codings.size());
        assertEquals(start, ((Number) codings.getFirst().get("start")).intValue());
        assertEquals(end, ((Number) codings.getFirst().get("end")).intValue());
        // still formatted once coded (the coding's start cuts the bold words in two spans)
        assertEquals("Mrs Kim", String.join("", text.locator(".md-strong").allTextContents()));
    }
}
