package app.margin.web;

import static app.margin.support.Api.as;
import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import app.margin.support.Api;
import app.margin.support.Api.Team;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Request;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.SelectOption;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * A double click never applies twice: Save memo and Apply the code double-clicked send one request each (the button
 * is busy while it runs), with an Idempotency-Key, and leave one memo and one batch of codings.
 */
@QuarkusTest
class DoubleClickTest extends BrowserTest {
    static final String TEXT = "Interviewer: How did you come?\n"
            + "P04: The broker found us in Yanji. We paid the broker later. Nobody else helped.\n"
            + "Interviewer: And then?\n"
            + "P04: A second broker took us to Laos.\n";



    @Test
    void doubleClickingSaveMemoWritesOneMemo() {
        Team team = Api.team("Double click memo");
        long doc = Api.importText(team.supervisor(), team.projectId(), "p04.txt", TEXT, null);
        Page page = browser.signIn(root, team.coder(), Api.PASSWORD);
        List<Request> sent = posts(page, "/memos");
        page.navigate(root + "#/projects/" + team.projectId() + "/documents/" + doc);
        page.getByLabel("New memo").fill("The broker again: ask who paid him.");
        page.getByRole(AriaRole.BUTTON, named("Save memo")).dblclick();
        assertThat(page.locator(".memos")).containsText("The broker again: ask who paid him.");
        assertThat(page.getByRole(AriaRole.BUTTON, named("Save memo"))).isEnabled();

        assertEquals(1, sent.size(), "one request for a double click");
        assertNotNull(sent.getFirst().headerValue("idempotency-key"), "sent with an Idempotency-Key");
        as(team.coder()).get(team.path("/memos?targetType=DOCUMENT&targetId=" + doc)).then()
                .body("size()", org.hamcrest.Matchers.equalTo(1));
    }

    @Test
    void doubleClickingApplyTheCodeMakesOneBatch() {
        Team team = Api.team("Double click auto-coding");
        long doc = Api.importText(team.supervisor(), team.projectId(), "p04.txt", TEXT, null);
        Api.newCode(team.supervisor(), team.projectId(), "Broker role", null);
        Page page = browser.signIn(root, team.coder(), Api.PASSWORD);
        List<Request> sent = posts(page, "/search/autocode");
        page.navigate(root + "#/projects/" + team.projectId() + "/search");
        page.getByLabel("Search", new Page.GetByLabelOptions().setExact(true)).fill("broker");
        page.getByLabel("Hit unit").selectOption("sentence");
        page.getByRole(AriaRole.BUTTON, named("Search")).click();
        assertThat(page.locator(".result-count")).containsText("found");
        page.getByLabel("Code", new Page.GetByLabelOptions().setExact(true))
                .selectOption(new SelectOption().setLabel("Broker role"));
        page.getByRole(AriaRole.BUTTON, named("Preview")).click();
        assertThat(page.locator(".autocode [role=status]")).containsText("This will create 3 segments");
        page.getByRole(AriaRole.BUTTON, named("Apply the code")).dblclick();
        assertThat(page.locator(".autocode [role=status]")).containsText(Pattern.compile("Coded 3 segments in 1 document"));

        assertEquals(1, sent.size(), "one request for a double click");
        assertNotNull(sent.getFirst().headerValue("idempotency-key"), "sent with an Idempotency-Key");
        as(team.coder()).get(team.path("/codings?documentId=" + doc)).then().body("size()", org.hamcrest.Matchers.equalTo(3));
        as(team.supervisor()).get(team.path("/audit")).then()
                .body("findAll { it.action == 'coding.batch-added' }.size()", org.hamcrest.Matchers.equalTo(1));

        // Undo removes exactly that batch
        page.getByRole(AriaRole.BUTTON, named("Undo")).dblclick();
        assertThat(page.locator(".autocode [role=status]")).containsText("Undone: removed 3 codings");
        as(team.coder()).get(team.path("/codings?documentId=" + doc)).then().body("size()", org.hamcrest.Matchers.equalTo(0));
    }
}
