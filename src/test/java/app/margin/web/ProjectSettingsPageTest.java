package app.margin.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import app.margin.support.Api;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** A team creates, renames and deletes projects in the browser, without curl. */
@QuarkusTest
class ProjectSettingsPageTest extends BrowserTest {
    @Test
    void anyoneCreatesAProjectAndItsOwnerRenamesAndDeletesIt() {
        String owner = Api.newUser("founder");
        Page page = browser.signIn(root, owner, Api.PASSWORD);
        page.getByLabel("Name", new Page.GetByLabelOptions().setExact(true)).fill("Onward migration pilot");
        page.getByLabel("Description (optional)").fill("Six pilot interviews");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Create project")).click();
        assertThat(page.locator("h1")).hasText("Onward migration pilot");
        long pid = Long.parseLong(page.url().replaceAll(".*#/projects/(\\d+).*", "$1"));
        assertEquals("OWNER", Api.as(owner).get("/api/v1/projects/" + pid).then().extract().jsonPath().getString("role"));

        Api.importText(owner, pid, "p01.txt", "A fictional interview.", null);
        page.reload();
        page.getByLabel("Name", new Page.GetByLabelOptions().setExact(true)).fill("Onward migration study");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save name and description")).click();
        assertThat(page.locator("h1")).hasText("Onward migration study");
        assertEquals("Onward migration study",
                Api.as(owner).get("/api/v1/projects/" + pid).then().extract().jsonPath().getString("name"));
        assertThat(page.locator("#delete-warning")).isHidden();

        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Delete this project…")).click();
        assertThat(page.locator("#delete-warning")).containsText(
                "Deleting “Onward migration study” removes 1 document, 0 codes, 0 codings and 0 memos");
        Browser.screenshot(page, "project-settings");
        Page.GetByRoleOptions deleteButton = new Page.GetByRoleOptions().setName("Delete for good");
        assertThat(page.getByRole(AriaRole.BUTTON, deleteButton)).isDisabled();
        page.getByLabel("Type the project name to confirm").fill("Onward migration");
        assertThat(page.getByRole(AriaRole.BUTTON, deleteButton)).isDisabled();
        page.getByLabel("Type the project name to confirm").fill("Onward migration study");
        page.getByRole(AriaRole.BUTTON, deleteButton).click();
        assertThat(page.locator("h1")).hasText("Your projects");
        Api.as(owner).get("/api/v1/projects/" + pid).then().statusCode(404);
    }

    @Test
    void onlyTheOwnerSeesTheSettings() {
        Api.Team team = Api.team("Settings are the owner's");
        Page page = browser.signIn(root, team.supervisor(), Api.PASSWORD);
        page.navigate(root + "#/projects/" + team.projectId());
        assertThat(page.locator("#members-heading")).isVisible();
        assertEquals(0, page.locator("#settings-heading").count());
    }
}
