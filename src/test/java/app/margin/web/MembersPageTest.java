package app.margin.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import app.margin.support.Api;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** Owners manage members on the project home; others only see who is in the project. */
@QuarkusTest
class MembersPageTest extends BrowserTest {
    @Test
    void anOwnerAddsChangesAndRemovesAMember() {
        String owner = Api.newUser("owner");
        String newcomer = Api.newUser("newcomer");
        long pid = Api.newProject(owner, "Members in the browser");
        Page page = browser.signIn(root, owner, Api.PASSWORD);
        page.navigate(root + "#/projects/" + pid);

        page.getByLabel("User name").fill(newcomer);
        page.getByLabel("Role", new Page.GetByLabelOptions().setExact(true)).selectOption("VIEWER");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Add member")).click();
        assertThat(page.getByRole(AriaRole.STATUS)).hasText("Added " + newcomer + " as viewer.");
        page.getByLabel("Role of " + newcomer).selectOption("CODER");
        assertThat(page.getByRole(AriaRole.STATUS)).hasText(newcomer + " is now coder.");
        assertEquals("CODER", Api.as(owner).get("/api/v1/projects/" + pid + "/members").then().extract()
                .jsonPath().getString("find { it.username == '" + newcomer + "' }.role"));
        Browser.screenshot(page, "members");

        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Remove " + owner)).click();
        assertThat(page.getByRole(AriaRole.ALERT)).containsText("at least one owner");

        page.getByLabel("User name").fill("nobody-by-this-name");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Add member")).click();
        assertThat(page.getByRole(AriaRole.ALERT)).containsText("no user named 'nobody-by-this-name'");

        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Remove " + newcomer)).click();
        assertThat(page.getByRole(AriaRole.STATUS)).hasText("Removed " + newcomer + ".");

        Api.addMember(owner, pid, newcomer, "CODER");
        Page asCoder = browser.signIn(root, newcomer, Api.PASSWORD);
        asCoder.navigate(root + "#/projects/" + pid);
        assertThat(asCoder.locator("#members-heading")).isVisible();
        assertEquals(0, asCoder.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Add member")).count());
    }
}
