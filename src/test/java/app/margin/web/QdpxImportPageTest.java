package app.margin.web;

import static app.margin.support.Api.as;
import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import app.margin.support.Api;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.FilePayload;
import io.quarkus.test.junit.QuarkusTest;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** A .qdpx file imported on the project list: the new project is listed at once, and no page reads "null". */
@QuarkusTest
class QdpxImportPageTest extends BrowserTest {
    /** What a missing value printed by a page looks like, also run into the text before it ("colleaguenull"). */
    private static final Pattern NULL = Pattern.compile("null");

    @Test
    void anImportedProjectJoinsTheListWithoutAReloadAndNothingReadsNull() {
        String owner = Api.newUser("exporter");
        long source = as(owner).body(java.util.Map.of("name", "Shared by a colleague")).post("/api/v1/projects")
                .then().statusCode(201).extract().jsonPath().getLong("id"); // no description, as many projects have
        String text = "Interviewer: Why did you leave?\n\nP31: The broker said the work was easy.\n";
        long doc = Api.importText(owner, source, "P31.txt", text, null);
        long code = Api.newCode(owner, source, "Broker", null);
        int at = text.indexOf("The broker");
        Api.code(owner, source, doc, code, at, at + 10);
        byte[] qdpx = as(owner).get("/api/v1/projects/" + source + "/export/qdpx").then().statusCode(200)
                .extract().asByteArray();

        Page page = browser.signIn(root, Api.newUser("importer"), Api.PASSWORD);
        assertThat(page.locator("main")).containsText("You are not a member of any project yet.");
        page.locator("#qdpx-file").setInputFiles(new FilePayload("shared.qdpx", "application/zip", qdpx));
        assertThat(page.locator("#qdpx-file ~ [role=status]")).hasText("Imported 1 document, 1 code, 1 coding and 0 memos.");
        assertThat(page.getByRole(AriaRole.LINK, named("Shared by a colleague"))).isVisible();
        assertThat(page.locator("main")).not().containsText("You are not a member");
        assertThat(page.locator("body")).not().containsText(NULL);

        page.getByRole(AriaRole.LINK, named("Shared by a colleague")).click();
        assertThat(page.locator("#documents-heading")).hasText("Documents (1)");
        assertThat(page.locator("body")).not().containsText(NULL);
    }
}
