package app.margin.web;

import static app.margin.support.Api.as;
import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import app.margin.support.Api;
import app.margin.support.Api.Team;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Request;
import com.microsoft.playwright.options.AriaRole;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Never lose work to a click: a double click makes one round; removing a coding with a memo asks first and Undo
 * brings both back; a refused action says why beside its button (and a later success clears it); memos are listed,
 * searched, edited and deleted (with Undo) on the project's memo page.
 */
@QuarkusTest
class NeverLoseWorkTest extends BrowserTest {
    static final String TEXT = "Interviewer: How did you come?\n"
            + "P04: The broker found us in Yanji. We paid the broker later. Nobody else helped.\n";



    @Test
    void doubleClickingCreateRoundMakesOneRound() {
        Team team = Api.team("Double click round");
        Api.importText(team.supervisor(), team.projectId(), "p04.txt", TEXT, null);
        Api.newCode(team.supervisor(), team.projectId(), "Broker", null);
        Page page = browser.signIn(root, team.supervisor(), Api.PASSWORD);
        List<Request> sent = posts(page, "/agreement/rounds");
        page.navigate(root + "#/projects/" + team.projectId() + "/agreement");
        page.getByLabel("Round name").fill("Pilot");
        page.getByLabel("p04").check();
        page.getByLabel("(" + team.coder() + ")").check();
        page.getByLabel("(" + team.coder2() + ")").check();
        page.getByLabel("Broker", new Page.GetByLabelOptions().setExact(true)).check();
        page.getByRole(AriaRole.BUTTON, named("Create round")).dblclick();
        assertThat(page.getByText("Created “Pilot” (blind).")).isVisible();
        assertThat(page.getByRole(AriaRole.BUTTON, named("Create round"))).isEnabled();
        assertEquals(1, sent.size(), "one request for a double click");
        as(team.supervisor()).get(team.path("/agreement/rounds")).then().body("name", contains("Pilot"));
    }

    @Test
    void removingACodingWithAMemoAsksAndUndoBringsBothBack() {
        Team team = Api.team("Undo a removal");
        long doc = Api.importText(team.supervisor(), team.projectId(), "p04.txt", TEXT, null);
        long code = Api.newCode(team.supervisor(), team.projectId(), "Broker role", null);
        int start = TEXT.indexOf("The broker found us");
        long coding = Api.code(team.coder(), team.projectId(), doc, code, start, start + 19);
        as(team.supervisor()).body(Map.of("targetType", "CODING", "targetId", coding, "body", "Who paid him?"))
                .post(team.path("/memos")).then().statusCode(201);

        Page page = browser.signIn(root, team.coder(), Api.PASSWORD);
        page.navigate(root + "#/projects/" + team.projectId() + "/documents/" + doc);
        page.locator(".stripe[aria-label='Broker role by " + team.coder() + "']").first().click();
        assertThat(page.locator(".memos")).containsText("Who paid him?");
        page.getByRole(AriaRole.BUTTON, named("Remove this coding")).click();
        assertThat(page.getByRole(AriaRole.GROUP, named("Confirm the removal")))
                .containsText("This coding has 1 memo; removing the coding removes it too.");
        as(team.coder()).get(team.path("/codings?documentId=" + doc)).then().body("size()", equalTo(1));
        page.getByRole(AriaRole.BUTTON, named("Remove the coding and its 1 memo")).click();
        assertThat(page.getByText("Removed the coding “Broker role”.")).isVisible();
        assertEquals(0, page.locator(".stripe").count());
        as(team.coder()).get(team.path("/codings?documentId=" + doc)).then().body("size()", equalTo(0));

        page.getByRole(AriaRole.BUTTON, named("Undo")).click();
        assertThat(page.getByText("Put back the coding “Broker role”.")).isVisible();
        assertThat(page.locator(".stripe[aria-label='Broker role by " + team.coder() + "']")).hasCount(1);
        assertThat(page.locator(".memos")).containsText("Who paid him?");
        assertThat(page.locator(".memos")).containsText(team.supervisor());
        List<Map<String, Object>> codings = as(team.coder()).get(team.path("/codings?documentId=" + doc)).then()
                .extract().jsonPath().getList("$");
        assertEquals(1, codings.size());
        assertEquals(List.of(start, start + 19, (int) code), List.of(codings.getFirst().get("start"),
                codings.getFirst().get("end"), codings.getFirst().get("codeId")));
        as(team.coder()).get(team.path("/memos?targetType=CODING&targetId=" + codings.getFirst().get("id")))
                .then().body("body", contains("Who paid him?"));
    }

