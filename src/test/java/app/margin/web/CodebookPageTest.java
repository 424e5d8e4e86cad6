package app.margin.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import app.margin.support.Api;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

/** Editing the codebook in the browser: add, define, move, a refused delete explained, read-only for coders. */
@QuarkusTest
class CodebookPageTest extends BrowserTest {

    @Test
    void aSupervisorBuildsTheCodebookAndACoderReadsIt() {
        Api.Team team = Api.team("Codebook in the browser");
        long doc = Api.importText(team.supervisor(), team.projectId(), "p.txt", "The broker wanted money.", null);
        Page page = browser.signIn(root, team.supervisor(), Api.PASSWORD);
        page.navigate(root + "#/projects/" + team.projectId() + "/codebook");

        page.getByLabel("Name").fill("The journey");
        page.getByRole(AriaRole.BUTTON, named("Add code")).click();
        assertThat(page.getByRole(AriaRole.STATUS)).hasText("Added “The journey”.");
        page.getByRole(AriaRole.BUTTON, named("New code")).click();
        page.getByLabel("Name").fill("Broker role");
        page.getByRole(AriaRole.BUTTON, named("Add code")).click();
        assertThat(page.getByRole(AriaRole.STATUS)).hasText("Added “Broker role”.");

        page.getByLabel("Definition").fill("What brokers did for the participant.");
        page.getByLabel("Parent").selectOption(new com.microsoft.playwright.options.SelectOption().setLabel("The journey"));
        page.getByRole(AriaRole.BUTTON, named("Save code")).click();
        assertThat(page.getByRole(AriaRole.STATUS)).hasText("Saved “Broker role”.");
        assertThat(page.getByRole(AriaRole.HEADING, named("The journey > Broker role"))).isVisible();
        Browser.screenshot(page, "codebook");

        JsonPath codes = Api.as(team.coder()).get(team.path("/codes")).then().extract().jsonPath();
        long broker = codes.getLong("find { it.name == 'Broker role' }.id");
        assertEquals("What brokers did for the participant.", codes.getString("find { it.name == 'Broker role' }.definition"));
        assertEquals(codes.getLong("find { it.name == 'The journey' }.id"), codes.getLong("find { it.name == 'Broker role' }.parentId"));

        Api.code(team.coder(), team.projectId(), doc, broker, 4, 10);
        page.reload();
        page.getByRole(AriaRole.BUTTON, named("Broker role (1)")).click();
        assertThat(page.locator(".segments")).containsText("p · " + team.coder());
        assertThat(page.locator(".segments .kwic")).hasText("The broker wanted money.");
        assertThat(page.locator(".segments .kwic mark")).hasText("broker");

        page.getByRole(AriaRole.BUTTON, named("Broker role (1)")).dragTo(page.locator(".top-level-drop"));
        assertThat(page.getByRole(AriaRole.STATUS)).hasText("Moved “Broker role” to the top level.");
        assertEquals((Object) null, Api.as(team.coder()).get(team.path("/codes/" + broker)).then().extract().jsonPath().get("parentId"));
        page.getByRole(AriaRole.BUTTON, named("Broker role (1)")).dragTo(page.getByRole(AriaRole.BUTTON, named("The journey (0)")));
        assertThat(page.getByRole(AriaRole.STATUS)).hasText("Moved “Broker role” under “The journey”.");
        assertEquals(codes.getLong("find { it.name == 'The journey' }.id"),
                Api.as(team.coder()).get(team.path("/codes/" + broker)).then().extract().jsonPath().getLong("parentId"));
        page.getByRole(AriaRole.BUTTON, named("Delete code")).click();
        assertThat(page.getByRole(AriaRole.ALERT)).containsText("is used by 1 coding. Merge it into another code to keep it");

        Page coder = browser.signIn(root, team.coder(), Api.PASSWORD);
        coder.navigate(root + "#/projects/" + team.projectId() + "/codebook");
        coder.getByRole(AriaRole.BUTTON, named("Broker role (1)")).click();
        assertThat(coder.getByLabel("Definition")).isDisabled();
        assertEquals(0, coder.getByRole(AriaRole.BUTTON, named("New code")).count());
        assertEquals(0, coder.getByRole(AriaRole.BUTTON, named("Save code")).count());
    }
}
