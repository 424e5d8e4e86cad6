package app.margin.web;

import static app.margin.support.Api.as;
import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.margin.support.Api;
import app.margin.support.Api.Team;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The code tree beside the document: a selection is coded by clicking a code or dropping the selection on it, with
 * any code of the tree (a parent too), or with a new code named by the selected words; the focus stays in the text.
 */
@QuarkusTest
class CodeTreePanelTest extends BrowserTest {
    static final String TEXT = "Interviewer: How did you come?\n"
            + "P04: The broker found us in Yanji. We paid the broker later. Nobody else helped.\n"
            + "Interviewer: And then?\n"
            + "P04: A second broker took us to Laos. My mother stayed behind.\n";

    record Project(Team team, long doc, long journey, long broker, long family) {
    }

    static Project project(String name) {
        Team team = Api.team(name);
        long doc = Api.importText(team.supervisor(), team.projectId(), "p04.txt", TEXT, "TRANSCRIPT");
        long journey = Api.newCode(team.supervisor(), team.projectId(), "The journey", null);
        long broker = Api.newCode(team.supervisor(), team.projectId(), "Broker role", journey);
        long family = Api.newCode(team.supervisor(), team.projectId(), "Family left behind", journey);
        return new Project(team, doc, journey, broker, family);
    }

    Page open(Project p, String user) {
        Page page = browser.signIn(root, user, Api.PASSWORD);
        page.navigate(root + "#/projects/" + p.team().projectId() + "/documents/" + p.doc());
        assertThat(page.locator(".code-tree")).isVisible();
        return page;
    }

    static Locator treeCode(Page page, String name) {
        return page.locator(".code-tree .code-apply", new Page.LocatorOptions().setHasText(name));
    }

    /** Selects a phrase with the mouse, as a person drags across it; the picker opens and the words stay selected. */
    static void selectWithMouse(Page page, String phrase) {
        @SuppressWarnings("unchecked")
        List<Number> box = (List<Number>) page.evaluate("phrase => { const span = [...document.querySelectorAll('#document-text [data-start]')]"
                + ".find(s => s.textContent.includes(phrase)); const node = span.firstChild;"
                + " const at = node.textContent.indexOf(phrase); const range = document.createRange();"
                + " range.setStart(node, at); range.setEnd(node, at + 1); const first = range.getBoundingClientRect();"
                + " range.setStart(node, at + phrase.length - 1); range.setEnd(node, at + phrase.length);"
                + " const last = range.getBoundingClientRect();"
                + " return [first.left + 1, first.top + first.height / 2, last.right - 1, last.top + last.height / 2]; }", phrase);
        page.mouse().move(box.get(0).doubleValue(), box.get(1).doubleValue());
        page.mouse().down();
        page.mouse().move(box.get(2).doubleValue(), box.get(3).doubleValue(), new com.microsoft.playwright.Mouse.MoveOptions().setSteps(5));
        page.mouse().up();
        assertEquals(phrase, page.evaluate("getSelection().toString()"));
    }

    static List<Map<String, Object>> codings(Project p, String user) {
        return as(user).get(p.team().path("/codings?documentId=" + p.doc())).then().statusCode(200).extract().jsonPath().getList("$");
    }

    static void assertCoded(Project p, String user, long codeId, String phrase) {
        int start = TEXT.indexOf(phrase);
        assertTrue(codings(p, user).stream().anyMatch(c -> ((Number) c.get("codeId")).longValue() == codeId
                && ((Number) c.get("start")).intValue() == start && ((Number) c.get("end")).intValue() == start + phrase.length()),
                codings(p, user).toString());
    }

