package app.margin.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Reading a transcript by speaker turns, coding a selection through the code picker, removing the coding. */
@QuarkusTest
class DocumentViewerTest extends BrowserTest {
    static JsonPath asCoder(String path) {
        return given().auth().preemptive().basic("demo-coder1", "demo").get("/api/v1" + path).then().statusCode(200)
                .extract().jsonPath();
    }


    @Test
    void aSupervisorSwitchesBetweenCodersLayersAndACoderCannot() {
        long pid = asCoder("/projects").getLong("find { it.name == 'Onward migration (demo)' }.id");
        long did = asCoder("/projects/" + pid + "/documents").getLong("find { it.title == 'Interview with P08' }.id");
        Page page = browser.signIn(root, "demo-supervisor", "demo");
        page.navigate(root + "#/projects/" + pid + "/documents/" + did);
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Interview with P08"))).isVisible();
        assertEquals(0, page.locator(".stripe").count(), "the supervisor has no codings of their own here");
        page.getByLabel("Layer").selectOption("coder:demo-coder2");
        assertThat(page.locator(".stripe").first()).isVisible();
        assertEquals(page.locator(".stripe").count(), page.locator(".stripe[aria-label$='by demo-coder2']").count());
        page.getByLabel("Layer").selectOption("all");
        assertThat(page.locator(".stripe[aria-label$='by demo-coder1']").first()).isVisible();
        assertThat(page.locator(".stripe[aria-label$='by demo-coder2']").first()).isVisible();
        Browser.screenshot(page, "all-layers");
        Browser.screenshotOfWindow(page, "all-coders-window");

        Page coder = browser.signIn(root, "demo-coder1", "demo");
        coder.navigate(root + "#/projects/" + pid + "/documents/" + did);
        assertThat(coder.getByLabel("Layer")).isVisible();
        assertEquals(List.of("mine", "master"), coder.getByLabel("Layer").locator("option").all().stream()
                .map(o -> o.getAttribute("value")).toList());
    }

    @Test
    void aCoderWritesAMemoOnTheDocumentAndAViewerCannot() {
        long pid = asCoder("/projects").getLong("find { it.name == 'Onward migration (demo)' }.id");
        long did = asCoder("/projects/" + pid + "/documents").getLong("find { it.title == 'Interview with P05' }.id");
        Page page = browser.signIn(root, "demo-coder2", "demo");
        page.navigate(root + "#/projects/" + pid + "/documents/" + did);
        page.getByLabel("New memo").fill("Debt to a loan company in Seoul: ask in the follow-up.");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save memo")).click();
        assertThat(page.locator(".memos")).containsText("Debt to a loan company in Seoul");
        assertThat(page.locator(".memos")).containsText("demo-coder2");
        assertEquals(List.of("Debt to a loan company in Seoul: ask in the follow-up."),
                asCoder("/projects/" + pid + "/memos?targetType=DOCUMENT&targetId=" + did).getList("body"));

        String viewer = app.margin.support.Api.newUser("viewer");
        given().auth().preemptive().basic("admin", app.margin.support.Api.ADMIN_PASSWORD).contentType("application/json")
                .body(Map.of("username", viewer, "role", "VIEWER")).post("/api/v1/projects/" + pid + "/members")
                .then().statusCode(201);
        Page asViewer = browser.signIn(root, viewer, app.margin.support.Api.PASSWORD);
        asViewer.navigate(root + "#/projects/" + pid + "/documents/" + did);
        assertThat(asViewer.locator(".memos")).containsText("Debt to a loan company in Seoul");
        assertEquals(0, asViewer.getByLabel("New memo").count(), "viewers read memos but do not write them");
    }

