package app.margin.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import app.margin.support.Api;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import io.quarkus.test.junit.QuarkusTest;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Administrators manage accounts in the browser; a disabled account is signed out and cannot sign in. */
@QuarkusTest
class AccountsPageTest extends BrowserTest {
    private static Locator button(Page page, String name) {
        return page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(name).setExact(true));
    }

    private Page signInPage(Page page, String user, String password) {
        page.navigate(root + "login.html");
        page.getByLabel("User name").fill(user);
        page.getByLabel("Password").fill(password);
        button(page, "Sign in").click();
        return page;
    }

    @Test
    void anAdministratorCreatesDisablesEnablesAndResetsAnAccount() {
        Page admin = browser.signIn(root, Api.ADMIN, Api.ADMIN_PASSWORD);
        admin.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Accounts")).click();
        assertThat(admin.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Accounts").setExact(true))).isVisible();
        Locator adminRow = admin.locator("tr[data-username='admin']");
        assertThat(adminRow).containsText("administrator");
        assertThat(adminRow.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Disable admin")))
                .isDisabled();

        String name = "field-coder-" + System.nanoTime() % 100_000;
        admin.getByLabel("User name").fill(name);
        admin.getByLabel("Display name").fill("Field coder");
        admin.getByLabel("Password", new Page.GetByLabelOptions().setExact(true)).fill("first-password-42");
        button(admin, "Create account").click();
        assertThat(admin.getByRole(AriaRole.STATUS)).hasText("Created the account " + name + ".");
        Locator row = admin.locator("tr[data-username='" + name + "']");
        assertThat(row).containsText("Field coder");
        assertThat(row).containsText("enabled");
        Browser.screenshot(admin, "accounts");

        Page coder = browser.signIn(root, name, "first-password-42");
        assertThat(coder.locator("#who")).hasText("Field coder");
        assertThat(coder.locator("#accounts-link")).isHidden();

        button(admin, "Disable " + name).click();
        assertThat(admin.getByRole(AriaRole.STATUS)).hasText(name + " is disabled and signed out everywhere.");
        assertThat(row).containsText("disabled");
        coder.reload(); // the next request of the disabled account's page finds its session ended
        coder.waitForURL(Pattern.compile(".*/login\\.html.*"));
        signInPage(coder, name, "first-password-42");
        assertThat(coder.getByRole(AriaRole.ALERT)).containsText("This account is disabled");

        button(admin, "Enable " + name).click();
        assertThat(admin.getByRole(AriaRole.STATUS)).hasText(name + " can sign in again.");
        button(admin, "Reset the password of " + name).click();
        admin.getByLabel("New password for " + name).fill("second-password-42");
        button(admin, "Set password").click();
        assertThat(admin.getByRole(AriaRole.STATUS))
                .hasText("The password of " + name + " is reset; their sessions have ended.");

        signInPage(coder, name, "first-password-42");
        assertThat(coder.getByRole(AriaRole.ALERT)).hasText("The user name or password is wrong.");
        signInPage(coder, name, "second-password-42");
        assertThat(coder.locator("#who")).hasText("Field coder");
    }

    @Test
    void someoneWhoIsNotAnAdministratorHasNoAccountsPage() {
        String user = Api.newUser("no-admin");
        Page page = browser.signIn(root, user, Api.PASSWORD);
        assertThat(page.locator("#accounts-link")).isHidden();
        page.navigate(root + "#/accounts");
        assertThat(page.getByRole(AriaRole.ALERT)).containsText("Only an administrator can manage accounts.");
        assertEquals(0, page.locator("tr[data-username='admin']").count());
    }
}
