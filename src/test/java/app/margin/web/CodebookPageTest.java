package app.margin.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import app.margin.support.Api;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

/** Editing the codebook in the browser: add, define, move, delete after saying what goes with it, read-only for coders. */
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

        Page coder = browser.signIn(root, team.coder(), Api.PASSWORD);
        coder.navigate(root + "#/projects/" + team.projectId() + "/codebook");
        coder.getByRole(AriaRole.BUTTON, named("Broker role (1)")).click();
        assertThat(coder.getByLabel("Definition")).isDisabled();
        assertEquals(0, coder.getByRole(AriaRole.BUTTON, named("New code")).count());
        assertEquals(0, coder.getByRole(AriaRole.BUTTON, named("Save code")).count());
        // the parts a reader's page leaves out (New code, Save code, the actions) are not written as "null"
        assertThat(coder.locator("main")).not().containsText(java.util.regex.Pattern.compile("null", java.util.regex.Pattern.CASE_INSENSITIVE));
    }

    /**
     * Delete code… says first what would go: a code with sub-codes cannot be deleted (they are named); one with
     * codings names how many in which layers, and Keep keeps it; confirmed, the code and its codings go; an unused
     * code asks a plain yes.
     */
    @Test
    void deletingACodeSaysWhatGoesWithItAndAsksFirst() {
        Api.Team team = Api.team("Deleting codes in the browser");
        long doc = Api.importText(team.supervisor(), team.projectId(), "p.txt", "The broker wanted money and more money.", null);
        long trust = Api.newCode(team.supervisor(), team.projectId(), "Trust", null);
        Api.newCode(team.supervisor(), team.projectId(), "Doubt", trust);
        long fees = Api.newCode(team.supervisor(), team.projectId(), "Fees", null);
        long unused = Api.newCode(team.supervisor(), team.projectId(), "Unused", null);
        Api.code(team.coder(), team.projectId(), doc, fees, 4, 10);
        Api.code(team.coder(), team.projectId(), doc, fees, 18, 23);
        Api.code(team.coder2(), team.projectId(), doc, fees, 33, 38);
        Page page = browser.signIn(root, team.supervisor(), Api.PASSWORD);
        page.navigate(root + "#/projects/" + team.projectId() + "/codebook");

        page.getByRole(AriaRole.BUTTON, named("Trust (0)")).click();
        assertThat(page.getByRole(AriaRole.HEADING, named("Trust").setExact(true))).isVisible(); // its editor is open
        page.getByRole(AriaRole.BUTTON, named("Delete code…")).click();
        assertThat(page.getByRole(AriaRole.ALERT)).hasText("“Trust” has 1 sub-code. Move it elsewhere, merge it into "
                + "another code or delete it first.");
        Api.as(team.supervisor()).get(team.path("/codes/" + trust)).then().statusCode(200);

        page.getByRole(AriaRole.BUTTON, named("Fees (3)")).click();
        assertThat(page.getByRole(AriaRole.HEADING, named("Fees").setExact(true))).isVisible(); // its editor is open
        page.getByRole(AriaRole.BUTTON, named("Delete code…")).click();
        var confirm = page.getByRole(AriaRole.GROUP, named("Confirm deleting Fees"));
        assertThat(confirm).containsText("“Fees” has 3 codings in 2 layers (2 by " + team.coder() + ", 1 by "
                + team.coder2() + "); they will be deleted too");
        page.getByRole(AriaRole.BUTTON, named("Keep the code")).click();
        assertThat(confirm).hasCount(0);
        Api.as(team.supervisor()).get(team.path("/codes/" + fees)).then().statusCode(200);
        Api.as(team.supervisor()).get(team.path("/codings?codeId=" + fees)).then().body("size()", org.hamcrest.Matchers.equalTo(3));

        page.getByRole(AriaRole.BUTTON, named("Delete code…")).click();
        page.getByRole(AriaRole.BUTTON, named("Delete the code and its codings")).click();
        assertThat(page.getByRole(AriaRole.STATUS)).hasText("Deleted “Fees” and its 3 codings.");
        Api.as(team.supervisor()).get(team.path("/codes/" + fees)).then().statusCode(404);
        Api.as(team.supervisor()).get(team.path("/codings?documentId=" + doc)).then().body("size()", org.hamcrest.Matchers.equalTo(0));

        page.getByRole(AriaRole.BUTTON, named("Unused (0)")).click();
        assertThat(page.getByRole(AriaRole.HEADING, named("Unused").setExact(true))).isVisible(); // its editor is open
        page.getByRole(AriaRole.BUTTON, named("Delete code…")).click();
        assertThat(page.getByRole(AriaRole.GROUP, named("Confirm deleting Unused")))
                .containsText("Delete “Unused”? No passage is coded with it.");
        page.getByRole(AriaRole.BUTTON, named("Delete the code").setExact(true)).click();
        assertThat(page.getByRole(AriaRole.STATUS)).hasText("Deleted “Unused”.");
        Api.as(team.supervisor()).get(team.path("/codes/" + unused)).then().statusCode(404);
    }
}