    @Test
    void aClickOnACodeInTheTreeCodesTheSelectionAndAParentCodeCanBeApplied() {
        Project p = project("Code tree click");
        Page page = open(p, p.team().coder());
        assertThat(treeCode(page, "The journey")).isVisible();
        assertThat(treeCode(page, "Broker role")).containsText("0");

        selectWithMouse(page, "The broker found us in Yanji.");
        treeCode(page, "Broker role").click();
        assertThat(page.getByText("Coded as “Broker role”.")).isVisible();
        assertCoded(p, p.team().coder(), p.broker(), "The broker found us in Yanji.");
        assertThat(treeCode(page, "Broker role").locator(".count")).hasText("1 coding");
        assertThat(page.locator(".said:focus")).containsText("The broker found us in Yanji.");

        // a code with sub-codes is applied like any other
        selectWithMouse(page, "A second broker took us to Laos.");
        treeCode(page, "The journey").click();
        assertThat(page.getByText("Coded as “The journey”.")).isVisible();
        assertCoded(p, p.team().coder(), p.journey(), "A second broker took us to Laos.");
        // the picker lists parents too, not only leaves
        selectWithMouse(page, "My mother stayed behind.");
        assertThat(page.locator(".picker-list").getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("1. The journey").setExact(true))).isVisible();
        page.keyboard().type("family");
        page.keyboard().press("Enter");
        assertThat(page.getByText("Coded as “Family left behind”.")).isVisible();
        assertCoded(p, p.team().coder(), p.family(), "My mother stayed behind.");
    }

    @Test
    void theSelectionDraggedOntoACodeIsCodedWithIt() {
        Project p = project("Code tree drag");
        Page page = open(p, p.team().coder());
        String phrase = "We paid the broker later.";
        selectWithMouse(page, phrase);
        Locator target = treeCode(page, "Broker role");
        @SuppressWarnings("unchecked")
        List<Number> from = (List<Number>) page.evaluate("() => { const r = getSelection().getRangeAt(0).getClientRects()[0];"
                + " return [r.left + r.width / 2, r.top + r.height / 2]; }");
        var to = target.boundingBox();
        page.mouse().move(from.get(0).doubleValue(), from.get(1).doubleValue());
        page.mouse().down();
        page.mouse().move(to.x + to.width / 2, to.y + to.height / 2, new com.microsoft.playwright.Mouse.MoveOptions().setSteps(10));
        page.mouse().up();
        assertThat(page.getByText("Coded as “Broker role”.")).isVisible();
        assertCoded(p, p.team().coder(), p.broker(), phrase);
    }

    @Test
    void aSupervisorMakesAnInVivoCodeFromTheSelectedWordsAndACoderCannot() {
        Project p = project("In-vivo coding");
        Page page = open(p, p.team().supervisor());
        assertThat(page.locator(".code-tree .in-vivo")).isDisabled();
        selectWithMouse(page, "Nobody else helped.");
        page.locator(".code-tree .in-vivo").click();
        assertThat(page.getByText("Coded as “Nobody else helped”.")).isVisible();
        long created = as(p.team().supervisor()).get(p.team().path("/codes")).then().extract().jsonPath()
                .getLong("find { it.name == 'Nobody else helped' }.id");
        assertCoded(p, p.team().supervisor(), created, "Nobody else helped.");
        assertThat(treeCode(page, "Nobody else helped").locator(".count")).hasText("1 coding");

        Page coder = open(p, p.team().coder());
        assertEquals(0, coder.locator(".in-vivo").count(), "coders do not change the codebook");
    }

    @Test
    void afterKeyboardCodingTheFocusIsBackOnThePassage() {
        Project p = project("Keyboard focus");
        Page page = open(p, p.team().coder());
        page.locator(".said").first().focus();
        page.keyboard().press("ArrowDown");
        page.keyboard().press("Enter");
        assertThat(page.getByLabel("Code", new Page.GetByLabelOptions().setExact(true))).isFocused();
        page.keyboard().type("broker");
        page.keyboard().press("Enter");
        assertThat(page.getByText("Coded as “Broker role”.")).isVisible();
        assertThat(page.locator(".said").nth(1)).isFocused();
        // and the coder goes on from there: the next passage down, coded with key 1 (the code just used)
        page.keyboard().press("ArrowDown");
        page.keyboard().press("ArrowDown");
        page.keyboard().press("Enter");
        page.keyboard().press("1");
        assertThat(page.locator(".stripe")).hasCount(2);
        assertThat(page.getByText("Coded as “Broker role”.")).isVisible();
        assertThat(page.locator(".said").nth(3)).isFocused();
        assertEquals(2, codings(p, p.team().coder()).size());
    }
}
