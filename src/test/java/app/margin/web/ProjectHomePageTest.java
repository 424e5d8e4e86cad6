package app.margin.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import app.margin.support.Api;
import app.margin.support.Api.Team;
import com.microsoft.playwright.Page;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * A supervisor's project home: each document's "Coded by" column counts every coder's codings, read from the counts
 * endpoint; the page no longer downloads the project's codings (300,000 of them in the benchmark project).
 */
@QuarkusTest
class ProjectHomePageTest extends BrowserTest {
    @Test
    void theSupervisorSeesEachDocumentsCodersWithTheirCountsWithoutDownloadingTheCodings() {
        Team team = Api.team("Home counts");
        long p01 = Api.importText(team.supervisor(), team.projectId(), "p01.txt", "P01: The broker took my money.", null);
        long p02 = Api.importText(team.supervisor(), team.projectId(), "p02.txt", "P02: We crossed at night.", null);
        Api.importText(team.supervisor(), team.projectId(), "p03.txt", "P03: Nobody coded this.", null);
        long code = Api.newCode(team.supervisor(), team.projectId(), "Brokers", null);
        Api.code(team.coder(), team.projectId(), p01, code, 5, 15);
        Api.code(team.coder(), team.projectId(), p01, code, 16, 20);
        Api.code(team.coder2(), team.projectId(), p01, code, 5, 15);
        Api.code(team.coder2(), team.projectId(), p02, code, 5, 15);

        Page page = browser.signIn(root, team.supervisor(), Api.PASSWORD);
        List<String> codingRequests = new CopyOnWriteArrayList<>();
        page.onRequest(request -> {
            if (request.url().contains("/codings")) {
                codingRequests.add(request.url().replaceFirst("^https?://[^/]+", ""));
            }
        });
        page.navigate(root + "#/projects/" + team.projectId());
        assertThat(page.locator("#documents-heading")).hasText("Documents (3)");
        assertThat(row(page, "p01").locator(".coded-by")).hasText(team.coder() + " (2), " + team.coder2() + " (1)");
        assertThat(row(page, "p02").locator(".coded-by")).hasText(team.coder2() + " (1)");
        assertThat(row(page, "p03").locator(".coded-by")).hasText("—");
        Browser.screenshot(page, "project-home-supervisor");
        assertEquals(List.of("/api/v1/projects/" + team.projectId() + "/codings/counts"), codingRequests);

        // a coder's home counts only what the coder may see: their own layer here
        Page coder = browser.signIn(root, team.coder(), Api.PASSWORD);
        coder.navigate(root + "#/projects/" + team.projectId());
        assertThat(row(coder, "p01").locator(".coded-by")).hasText(team.coder() + " (2)");
        assertThat(row(coder, "p02").locator(".coded-by")).hasText("—");
    }

    private static com.microsoft.playwright.Locator row(Page page, String title) {
        return page.locator("tr", new Page.LocatorOptions().setHasText(title));
    }
}
