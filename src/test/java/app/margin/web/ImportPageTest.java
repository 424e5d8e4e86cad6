package app.margin.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import app.margin.support.Api;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.FilePayload;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Importing several files in the browser: a result per file, the refused one with its reason. */
@QuarkusTest
class ImportPageTest extends BrowserTest {
    @Test
    void anOwnerImportsTwoFilesAndSeesWhyAThirdWasRefused() {
        String owner = Api.newUser("importer");
        String coder = Api.newUser("reader");
        long pid = Api.newProject(owner, "Import in the browser");
        Api.addMember(owner, pid, coder, "CODER");
        Page page = browser.signIn(root, owner, Api.PASSWORD);
        page.navigate(root + "#/projects/" + pid);
        assertThat(page.locator("#documents-heading")).hasText("Documents (0)");

        page.locator("#import-files").setInputFiles(new FilePayload[] {
                new FilePayload("P21.txt", "text/plain", ("Interviewer: Hello.\n\nP21: Hi.\n\nInterviewer: Ready?\n\nP21: Yes.\n")
                        .getBytes(StandardCharsets.UTF_8)),
                new FilePayload("P22.vtt", "text/vtt", "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n<v P22>Hello.\n"
                        .getBytes(StandardCharsets.UTF_8)),
                new FilePayload("scan.jpg", "image/jpeg", new byte[] {(byte) 0xFF, (byte) 0xD8, 1})});
        assertThat(page.locator(".import-results li", new Page.LocatorOptions().setHasText("P21.txt")))
                .containsText("Imported as “P21” (transcript");
        assertThat(page.locator(".import-results li", new Page.LocatorOptions().setHasText("P22.vtt")))
                .containsText("Imported as “P22”");
        assertThat(page.locator(".import-results li", new Page.LocatorOptions().setHasText("scan.jpg")))
                .containsText(".jpg files are not supported");
        assertThat(page.locator("#documents-heading")).hasText("Documents (2)");
        assertEquals(3, page.locator(".import-results progress").count());
        page.locator("#attributes-file").setInputFiles(new FilePayload("cases.csv", "text/csv",
                "document,case,gender,arrival_year\nP21.txt,P21,female,2011\n".getBytes(StandardCharsets.UTF_8)));
        assertThat(page.getByText(java.util.regex.Pattern.compile("Attributes set for .* and 1 document\\.")))
                .isVisible();
        assertThat(page.locator("tr", new Page.LocatorOptions().setHasText("2011, female"))).containsText("P21");
        Browser.screenshot(page, "import");

        Page asCoder = browser.signIn(root, coder, Api.PASSWORD);
        asCoder.navigate(root + "#/projects/" + pid);
        assertThat(asCoder.locator("#documents-heading")).hasText("Documents (2)");
        assertEquals(0, asCoder.locator("#import-heading").count(), "coders do not import");
    }

    @Test
    void anUploadBeyondTheServersLimitIsExplained() {
        String owner = Api.newUser("importer");
        long pid = Api.newProject(owner, "Too large");
        Page page = browser.signIn(root, owner, Api.PASSWORD);
        page.navigate(root + "#/projects/" + pid);
        assertThat(page.locator("#documents-heading")).hasText("Documents (0)");
        // The HTTP layer refuses a request over quarkus.http.limits.max-body-size with a bare 413 before Margin sees
        // it; a test cannot send 512 MB, so the browser is given that answer. Only the upload (POST) is answered so:
        // the page's own GET of the same URL, which lists the documents, must still reach Margin.
        page.route("**/api/v1/projects/" + pid + "/documents", route -> {
            if ("POST".equals(route.request().method())) {
                route.fulfill(new com.microsoft.playwright.Route.FulfillOptions().setStatus(413).setBody(""));
            } else {
                route.resume();
            }
        });
        page.locator("#import-files").setInputFiles(new FilePayload("huge.pdf", "application/pdf", new byte[] {1, 2, 3}));
        assertThat(page.locator(".import-results li", new Page.LocatorOptions().setHasText("huge.pdf")))
                .containsText("larger than the Margin server accepts in one upload");
    }
}
