package app.margin.web;

import static app.margin.support.Api.as;
import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import app.margin.support.Api;
import app.margin.support.Api.Team;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Layers after a reveal, and links that open the layer of the coding they name: a coder sees their round partner's
 * layer in the menu only once the round is revealed and only on its documents, the layer chosen survives a reload, a
 * deep link survives signing in, and search hits and a code's segments open the layer holding the coding clicked,
 * the searched words marked.
 */
@QuarkusTest
class PartnerLayersPageTest extends BrowserTest {
    static final String TEXT = """
            Interviewer: How did you come to London?
            P21: The broker took all my money in China.
            Interviewer: And then?
            P21: My cousin found a job for me in a restaurant kitchen.
            """;

    record Project(Team team, long inRound, long outside, long round, long network) {
    }

    /** A non-blind round of the two coders on one of two documents; each coder has coded in it. */
    static Project project() {
        Team team = Api.team("Partner layers");
        long inRound = Api.importText(team.supervisor(), team.projectId(), "p21.txt", TEXT, null);
        long outside = Api.importText(team.supervisor(), team.projectId(), "p22.txt", TEXT.replace("P21", "P22"), null);
        long cost = Api.newCode(team.supervisor(), team.projectId(), "Cost of the journey", null);
        long network = Api.newCode(team.supervisor(), team.projectId(), "Family network", null);
        Api.code(team.coder(), team.projectId(), inRound, cost, TEXT.indexOf("The broker"), TEXT.indexOf(" in China"));
        Api.code(team.coder2(), team.projectId(), inRound, network, TEXT.indexOf("My cousin"), TEXT.indexOf(" for me"));
        Api.code(team.coder2(), team.projectId(), outside, network, TEXT.indexOf("My cousin"), TEXT.indexOf(" for me"));
        long round = as(team.supervisor()).body(Map.of("name", "Pilot", "documentIds", List.of(inRound),
                        "coders", List.of(team.coder(), team.coder2()), "codeIds", List.of(cost, network), "blind", false))
                .post(team.path("/agreement/rounds")).then().statusCode(201).extract().jsonPath().getLong("id");
        return new Project(team, inRound, outside, round, network);
    }

    private String document(Project p, long did) {
        return root + "#/projects/" + p.team().projectId() + "/documents/" + did;
    }

    private static List<String> layerOptions(Page page) {
        assertThat(page.getByLabel("Layer")).isVisible();
        return page.getByLabel("Layer").locator("option").all().stream().map(o -> o.getAttribute("value")).toList();
    }

    @Test
    void aCoderSeesThePartnersLayerAfterTheRevealOnTheRoundsDocumentsAndKeepsItOnReload() {
        Project p = project();
        Team team = p.team();
        Page coder = browser.signIn(root, team.coder(), Api.PASSWORD);
        coder.navigate(document(p, p.inRound()));
        assertEquals(List.of("mine", "master"), layerOptions(coder), "before the reveal: own layer and master");

        as(team.supervisor()).post(team.path("/agreement/rounds/" + p.round() + "/reveal")).then().statusCode(200);
        coder.reload();
        String partner = "coder:" + team.coder2();
        assertEquals(List.of("mine", partner, "master"), layerOptions(coder));
        coder.getByLabel("Layer").selectOption(partner);
        assertThat(coder.locator(".stripe[aria-label$='by " + team.coder2() + "']")).hasCount(1);
        assertThat(coder.locator(".stripe")).hasCount(1);

        coder.reload(); // the layer chosen is remembered
        assertThat(coder.getByLabel("Layer")).hasValue(partner);
        assertThat(coder.locator(".stripe[aria-label$='by " + team.coder2() + "']")).hasCount(1);

        coder.navigate(document(p, p.outside()));
        assertThat(coder.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("p22"))).isVisible();
        assertEquals(List.of("mine", "master"), layerOptions(coder), "not on a document outside the round");
        assertThat(coder.getByLabel("Layer")).hasValue("mine");

        Page supervisor = browser.signIn(root, team.supervisor(), Api.PASSWORD);
        supervisor.navigate(document(p, p.outside()));
        assertThat(supervisor.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("p22"))).isVisible();
        List<String> all = layerOptions(supervisor);
        assertEquals(List.of("mine", "all"), all.subList(0, 2), "supervisors keep All coders and every layer");
        assertEquals("master", all.getLast());
        assertEquals(true, all.contains(partner) && all.contains("coder:" + team.coder()));
    }

    @Test
    void aDeepLinkOpensAfterSigningIn() {
        Project p = project();
        Page page = browser.newPage();
        page.navigate(document(p, p.inRound()) + "?layer=master");
        page.waitForURL(Pattern.compile(".*/login\\.html.*"));
        page.getByLabel("User name").fill(p.team().coder());
        page.getByLabel("Password").fill(Api.PASSWORD);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in")).click();
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("p21"))).isVisible();
        assertThat(page.getByLabel("Layer")).hasValue("master");
    }

    @Test
    void aSegmentHitOpensItsCodersLayerWithTheSearchedWordsMarked() {
        Project p = project();
        Team team = p.team();
        Page page = browser.signIn(root, team.supervisor(), Api.PASSWORD);
        page.navigate(root + "#/projects/" + team.projectId() + "/search");
        page.getByLabel("Search", new Page.GetByLabelOptions().setExact(true)).fill("cousin doc:p21");
        page.getByLabel("In", new Page.GetByLabelOptions().setExact(true)).selectOption("coded");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Search")).click();
        assertThat(page.locator(".result-count")).containsText("1 segment found");
        page.locator(".hits a.hit").first().click();

        assertThat(page.getByLabel("Layer")).hasValue("coder:" + team.coder2());
        assertThat(page.locator(".said.target")).containsText("My cousin");
        assertThat(page.locator(".said .search-match")).hasText("cousin");
        assertThat(page.locator(".said .opened-coding").first()).isVisible();
        assertThat(page.locator(".coding-details h2")).containsText("Family network");

        // a passage hit of a coder: their own layer, the words marked
        Page coder = browser.signIn(root, team.coder(), Api.PASSWORD);
        coder.navigate(root + "#/projects/" + team.projectId() + "/search?q=" + "restaurant%20kitchen%20doc%3Ap22");
        coder.locator(".hits a.hit").first().click();
        assertThat(coder.getByLabel("Layer")).hasValue("mine");
        assertThat(coder.locator(".said .search-match")).hasText(new String[] {"restaurant", "kitchen"});
        assertThat(coder.locator(".said.target")).isInViewport();
    }

    @Test
    void aSegmentInACodesListOpensTheLayerHoldingIt() {
        Project p = project();
        Team team = p.team();
        Page page = browser.signIn(root, team.supervisor(), Api.PASSWORD);
        page.navigate(root + "#/projects/" + team.projectId() + "/codebook");
        page.locator(".code-link", new Page.LocatorOptions().setHasText("Family network")).click();
        assertThat(page.locator(".segments li")).hasCount(2);
        page.locator(".segments a", new Page.LocatorOptions().setHasText("p22")).click();

        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("p22"))).isVisible();
        assertThat(page.getByLabel("Layer")).hasValue("coder:" + team.coder2());
        assertThat(page.locator(".stripe[aria-label$='by " + team.coder2() + "']")).hasCount(1);
        assertThat(page.locator(".said .opened-coding")).hasText("My cousin found a job");
        assertThat(page.locator(".said.target")).containsText("My cousin");
    }
}