    @Test
    void aRefusedActionSaysWhyBesideItsButtonAndASuccessClearsIt() {
        Team team = Api.team("Errors beside the button");
        Page page = browser.signIn(root, team.owner(), Api.PASSWORD);
        page.navigate(root + "#/projects/" + team.projectId());
        page.getByLabel("User name or e-mail").fill("nobody-by-this-name");
        Locator add = page.getByRole(AriaRole.BUTTON, named("Add member"));
        add.click();
        Locator beside = page.locator("button:has-text('Add member') + .action-problem");
        assertThat(beside).containsText("no user named 'nobody-by-this-name'");
        assertThat(beside).hasAttribute("role", "alert");
        assertThat(page.locator("#message")).isHidden();
        assertThat(add).isEnabled();

        page.getByLabel("User name or e-mail").fill(Api.newUser("joiner"));
        add.click();
        assertThat(page.getByText("Added ")).isVisible();
        assertThat(page.locator(".action-problem")).hasCount(0);
    }

    @Test
    void theMemoPageListsSearchesEditsAndDeletesMemos() {
        Team team = Api.team("Memo page");
        long doc = Api.importText(team.supervisor(), team.projectId(), "p04.txt", TEXT, null);
        long code = Api.newCode(team.supervisor(), team.projectId(), "Broker role", null);
        long coding = Api.code(team.coder(), team.projectId(), doc, code, 0, 11);
        as(team.owner()).body(Map.of("targetType", "PROJECT", "body", "Research question: who helps on the way?"))
                .post(team.path("/memos")).then().statusCode(201);
        as(team.coder()).body(Map.of("targetType", "DOCUMENT", "targetId", doc, "body", "Noisy recording"))
                .post(team.path("/memos")).then().statusCode(201);
        as(team.coder()).body(Map.of("targetType", "CODING", "targetId", coding, "body", "The first broker"))
                .post(team.path("/memos")).then().statusCode(201);

        Page page = browser.signIn(root, team.coder(), Api.PASSWORD);
        page.navigate(root + "#/projects/" + team.projectId());
        page.getByRole(AriaRole.LINK, named("Memos")).click();
        Locator memos = page.locator(".memo-list > li.memo");
        assertThat(memos).hasCount(3);
        assertThat(page.locator(".memo-list")).containsText("On: The project");
        assertThat(page.locator(".memo-list")).containsText("On: Document “p04”");
        assertThat(page.locator(".memo-list")).containsText("On: Passage coded “Broker role” in “p04”, characters 0–11");
        assertEquals(0, memos.first().getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Edit")).count(),
                "the owner's memo is not the coder's to change");

        page.getByLabel("Search the memos").fill("noisy");
        assertThat(memos).hasCount(1);
        assertThat(page.getByText("1 of 3 memos match.")).isVisible();
        memos.first().getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Edit")).click();
        page.getByLabel("Memo", new Page.GetByLabelOptions().setExact(true)).fill("Noisy recording: the café at 12:00");
        page.getByRole(AriaRole.BUTTON, named("Save changes")).click();
        assertThat(memos.first()).containsText("Noisy recording: the café at 12:00");
        as(team.coder()).get(team.path("/memos?targetType=DOCUMENT&targetId=" + doc)).then()
                .body("body", contains("Noisy recording: the café at 12:00"));

        page.getByLabel("Search the memos").fill("");
        Locator passage = memos.filter(new Locator.FilterOptions().setHasText("The first broker"));
        passage.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Delete")).click();
        assertThat(page.getByText("Deleted the memo.")).isVisible();
        as(team.coder()).get(team.path("/memos")).then().body("size()", equalTo(2));
        page.getByRole(AriaRole.BUTTON, named("Undo")).click();
        assertThat(passage).containsText("The first broker");
        as(team.coder()).get(team.path("/memos")).then().body("size()", equalTo(3));

        passage.getByRole(AriaRole.LINK).click();
        page.waitForURL(java.util.regex.Pattern.compile(".*/documents/" + doc + "\\?at=0$"));
    }

    @Test
    void theDemoProjectMemoIsOnItsMemoPage() {
        long pid = DocumentViewerTest.asCoder("/projects").getLong("find { it.name == 'Onward migration (demo)' }.id");
        Page page = browser.signIn(root, "demo-coder1", "demo");
        page.navigate(root + "#/projects/" + pid + "/memos");
        assertThat(page.locator(".memo-list").getByText("About this demo")).isVisible();
    }
}