    @Test
    void aCoderCodesAWholePassageWithTheKeyboardOnly() {
        long pid = asCoder("/projects").getLong("find { it.name == 'Onward migration (demo)' }.id");
        long did = asCoder("/projects/" + pid + "/documents").getLong("find { it.title == 'Interview with P10' }.id");
        JsonPath doc = asCoder("/projects/" + pid + "/documents/" + did);
        Page page = browser.signIn(root, "demo-coder1", "demo");
        page.navigate(root + "#/projects/" + pid + "/documents/" + did);
        page.locator(".said").first().focus();
        page.keyboard().press("ArrowDown");
        page.keyboard().press("ArrowDown");
        page.keyboard().press("Enter");
        assertThat(page.getByLabel("Code", new Page.GetByLabelOptions().setExact(true))).isFocused();
        page.keyboard().type("second gen");
        page.keyboard().press("Enter");
        assertThat(page.getByText("Coded as “Second generation”.")).isVisible();
        Map<String, Object> created = asCoder("/projects/" + pid + "/codings?documentId=" + did).<Map<String, Object>>getList("$")
                .getFirst();
        assertEquals(doc.getInt("units[2].start"), ((Number) created.get("start")).intValue());
        assertEquals(doc.getInt("units[2].end"), ((Number) created.get("end")).intValue());
        given().auth().preemptive().basic("demo-coder1", "demo").delete("/api/v1/projects/" + pid + "/codings/" + created.get("id"))
                .then().statusCode(204);
    }

    @Test
    void aCoderSelectsWordsWithTheKeyboardThenWidensTheCoding() {
        long pid = asCoder("/projects").getLong("find { it.name == 'Onward migration (demo)' }.id");
        long did = asCoder("/projects/" + pid + "/documents").getLong("find { it.title == 'Interview with P09' }.id");
        JsonPath doc = asCoder("/projects/" + pid + "/documents/" + did);
        String text = doc.getString("text");
        int unitStart = doc.getInt("units[1].start");
        java.util.regex.Matcher words = java.util.regex.Pattern.compile("\\S+")
                .matcher(text.substring(unitStart, doc.getInt("units[1].end")));
        List<int[]> spans = words.results().map(m -> new int[] {unitStart + m.start(), unitStart + m.end()}).toList();

        Page page = browser.signIn(root, "demo-coder1", "demo");
        page.navigate(root + "#/projects/" + pid + "/documents/" + did);
        page.locator(".said").first().focus();
        page.keyboard().press("ArrowDown");
        page.keyboard().press("ArrowRight");
        page.keyboard().press("Shift+ArrowRight");
        page.keyboard().press("Shift+ArrowRight");
        assertEquals(text.substring(spans.get(1)[0], spans.get(2)[1]), page.evaluate("getSelection().toString()"));
        page.keyboard().press("Enter");
        page.keyboard().type("survival");
        page.keyboard().press("Enter");
        assertThat(page.getByText("Coded as “Survival and agency”.")).isVisible();
        Map<String, Object> created = asCoder("/projects/" + pid + "/codings?documentId=" + did).<Map<String, Object>>getList("$")
                .getFirst();
        assertEquals(spans.get(1)[0], ((Number) created.get("start")).intValue());
        assertEquals(spans.get(2)[1], ((Number) created.get("end")).intValue());

        page.locator(".stripe[aria-label='Survival and agency by demo-coder1']").first().click();
        page.getByText("Change boundaries").click();
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("End one word later")).click();
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save boundaries")).click();
        assertThat(page.getByText("Changed the boundaries of “Survival and agency”.")).isVisible();
        Map<String, Object> changed = asCoder("/projects/" + pid + "/codings/" + created.get("id")).get("$");
        assertEquals(spans.get(1)[0], ((Number) changed.get("start")).intValue());
        assertEquals(spans.get(3)[1], ((Number) changed.get("end")).intValue());
        assertEquals(1, page.locator(".stripe[aria-label='Survival and agency by demo-coder1']").count());
        given().auth().preemptive().basic("demo-coder1", "demo").delete("/api/v1/projects/" + pid + "/codings/" + created.get("id"))
                .then().statusCode(204);

