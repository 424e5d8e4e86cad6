package app.margin.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertFalse;

import app.margin.support.Api;
import app.margin.support.Api.Team;
import com.microsoft.playwright.Page;
import io.quarkus.test.junit.QuarkusTest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Two viewer fixes: no literal "null" in what a supervisor sees of others' codings; boundaries stay in the turn. */
@QuarkusTest
class ViewerFixesTest extends BrowserTest {
    static final String TEXT = "Interviewer: How did you come?\n"
            + "P13: Yes the broker found us in Yanji.\n"
            + "Interviewer: And then?\n"
            + "P13: We walked to the river.\n"; // labels that open two lines are speakers (SpeakerTurns)

    /** The words on screen in the page's main part (what a reader sees, not attributes). */
    static String visibleText(Page page) {
        return (String) page.evaluate("() => document.querySelector('main').innerText");
    }

    @Test
    void aSupervisorClickingAnotherCodersOrTheMasterStripeSeesNoNull() {
        Team team = Api.team("No null");
        long doc = Api.importText(team.supervisor(), team.projectId(), "p13.txt", TEXT, "TRANSCRIPT");
        long broker = Api.newCode(team.supervisor(), team.projectId(), "Broker", null);
        int start = TEXT.indexOf("the broker");
        Api.code(team.coder(), team.projectId(), doc, broker, start, start + 10);
        long theirs = Api.code(team.coder2(), team.projectId(), doc, broker, start, start + 20);
        Map<String, Object> round = new HashMap<>();
        round.put("name", "Pilot");
        round.put("documentIds", List.of(doc));
        round.put("coders", List.of(team.coder(), team.coder2()));
        round.put("codeIds", List.of(broker));
        round.put("unit", "CHARACTER");
        long rid = Api.as(team.supervisor()).body(round).post(team.path("/agreement/rounds")).then().statusCode(201)
                .extract().jsonPath().getLong("id");
        Api.as(team.supervisor()).body(Map.of("decision", "ACCEPT", "documentId", doc, "codeId", broker,
                "codingIds", List.of(theirs), "note", "the whole phrase")).post(team.path("/agreement/rounds/" + rid
                        + "/adjudications")).then().statusCode(201);

        Page page = browser.signIn(root, team.supervisor(), Api.PASSWORD);
        page.navigate(root + "#/projects/" + team.projectId() + "/documents/" + doc);
        page.getByLabel("Layer").selectOption("all");
        assertThat(page.locator(".stripe")).hasCount(3);
        for (int i = 0; i < 3; i++) {
            page.locator(".stripe").nth(i).click();
            assertThat(page.locator(".coding-details h2")).hasText("Broker");
            assertThat(page.locator(".coding-details")).containsText("No memos yet.");
            assertFalse(visibleText(page).contains("null"), "stripe " + i + ": " + visibleText(page));
        }
        for (String layer : List.of("master", "coder:" + team.coder())) {
            page.getByLabel("Layer").selectOption(layer);
            assertThat(page.locator(".coding-details")).containsText("Showing");
            assertFalse(visibleText(page).contains("null"), layer + ": " + visibleText(page));
            page.locator(".stripe").first().click();
            assertThat(page.locator(".coding-details")).containsText("No memos yet.");
            assertFalse(visibleText(page).contains("null"), layer + ": " + visibleText(page));
        }
    }

    @Test
    void startOneWordEarlierStopsAtTheTurnsTextNotItsSpeakerLabel() {
        Team team = Api.team("Boundaries in the turn");
        long doc = Api.importText(team.supervisor(), team.projectId(), "p13.txt", TEXT, "TRANSCRIPT");
        long broker = Api.newCode(team.supervisor(), team.projectId(), "Broker", null);
        int start = TEXT.indexOf("Yes the broker");
        long coding = Api.code(team.coder(), team.projectId(), doc, broker, start, start + "Yes the broker".length());

        Page page = browser.signIn(root, team.coder(), Api.PASSWORD);
        page.navigate(root + "#/projects/" + team.projectId() + "/documents/" + doc);
        page.locator(".stripe").first().click();
        page.getByText("Change boundaries").click();
        page.getByRole(com.microsoft.playwright.options.AriaRole.BUTTON, named("Start one word earlier")).click();
        assertThat(page.locator(".boundary-preview mark")).hasText("Yes the broker");
        for (int i = 0; i < 8; i++) { // past "Yanji." the next turn's label and words, not this turn's
            page.getByRole(com.microsoft.playwright.options.AriaRole.BUTTON, named("End one word later")).click();
        }
        assertThat(page.locator(".boundary-preview mark")).hasText("Yes the broker found us in Yanji.");
        page.getByRole(com.microsoft.playwright.options.AriaRole.BUTTON, named("Save boundaries")).click();
        assertThat(page.getByText("Changed the boundaries of “Broker”.")).isVisible();
        var saved = Api.as(team.coder()).get(team.path("/codings/" + coding)).then().extract().jsonPath();
        org.junit.jupiter.api.Assertions.assertEquals(start, saved.getInt("start"));
        org.junit.jupiter.api.Assertions.assertEquals(TEXT.indexOf("Yanji.") + 6, saved.getInt("end"));
    }
}
