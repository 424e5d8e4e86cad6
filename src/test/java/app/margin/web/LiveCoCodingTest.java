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
}
