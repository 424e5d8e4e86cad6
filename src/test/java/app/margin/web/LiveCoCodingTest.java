package app.margin.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import app.margin.support.Api;
import app.margin.support.Api.Team;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/**
 * Live co-coding between two browser profiles: a supervisor reading a document in All coders sees a coder's new
 * coding (its stripe and the code tree's count) and a new memo on the document appear without reloading the page.
 */
@QuarkusTest
class LiveCoCodingTest extends BrowserTest {

    /** A change made from the page's own signed-in session, as the viewer's scripts send it. */
    private static void post(Page page, String path, String json) {
        Object status = page.evaluate("([path, body]) => fetch('/api/v1' + path, { method: 'POST', body, headers: "
                + "{ 'Content-Type': 'application/json', 'X-Margin-Request': '1' } }).then(r => r.status)",
                java.util.List.of(path, json));
        org.junit.jupiter.api.Assertions.assertEquals(201, ((Number) status).intValue(), path);
    }

    @Test
    void aSupervisorSeesACodersNewCodingAndMemoWithoutReloading() {
        Team team = Api.team("Live co-coding");
        long doc = Api.importText(team.supervisor(), team.projectId(), "p01.txt",
                "P01: The broker took my money and then the broker left town.\n", null);
        long code = Api.newCode(team.supervisor(), team.projectId(), "Broker fees", null);
        String viewer = root + "#/projects/" + team.projectId() + "/documents/" + doc;

        Page supervisor = browser.signIn(root, team.supervisor(), Api.PASSWORD);
        supervisor.navigate(viewer);
        assertThat(supervisor.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("p01"))).isVisible();
        supervisor.getByLabel("Layer").selectOption("all");
        assertThat(supervisor.locator(".stripe")).hasCount(0);
        assertThat(supervisor.locator(".code-apply[data-code-id='" + code + "'] .count")).hasText("0 codings");

        Page coder = browser.signIn(root, team.coder(), Api.PASSWORD);
        coder.navigate(viewer);
        assertThat(coder.getByLabel("Layer")).isVisible();
        post(coder, "/projects/" + team.projectId() + "/codings",
                "{\"documentId\":" + doc + ",\"codeId\":" + code + ",\"start\":9,\"end\":15}");

        assertThat(supervisor.locator(".stripe[aria-label='Broker fees by " + team.coder() + "']")).isVisible();
        assertThat(supervisor.locator(".code-apply[data-code-id='" + code + "'] .count")).hasText("1 coding");

        // the document's memos are listed while nothing else is in the side panel (a layer switch replaces them)
        supervisor.reload();
        assertThat(supervisor.getByRole(AriaRole.REGION, new Page.GetByRoleOptions().setName("Memos on this document")))
                .containsText("No memos yet.");
        post(coder, "/projects/" + team.projectId() + "/memos",
                "{\"targetType\":\"DOCUMENT\",\"targetId\":" + doc + ",\"body\":\"Ask about the second broker\"}");
        assertThat(supervisor.getByText("Ask about the second broker")).isVisible();
        Browser.screenshotOfWindow(supervisor, "live-update");
    }

    /**
     * Codebook changes and memos, live between two profiles: a supervisor renames and then merges a code on the
     * codebook page, and the coder's codebook page (tree and counts) and open viewer (code tree and stripe names)
     * follow without a reload; a memo the supervisor adds appears on the coder's memos page.
     */
    @Test
    void aRenameAndAMergeShowOnTheOthersCodebookAndViewerAndANewMemoOnTheirMemosPage() {
        Team team = Api.team("Live codebook");
        long doc = Api.importText(team.supervisor(), team.projectId(), "p01.txt",
                "P01: The broker took my money and then the broker left town.\n", null);
        long fees = Api.newCode(team.supervisor(), team.projectId(), "Broker fees", null);
        long money = Api.newCode(team.supervisor(), team.projectId(), "Money", null);
        Api.code(team.coder(), team.projectId(), doc, fees, 9, 15);

        Page viewer = browser.signIn(root, team.coder(), Api.PASSWORD);
        viewer.navigate(root + "#/projects/" + team.projectId() + "/documents/" + doc);
        assertThat(viewer.locator(".stripe[aria-label='Broker fees by " + team.coder() + "']")).isVisible();
        Page codebook = viewer.context().newPage(); // the same coder's second tab
        codebook.navigate(root + "#/projects/" + team.projectId() + "/codebook");
        assertThat(codebook.getByRole(AriaRole.BUTTON, named("Broker fees (1)"))).isVisible();

        Page supervisor = browser.signIn(root, team.supervisor(), Api.PASSWORD);
        supervisor.navigate(root + "#/projects/" + team.projectId() + "/codebook");
        supervisor.getByRole(AriaRole.BUTTON, named("Broker fees (1)")).click();
        assertThat(supervisor.getByRole(AriaRole.HEADING, named("Broker fees"))).isVisible(); // its editor is open
        supervisor.getByLabel("Name").fill("Agent fees");
        supervisor.getByRole(AriaRole.BUTTON, named("Save code")).click();
        assertThat(supervisor.getByRole(AriaRole.STATUS)).hasText("Saved “Agent fees”.");

        assertThat(codebook.getByRole(AriaRole.BUTTON, named("Agent fees (1)"))).isVisible();
        assertThat(viewer.locator(".code-apply[data-code-id='" + fees + "'] .code-name")).hasText("Agent fees");
        assertThat(viewer.locator(".stripe[aria-label='Agent fees by " + team.coder() + "']")).isVisible();

        supervisor.getByLabel("Merge into").selectOption(new com.microsoft.playwright.options.SelectOption().setLabel("Money"));
        supervisor.getByRole(AriaRole.BUTTON, named("Merge").setExact(true)).click();
        assertThat(supervisor.getByRole(AriaRole.STATUS)).containsText("Merged “Agent fees” into “Money”");

        assertThat(codebook.getByRole(AriaRole.BUTTON, named("Money (1)"))).isVisible();
        assertThat(codebook.getByRole(AriaRole.BUTTON, named("Agent fees (1)"))).hasCount(0);
        assertThat(viewer.locator(".stripe[aria-label='Money by " + team.coder() + "']")).isVisible();
        assertThat(viewer.locator(".code-apply[data-code-id='" + fees + "']")).hasCount(0);
        assertThat(viewer.locator(".code-apply[data-code-id='" + money + "'] .count")).hasText("1 coding");

        codebook.navigate(root + "#/projects/" + team.projectId() + "/memos");
        assertThat(codebook.getByRole(AriaRole.STATUS)).hasText("0 memos.");
        supervisor.navigate(root + "#/projects/" + team.projectId() + "/memos");
        supervisor.getByLabel("New memo on the project").fill("Fees and money are one code now");
        supervisor.getByRole(AriaRole.BUTTON, named("Save memo")).click();
        assertThat(codebook.locator(".memo-list")).containsText("Fees and money are one code now");
        assertThat(codebook.getByRole(AriaRole.STATUS)).hasText("1 memo.");
    }
}
