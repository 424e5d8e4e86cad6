package app.margin.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.margin.exchange.ExchangeFixture;
import app.margin.support.Api;
import com.microsoft.playwright.Download;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import io.quarkus.test.junit.QuarkusTest;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipFile;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.junit.jupiter.api.Test;

/** The export page downloads files, and a downloaded .qdpx imports from the project list. */
@QuarkusTest
class ExportsPageTest extends BrowserTest {

    @Test
    void aSupervisorDownloadsSegmentsAndTheProjectAndImportsItAgain() throws Exception {
        ExchangeFixture f = new ExchangeFixture("Exports in the browser");
        Page page = browser.signIn(root, f.team.supervisor(), Api.PASSWORD);
        page.navigate(root + "#/projects/" + f.pid());
        page.getByRole(AriaRole.LINK, named("Exports (segments, codebook, REFI-QDA)")).click();
        assertThat(page.getByRole(AriaRole.HEADING, named("Exports: Exports in the browser"))).isVisible();

        page.getByLabel("Format").first().selectOption("docx");
        page.getByLabel("Migration").check();
        page.getByRole(AriaRole.BUTTON, named("Export coded segments")).click();
        Download segments = page.waitForDownload(() ->
                page.getByRole(AriaRole.LINK, named("Download Exports-in-the-browser-segments.docx")).click());
        Browser.screenshot(page, "exports");
        Path docx = Files.createTempFile("segments", ".docx");
        segments.saveAs(docx);
        try (InputStream in = Files.newInputStream(docx); XWPFDocument doc = new XWPFDocument(in)) {
            List<String> texts = doc.getParagraphs().stream().map(XWPFParagraph::getText).toList();
            assertEquals("Coded segments: Exports in the browser", texts.getFirst());
            assertTrue(texts.contains("Migration (2)") && texts.contains("Migration > Arrival (1)"), texts.toString());
            assertTrue(!texts.contains("Work (2)"), "only the ticked code and its sub-codes");
        }

        page.getByRole(AriaRole.BUTTON, named("Export whole project")).click();
        Download project = page.waitForDownload(() ->
                page.getByRole(AriaRole.LINK, named("Download Exports-in-the-browser.qdpx")).click());
        Path qdpx = Files.createTempFile("project", ".qdpx");
        project.saveAs(qdpx);
        try (ZipFile zip = new ZipFile(qdpx.toFile())) {
            assertTrue(zip.getEntry("project.qde") != null);
        }

        page.navigate(root + "#/");
        page.getByLabel("Choose a .qdpx file:").setInputFiles(qdpx);
        assertThat(page.getByRole(AriaRole.STATUS).filter(new com.microsoft.playwright.Locator.FilterOptions()
                .setHasText("Imported"))).hasText("Imported 2 documents, 3 codes, 6 codings and 0 memos.");
        page.getByRole(AriaRole.LINK, named("Open the imported project")).click();
        assertThat(page.getByRole(AriaRole.HEADING, named("Exports in the browser")).first()).isVisible();
    }

    @Test
    void aCoderSeesAFailedExportExplained() {
        Api.Team empty = Api.team("Nothing to export");
        Page page = browser.signIn(root, empty.coder(), Api.PASSWORD);
        page.navigate(root + "#/projects/" + empty.projectId() + "/exports");
        page.getByLabel("Format").nth(1).selectOption("qdc");
        page.getByRole(AriaRole.BUTTON, named("Export codebook")).click();
        assertThat(page.locator(".export-form .refused")).hasText(
                "The codebook is empty: a REFI-QDA codebook needs at least one code.");
    }
}
