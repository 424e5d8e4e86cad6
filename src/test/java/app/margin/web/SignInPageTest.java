package app.margin.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.margin.support.Api;
import com.microsoft.playwright.Page;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Signing in through the browser, seeing only one's own projects, a project's home, signing out. */
@QuarkusTest
class SignInPageTest extends BrowserTest {
    private Page signIn(String user, String password) {
        Page page = browser.newPage();
        page.navigate(root.toString());
        page.waitForURL(Pattern.compile(".*/login\\.html.*"));
        page.getByLabel("User name").fill(user);
        page.getByLabel("Password").fill(password);
        page.getByRole(com.microsoft.playwright.options.AriaRole.BUTTON,
                new Page.GetByRoleOptions().setName("Sign in")).click();
        return page;
    }

    @Test
    void aDemoCoderSignsInSeesTheDemoProjectAndItsHome() {
        Page page = signIn("demo-coder1", "demo");
        assertThat(page.getByRole(com.microsoft.playwright.options.AriaRole.HEADING,
                new Page.GetByRoleOptions().setName("Your projects"))).isVisible();
        assertThat(page.locator("#who")).hasText("Demo coder 1");
        Browser.screenshot(page, "projects");
        page.getByRole(com.microsoft.playwright.options.AriaRole.LINK,
                new Page.GetByRoleOptions().setName("Onward migration (demo)")).click();
        assertThat(page.locator("#documents-heading")).hasText("Documents (18)");
        assertThat(page.getByText("Interview with P07")).isVisible();
        assertThat(page.locator("tr", new Page.LocatorOptions().setHasText("Interview with P07")).locator(".coded-by"))
                .hasText(Pattern.compile("^demo-coder1 \\(\\d+\\)$"));
        assertThat(page.locator(".codebook")).containsText("Broker role");
        Browser.screenshot(page, "project-home");
        page.getByRole(com.microsoft.playwright.options.AriaRole.BUTTON,
                new Page.GetByRoleOptions().setName("Sign out")).click();
        page.waitForURL(Pattern.compile(".*/login\\.html.*"));
        page.navigate(root.toString());
        page.waitForURL(Pattern.compile(".*/login\\.html.*"));
    }

    @Test
    void aWrongPasswordShowsAReadableMessage() {
        Page page = signIn("demo-coder1", "not-the-password");
        assertThat(page.getByRole(com.microsoft.playwright.options.AriaRole.ALERT))
                .hasText("The user name or password is wrong.");
        Browser.screenshot(page, "sign-in-error");
    }

    @Test
    void inDemoModeTheSignInPageSaysTheDemoAccountsHaveAPublicPassword() {
        Page page = browser.newPage();
        page.navigate(root + "login.html");
        assertThat(page.locator("#demo-note")).isVisible();
        assertThat(page.locator("#demo-note")).containsText("Demo mode: the demo accounts (demo-supervisor, "
                + "demo-coder1, demo-coder2) use the password demo");
        assertThat(page.locator("#demo-note")).containsText("Turn demo mode off");
        Browser.screenshot(page, "sign-in-demo-note");
    }

    @Test
    void aLockedAccountSaysHowLongToWait() {
        String user = Api.newUser("locked-in-browser");
        for (int i = 0; i < 10; i++) {
            io.restassured.RestAssured.given().auth().preemptive().basic(user, "wrong").get("/api/v1/me").then()
                    .statusCode(401);
        }
        Page page = signIn(user, Api.PASSWORD);
        assertThat(page.getByRole(com.microsoft.playwright.options.AriaRole.ALERT))
                .hasText("Too many failed sign-ins; try again in 5 minutes.");
        assertTrue(page.url().contains("/login.html"));
        Browser.screenshot(page, "sign-in-locked");
        // Without scripts the form comes back as ?error=locked with the seconds to wait.
        page.navigate(root + "login.html?error=locked&retry=90");
        assertThat(page.getByRole(com.microsoft.playwright.options.AriaRole.ALERT))
                .hasText("Too many failed sign-ins; try again in 2 minutes.");
    }

    @Test
    void withoutScriptsAWrongPasswordComesBackToTheSignInPage() {
        io.restassured.RestAssured.given().redirects().follow(false).formParam("j_username", "demo-coder1")
                .formParam("j_password", "wrong").post("/j_security_check").then().statusCode(303)
                .header("Location", org.hamcrest.Matchers.endsWith("/login.html?error=1"));
    }

    @Test
    void aUserSeesOnlyTheirOwnProjectsAndAForeignOneIsAReadableError() {
        String stranger = Api.newUser("stranger");
        long own = Api.newProject(stranger, "Stranger's own project");
        Page page = signIn(stranger, Api.PASSWORD);
        assertThat(page.locator("main table")).containsText("Stranger's own project");
        assertThat(page.locator("main table")).not().containsText("Onward migration (demo)");
        page.navigate(root + "#/projects/" + (own == 1 ? 2 : 1));
        assertThat(page.getByRole(com.microsoft.playwright.options.AriaRole.ALERT))
                .containsText("There is no project");
        assertEquals(0, page.locator("#documents-heading").count());
    }

    @Test
    void aChangeFromAnotherSiteWithTheSessionCookieIsRefused() {
        Page page = signIn("demo-coder1", "demo");
        assertThat(page.locator("#who")).hasText("Demo coder 1");
        Object status = page.evaluate("async () => (await fetch('/api/v1/projects', {method: 'POST', "
                + "headers: {'Content-Type': 'application/json'}, body: JSON.stringify({name: 'forged'})})).status");
        assertEquals(403, ((Number) status).intValue(), "a page without X-Margin-Request cannot change anything");
        Object allowed = page.evaluate("async () => (await fetch('/api/v1/projects', {method: 'POST', "
                + "headers: {'Content-Type': 'application/json', 'X-Margin-Request': '1'}, "
                + "body: JSON.stringify({name: 'from Margin'})})).status");
        assertEquals(201, ((Number) allowed).intValue());
    }
}
