package app.margin.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.margin.support.Api;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** Every signed-in user creates API tokens in the browser, sees each secret once, and revokes them. */
@QuarkusTest
class ApiTokensPageTest extends BrowserTest {
    private static Locator button(Page page, String name) {
        return page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(name).setExact(true));
    }

    @Test
    void aUserCreatesATokenSeesItOnceUsesItAndRevokesIt() {
        String user = Api.newUser("tokens-page");
        Page page = browser.signIn(root, user, Api.PASSWORD);
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("API tokens")).click();
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("API tokens").setExact(true)))
                .isVisible();
        assertThat(page.getByText("You have no API tokens.")).isVisible();

        page.getByLabel("Name").fill("nightly export");
        page.getByLabel("Expires after").selectOption("7");
        button(page, "Create token").click();
        assertThat(page.getByRole(AriaRole.STATUS).first()).hasText("Created the token nightly export.");
        Locator secret = page.getByLabel("Token", new Page.GetByLabelOptions().setExact(true));
        String token = secret.inputValue();
        assertTrue(token.matches("margin_pat_[A-Za-z0-9_-]{43}"), token);
        button(page, "Copy").click();
        assertThat(page.getByText("Copied.")).isVisible();
        Locator row = page.locator("tr[data-token-name='nightly export']");
        assertThat(row).containsText(token.substring(0, 19) + "…");
        assertThat(row).containsText("never"); // not used yet
        Browser.screenshot(page, "api-tokens");

        given().header("Authorization", "Bearer " + token).get(root + "api/v1/me").then().statusCode(200)
                .body("username", equalTo(user));

        page.reload(); // the secret is not shown again, and the list has it only by its first characters
        assertThat(row).isVisible();
        assertThat(page.getByLabel("Token", new Page.GetByLabelOptions().setExact(true))).hasCount(0);
        assertFalse(page.content().contains(token.substring(19)), "the secret is not on the page any more");

        button(page, "Revoke nightly export").click();
        assertThat(page.getByRole(AriaRole.STATUS).first())
                .hasText("Revoked nightly export: scripts using it are refused from now on.");
        assertThat(row).hasCount(0);
        given().header("Authorization", "Bearer " + token).get(root + "api/v1/me").then().statusCode(401);
    }

    @Test
    void aTokenCanExpireOnADate() {
        String user = Api.newUser("tokens-date");
        Page page = browser.signIn(root, user, Api.PASSWORD);
        page.navigate(root + "#/tokens");
        page.getByLabel("Name").fill("until the end of term");
        page.getByLabel("Expires after").selectOption("date");
        String day = java.time.LocalDate.now(java.time.ZoneOffset.UTC).plusDays(60).toString();
        page.getByLabel("Last day").fill(day);
        button(page, "Create token").click();
        assertThat(page.getByRole(AriaRole.STATUS).first()).hasText("Created the token until the end of term.");
        Api.as(user).get("/api/v1/me/tokens").then().body("[0].expiresAt",
                equalTo(java.time.LocalDate.parse(day).plusDays(1).atStartOfDay(java.time.ZoneOffset.UTC).toInstant()
                        .toString()));
    }
}