        page.reload();
        page.locator(".said").first().focus();
        page.keyboard().press("Enter");
        page.keyboard().press("1");
        assertThat(page.getByText("Coded as “Survival and agency”.")).isVisible();
        Map<String, Object> recent = asCoder("/projects/" + pid + "/codings?documentId=" + did).<Map<String, Object>>getList("$")
                .getFirst();
        assertEquals(doc.getInt("units[0].start"), ((Number) recent.get("start")).intValue(), "key 1 is the last code used, after a reload");
        given().auth().preemptive().basic("demo-coder1", "demo").delete("/api/v1/projects/" + pid + "/codings/" + recent.get("id"))
                .then().statusCode(204);
    }

    @Test
    void aCoderCodesASelectionAndRemovesTheCoding() {
        long pid = asCoder("/projects").getLong("find { it.name == 'Onward migration (demo)' }.id");
        long did = asCoder("/projects/" + pid + "/documents").getLong("find { it.title == 'Interview with P07' }.id");
        String text = asCoder("/projects/" + pid + "/documents/" + did).getString("text");
        int before = asCoder("/projects/" + pid + "/codings?documentId=" + did).getList("$").size();

        Page page = browser.signIn(root, "demo-coder1", "demo");
        page.navigate(root + "#/projects/" + pid + "/documents/" + did);
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Interview with P07"))).isVisible();
        assertThat(page.locator(".turn .speaker", new Page.LocatorOptions().setHasText("P07")).first()).isVisible();
        Browser.screenshot(page, "document-viewer");

        String phrase = "There is a glass ceiling for people from the North.";
        page.evaluate("phrase => { const span = [...document.querySelectorAll('#document-text [data-start]')]"
                + ".find(s => s.textContent.includes(phrase)); const node = span.firstChild;"
                + " const at = node.textContent.indexOf(phrase); const range = document.createRange();"
                + " range.setStart(node, at); range.setEnd(node, at + phrase.length);"
                + " const selection = getSelection(); selection.removeAllRanges(); selection.addRange(range);"
                + " span.dispatchEvent(new MouseEvent('mouseup', {bubbles: true})); }", phrase);
        // the words stay selected (to drag onto the code tree); typing goes to the picker's filter
        assertThat(page.getByLabel("Code", new Page.GetByLabelOptions().setExact(true))).isVisible();
        assertEquals(phrase, page.evaluate("getSelection().toString()"));
        page.keyboard().type("glass");
        assertThat(page.getByLabel("Code", new Page.GetByLabelOptions().setExact(true))).hasValue("glass");
        Browser.screenshot(page, "code-picker");
        Browser.screenshotOfWindow(page, "document-viewer-window");
        page.keyboard().press("Enter");
        assertThat(page.getByText("Coded as “Glass ceiling”.")).isVisible();
        com.microsoft.playwright.Locator stripe = page.locator(".stripe[aria-label='Glass ceiling by demo-coder1']").last();
        stripe.evaluate("e => e.scrollIntoView({block: 'center'})");
        stripe.hover();
        assertThat(page.locator(".said .hover-mark").first()).isVisible();
        Browser.screenshotOfWindow(page, "code-tree-and-stripes");

        List<Map<String, Object>> after = asCoder("/projects/" + pid + "/codings?documentId=" + did).getList("$");
        assertEquals(before + 1, after.size());
        int start = text.indexOf(phrase);
        Map<String, Object> created = after.stream().filter(c -> ((Number) c.get("start")).intValue() == start
                && ((Number) c.get("end")).intValue() == start + phrase.length()).findFirst().orElseThrow();
        assertEquals("demo-coder1", created.get("coder"));

        page.locator(".stripe[aria-label='Glass ceiling by demo-coder1']").last().click();
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Remove this coding")).click();
        assertThat(page.getByText("Removed the coding “Glass ceiling”.")).isVisible();
        List<Object> remaining = asCoder("/projects/" + pid + "/codings?documentId=" + did).getList("id");
        assertEquals(before, remaining.size());
        assertEquals(false, remaining.contains(created.get("id")), "the new coding is the one removed");
    }
}
