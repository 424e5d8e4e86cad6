package app.margin.web;

import static app.margin.support.Api.as;
import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import app.margin.support.Api;
import app.margin.support.Api.Team;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the API lets a supervisor change is in the browser too: a document's details and deletion, a round, attributes. */
@QuarkusTest
class DeleteAndEditInTheBrowserTest extends BrowserTest {

    @Test
    void aSupervisorEditsADocumentsDetailsAndDeletesAnotherAndACoderSeesNoControls() {
        Team team = Api.team("Documents in the browser");
        long kept = Api.importText(team.supervisor(), team.projectId(), "p04.txt", "P04: The broker found us.", null);
        long gone = Api.importText(team.supervisor(), team.projectId(), "p05.txt", "P05: We walked.", null);
        long code = Api.newCode(team.supervisor(), team.projectId(), "Broker", null);
        Api.code(team.coder(), team.projectId(), gone, code, 5, 11);

        Page page = browser.signIn(root, team.supervisor(), Api.PASSWORD);
        page.navigate(root + "#/projects/" + team.projectId());
        page.getByRole(AriaRole.BUTTON, named("Edit the details of p04")).click();
        page.getByLabel("Title").fill("Interview with P04");
        page.getByLabel("Case").fill("P04");
        page.getByLabel("Place").fill("Seoul");
        page.getByRole(AriaRole.BUTTON, named("Save details")).click();
        assertThat(page.getByText("Saved the details of “Interview with P04”.")).isVisible();
        assertThat(page.getByRole(AriaRole.LINK, named("Interview with P04"))).isVisible();
        as(team.coder()).get(team.path("/documents/" + kept)).then().body("title", equalTo("Interview with P04"))
                .body("caseName", equalTo("P04")).body("place", equalTo("Seoul"));

        page.getByRole(AriaRole.BUTTON, named("Delete p05")).click();
        assertThat(page.getByRole(AriaRole.GROUP, named("Confirm deleting p05"))).containsText("its 1 coding");
        page.getByRole(AriaRole.BUTTON, named("Delete the document")).click();
        assertThat(page.getByText("Deleted “p05”.")).isVisible();
        as(team.coder()).get(team.path("/documents")).then().body("id", hasSize(1));

        Page coder = browser.signIn(root, team.coder(), Api.PASSWORD);
        coder.navigate(root + "#/projects/" + team.projectId());
        assertThat(coder.getByRole(AriaRole.LINK, named("Interview with P04"))).isVisible();
        assertThat(coder.getByRole(AriaRole.BUTTON, named("Edit the details of Interview with P04"))).hasCount(0);
    }

    @Test
    void aSupervisorDeletesARoundAfterConfirming() {
        Team team = Api.team("Round deletion");
        long doc = Api.importText(team.supervisor(), team.projectId(), "p07.txt", "The broker took my money.", null);
        long code = Api.newCode(team.supervisor(), team.projectId(), "Broker", null);
        as(team.supervisor()).body(Map.of("name", "Pilot", "documentIds", List.of(doc), "coders",
                List.of(team.coder(), team.coder2()), "codeIds", List.of(code))).post(team.path("/agreement/rounds"))
                .then().statusCode(201);
        Page page = browser.signIn(root, team.supervisor(), Api.PASSWORD);
        page.navigate(root + "#/projects/" + team.projectId() + "/agreement");
        page.getByRole(AriaRole.BUTTON, named("Pilot")).click();
        page.getByRole(AriaRole.BUTTON, named("Delete this round…")).click();
        assertThat(page.getByRole(AriaRole.GROUP, named("Confirm deleting the round"))).containsText("master codings");
        page.getByRole(AriaRole.BUTTON, named("Delete the round")).click();
        assertThat(page.getByText("Deleted the round “Pilot”.")).isVisible();
        assertThat(page.getByText("No round yet")).isVisible();
        as(team.supervisor()).get(team.path("/agreement/rounds")).then().body("$", hasSize(0));
    }

    @Test
    void aSupervisorEditsCaseAttributesInATable() {
        Team team = Api.team("Attributes in a table");
        Api.importText(team.supervisor(), team.projectId(), "p04.txt", "P04: The broker found us.", null);
        as(team.supervisor()).body(Map.of("cases", List.of(Map.of("case", "P04", "attributes", Map.of("gender", "f")),
                Map.of("case", "P05", "attributes", Map.of("gender", "m"))))).put(team.path("/attributes"))
                .then().statusCode(200);
        Page page = browser.signIn(root, team.supervisor(), Api.PASSWORD);
        page.navigate(root + "#/projects/" + team.projectId());
        page.getByRole(AriaRole.LINK, named("Cases and attributes")).click();
        page.getByLabel("New attribute").fill("region");
        page.getByRole(AriaRole.BUTTON, named("Add attribute")).click();
        page.getByLabel("region of P04").fill("north");
        page.getByLabel("gender of P05").fill("");
        page.getByRole(AriaRole.BUTTON, named("Save attributes")).click();
        assertThat(page.getByText("Saved: attributes of 2 case(s) changed.")).isVisible();
        as(team.coder()).get(team.path("/cases")).then()
                .body("find { it.name == 'P04' }.attributes", equalTo(Map.of("gender", "f", "region", "north")))
                .body("find { it.name == 'P05' }.attributes", equalTo(Map.of()));

        Page viewer = browser.signIn(root, team.viewer(), Api.PASSWORD);
        viewer.navigate(root + "#/projects/" + team.projectId() + "/cases");
        assertThat(viewer.locator(".cases-table")).containsText("north");
        assertThat(viewer.getByRole(AriaRole.BUTTON, named("Save attributes"))).hasCount(0);
    }
}
