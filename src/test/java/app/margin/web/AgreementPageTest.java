package app.margin.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import app.margin.support.Api;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** The agreement dashboard: a blind round, what a coder sees, reveal, κ/α, a disagreement adjudicated into master. */
@QuarkusTest
class AgreementPageTest extends BrowserTest {

    @Test
    void aCoderWhoOpensTheAgreementPageIsToldWhoRunsRoundsAndGetsNoRoundForm() {
        Api.Team team = Api.team("Agreement for a coder");
        Page page = browser.signIn(root, team.coder(), Api.PASSWORD);
        page.navigate(root + "#/projects/" + team.projectId() + "/agreement");
        assertThat(page.getByText("Only the project’s supervisors and owners run agreement rounds")).isVisible();
        assertThat(page.getByLabel("Round name")).hasCount(0);
        assertThat(page.getByRole(AriaRole.BUTTON, named("Create round"))).hasCount(0);
    }

    @Test
    void aSupervisorRunsABlindRoundRevealsItAndAdjudicates() {
        Api.Team team = Api.team("Agreement in the browser");
        long doc = Api.importText(team.supervisor(), team.projectId(), "p07.txt",
                "The broker took my money. I paid him twice. 그는 사라졌어요.", null);
        long code = Api.newCode(team.supervisor(), team.projectId(), "Broker", null);
        Api.code(team.coder(), team.projectId(), doc, code, 4, 10);
        Api.code(team.coder2(), team.projectId(), doc, code, 4, 15);

        Page page = browser.signIn(root, team.supervisor(), Api.PASSWORD);
        page.navigate(root + "#/projects/" + team.projectId());
        page.getByRole(AriaRole.LINK, named("Inter-coder agreement")).click();
        page.getByLabel("Round name").fill("Pilot 10%");
        page.getByLabel("p07").check();
        page.getByLabel("(" + team.coder() + ")").check();
        page.getByLabel("(" + team.coder2() + ")").check();
        page.getByLabel("Broker", new Page.GetByLabelOptions().setExact(true)).check();
        assertThat(page.getByLabel("Blind", new Page.GetByLabelOptions())).isChecked();
        page.getByRole(AriaRole.BUTTON, named("Create round")).click();
        assertThat(page.getByRole(AriaRole.STATUS)).hasText("Created “Pilot 10%” (blind).");

        // κ/α in the table, coloured by band
        Locator brokerRow = page.locator(".coefficients tr", new Page.LocatorOptions().setHasText("Broker"));
        assertThat(brokerRow).containsText("Cohen");
        assertThat(brokerRow.locator("td.agree-reliable, td.agree-tentative, td.agree-unreliable").first()).isVisible();

        // blind: the coder does not see the master layer on the round's document
        page.getByRole(AriaRole.BUTTON, named("Open 1")).click();
        page.getByRole(AriaRole.BUTTON, named("Accept " + team.coder2() + "’s segment")).click();
        assertThat(page.getByRole(AriaRole.STATUS)).hasText("Decided: accept into the master layer.");
        assertThat(page.locator("[aria-labelledby=adjudications-heading]")).containsText("accept · Broker · 4–15");
        assertEquals(1, Api.as(team.supervisor()).get(team.path("/codings?layer=MASTER")).then().extract()
                .jsonPath().getList("id").size());
        Page coder = browser.signIn(root, team.coder(), Api.PASSWORD);
        coder.navigate(root + "#/projects/" + team.projectId() + "/documents/" + doc);
        // the blind round hides the master layer on its documents: the menu does not offer an empty one
        assertThat(coder.getByLabel("Layer").locator("option[value=master]")).hasCount(0);
        assertEquals(1, Api.as(team.coder()).get(team.path("/codings?documentId=" + doc)).then().extract()
                .jsonPath().getList("id").size(), "only the coder's own coding");
        Browser.screenshot(page, "agreement-round");

        page.getByRole(AriaRole.BUTTON, named("Reveal to coders")).click();
        assertThat(page.getByRole(AriaRole.STATUS)).hasText("Revealed to the round’s coders.");
        coder.reload();
        coder.getByLabel("Layer").selectOption("master");
        assertThat(coder.locator(".coding-details")).containsText("Showing Master (adjudicated): 1 coding.");
        assertEquals(2, Api.as(team.coder()).get(team.path("/codings?layer=CODER&documentId=" + doc)).then().extract()
                .jsonPath().getList("id").size(), "the partner's layer is shared after the reveal");

        // the decision can be undone from the dashboard
        page.getByRole(AriaRole.BUTTON, named("Undo")).click();
        assertThat(page.getByRole(AriaRole.STATUS)).hasText("Undone: the master coding was removed.");
        assertEquals(0, Api.as(team.supervisor()).get(team.path("/codings?layer=MASTER")).then().extract()
                .jsonPath().getList("id").size());

        // drift chart: one week, drawn as SVG
        page.getByRole(AriaRole.BUTTON, named("Show drift")).click();
        assertThat(page.locator(".drift-chart svg circle")).hasCount(1);
    }
}
