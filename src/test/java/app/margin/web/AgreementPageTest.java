package app.margin.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.margin.support.Api;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.BoundingBox;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
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

    @Test
    void theRoundFormFiltersSelectsAllTicksACodeWithItsSubCodesAndTheTableFitsItsCard() {
        Api.Team team = Api.team("Agreement form");
        long p01 = Api.importText(team.supervisor(), team.projectId(), "p01.txt", "The broker took my money.", null);
        // a long title without a space (as file names are) must wrap in the coefficient table, not push it past its card
        long p02 = Api.importText(team.supervisor(), team.projectId(), "interview_2019_07_14_returnee_p02_second_visit_full_transcript.txt",
                "We waited a long time in Laos.", null);
        Api.as(team.supervisor()).body(Map.of("cases", List.of(Map.of("case", "Vientiane-07", "attributes", Map.of())),
                "documents", List.of(Map.of("documentId", p02, "case", "Vientiane-07"))))
                .put(team.path("/attributes")).then().statusCode(200);
        long journey = Api.newCode(team.supervisor(), team.projectId(), "The journey", null);
        long broker = Api.newCode(team.supervisor(), team.projectId(), "Broker role", journey);
        long route = Api.newCode(team.supervisor(), team.projectId(), "Route", journey);
        Api.newCode(team.supervisor(), team.projectId(), "Cost and debt", null);
        Api.code(team.coder(), team.projectId(), p02, route, 3, 9);
        Api.code(team.coder2(), team.projectId(), p02, route, 3, 16);

        Page page = browser.signIn(root, team.supervisor(), Api.PASSWORD);
        page.navigate(root + "#/projects/" + team.projectId() + "/agreement");
        List<com.microsoft.playwright.Request> sent = posts(page, "/agreement/rounds");
        Locator codes = page.locator("fieldset", new Page.LocatorOptions().setHas(page.locator("legend", new Page.LocatorOptions().setHasText("Codes"))));
        // the code tree: sub-codes indented under their parent
        double parentX = checkbox(codes, "The journey").boundingBox().x;
        assertTrue(checkbox(codes, "Broker role").boundingBox().x > parentX + 5, "a sub-code is indented");

        // filter by path: "journey" keeps the parent and its sub-codes
        page.getByLabel("Filter codes").fill("journey");
        assertThat(checkbox(codes, "Cost and debt")).isHidden();
        assertThat(checkbox(codes, "Route")).isVisible();
        page.getByLabel("Filter codes").fill("");
        // one click ticks a code with its sub-codes, and nothing else
        page.getByRole(AriaRole.BUTTON, named("Tick The journey with its 2 sub-codes")).click();
        assertThat(checkbox(codes, "The journey")).isChecked();
        assertThat(checkbox(codes, "Broker role")).isChecked();
        assertThat(checkbox(codes, "Route")).isChecked();
        assertThat(checkbox(codes, "Cost and debt")).not().isChecked();
        assertThat(codes.locator(".choice-count")).hasText("3 of 4 codes ticked");

        // documents filtered by case; Select all ticks the rows shown
        page.getByLabel("Filter documents").fill("vientiane");
        assertThat(page.getByLabel("p01")).isHidden();
        page.getByRole(AriaRole.BUTTON, named("Select all documents")).click();
        page.getByLabel("Filter documents").fill("");
        assertThat(page.getByLabel("p02")).isChecked();
        assertThat(page.getByLabel("p01")).not().isChecked();

        // coders: Select all, Clear, then the two coders
        page.getByRole(AriaRole.BUTTON, named("Select all coders")).click();
        assertThat(page.getByLabel("(" + team.coder2() + ")")).isChecked();
        assertThat(page.getByLabel("(" + team.supervisor() + ")")).isChecked();
        page.getByRole(AriaRole.BUTTON, named("Clear coders")).click();
        assertThat(page.getByLabel("(" + team.supervisor() + ")")).not().isChecked();
        page.getByLabel("(" + team.coder() + ")").check();
        page.getByLabel("(" + team.coder2() + ")").check();

        // the three lists stand side by side on a wide screen
        BoxCheck.sideBySide(codes.boundingBox(), page.locator("fieldset", new Page.LocatorOptions()
                .setHas(page.locator("legend", new Page.LocatorOptions().setHasText("Documents")))).boundingBox());

        page.getByRole(AriaRole.BUTTON, named("Create round")).click();
        assertThat(page.getByRole(AriaRole.STATUS)).hasText("Created “Agreement round” (blind).");
        assertEquals(1, sent.size());
        io.restassured.path.json.JsonPath body = new io.restassured.path.json.JsonPath(sent.get(0).postData());
        assertEquals(List.of(journey, broker, route), body.getList("codeIds", Long.class));
        assertEquals(List.of(p02), body.getList("documentIds", Long.class));

        // the coefficient table stays inside its card on a 1280 px wide window
        assertEquals(1280, page.viewportSize().width);
        Locator card = page.locator("section.card", new Page.LocatorOptions().setHas(page.locator("#table-heading")));
        assertThat(card.locator(".coefficients tbody tr").first()).isVisible();
        card.scrollIntoViewIfNeeded();
        Browser.screenshot(page, "agreement-table");
        BoundingBox cardBox = card.boundingBox();
        BoundingBox table = card.locator(".coefficients").boundingBox();
        assertTrue(table.x + table.width <= cardBox.x + cardBox.width + 0.5, "the table fits its card: " + table.width
                + " px wide in a card of " + cardBox.width + " px");
        // and were a long reading to widen it, it would scroll inside the card, not run past it
        BoundingBox shown = card.locator(".table-scroll").boundingBox();
        assertTrue(shown.x + shown.width <= cardBox.x + cardBox.width + 0.5, "the table's scroll box ends inside the card");
    }

    /** The check box of exactly this name in a list (the "+ sub-codes" button beside a parent names it too). */
    private static Locator checkbox(Locator list, String name) {
        return list.getByRole(AriaRole.CHECKBOX, new Locator.GetByRoleOptions().setName(name).setExact(true));
    }

    /** Bounding-box checks of the round form's layout. */
    private static final class BoxCheck {
        static void sideBySide(BoundingBox left, BoundingBox right) {
            assertTrue(right.x >= left.x + left.width - 0.5, "the lists stand side by side, not one under the other");
            assertTrue(Math.abs(right.y - left.y) < 2, "the lists start on one line");
        }
    }
}
