package app.margin.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.margin.support.Api;
import app.margin.support.Api.Team;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Stripes that say what they are: the code's name in a readable colour, each coder told apart, the text they mark. */
@QuarkusTest
class StripesTest extends BrowserTest {
    static final String TEXT = "Interviewer: How did you come?\n"
            + "P04: The broker found us in Yanji. We paid the broker later.\n"
            + "Interviewer: And then?\n"
            + "P04: A second broker took us to Laos.\n";

    /** WCAG contrast of two CSS colours as the browser computed them (rgb(…) strings). */
    static final String CONTRAST = "([a, b]) => { const lum = s => { const [r, g, bl] = s.match(/\\d+/g).slice(0, 3).map(Number)"
            + ".map(c => c / 255).map(c => c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);"
            + " return 0.2126 * r + 0.7152 * g + 0.0722 * bl; }; const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p);"
            + " return (x + 0.05) / (y + 0.05); }";

    static double contrast(Page page, String a, String b) {
        return ((Number) page.evaluate(CONTRAST, List.of(a, b))).doubleValue();
    }

    @Test
    void eachStripeShowsItsCodesNameReadablyAndHoveringItMarksItsText() {
        Team team = Api.team("Labelled stripes");
        long doc = Api.importText(team.supervisor(), team.projectId(), "p04.txt", TEXT, "TRANSCRIPT");
        long journey = Api.newCode(team.supervisor(), team.projectId(), "The journey", null);
        long broker = Api.newCode(team.supervisor(), team.projectId(), "Broker role", journey);
        // a near-white colour chosen by hand, as the old demo codebook's sub-codes had
        long pale = Api.as(team.supervisor()).body(java.util.Map.of("name", "Route", "color", "#f3faf3"))
                .post(team.path("/codes")).then().statusCode(201).extract().jsonPath().getLong("id");
        String phrase = "We paid the broker later.";
        Api.code(team.coder(), team.projectId(), doc, broker, TEXT.indexOf(phrase), TEXT.indexOf(phrase) + phrase.length());
        Api.code(team.coder(), team.projectId(), doc, pale, TEXT.indexOf("Laos"), TEXT.indexOf("Laos") + 4);

        Page page = browser.signIn(root, team.coder(), Api.PASSWORD);
        page.navigate(root + "#/projects/" + team.projectId() + "/documents/" + doc);
        Locator stripe = page.locator(".stripe[aria-label='Broker role by " + team.coder() + "']");
        assertThat(stripe).isVisible();
        assertThat(stripe).hasText("Broker role");
        for (Locator s : page.locator(".stripe").all()) {
            String background = (String) s.evaluate("e => getComputedStyle(e).backgroundColor");
            String ink = (String) s.evaluate("e => getComputedStyle(e).color");
            assertTrue(contrast(page, background, "rgb(255, 255, 255)") >= 3, s.textContent() + " against the page: " + background);
            assertTrue(contrast(page, background, ink) >= 4.5, s.textContent() + ": its name on it " + ink + " on " + background);
        }

        Locator marked = page.locator(".said .hover-mark");
        assertEquals(0, marked.count());
        stripe.hover();
        assertThat(marked).hasCount(1);
        assertThat(marked).hasText(phrase);
        page.mouse().move(5, 5);
        assertThat(marked).hasCount(0);
    }

    @Test
    void allCodersTellsEachCoderApartWithInitialsAPatternAndALegend() {
        Team team = Api.team("All coders legend");
        long doc = Api.importText(team.supervisor(), team.projectId(), "p04.txt", TEXT, "TRANSCRIPT");
        long broker = Api.newCode(team.supervisor(), team.projectId(), "Broker role", null);
        int start = TEXT.indexOf("The broker");
        Api.code(team.coder(), team.projectId(), doc, broker, start, start + 10);
        Api.code(team.coder2(), team.projectId(), doc, broker, start, start + 33);

        Page page = browser.signIn(root, team.supervisor(), Api.PASSWORD);
        page.navigate(root + "#/projects/" + team.projectId() + "/documents/" + doc);
        page.getByLabel("Layer").selectOption("all");
        Locator legend = page.getByRole(com.microsoft.playwright.options.AriaRole.LIST, new Page.GetByRoleOptions().setName("Coders"));
        assertThat(legend).containsText(team.coder());
        assertThat(legend).containsText(team.coder2());
        Locator first = page.locator(".stripe[aria-label='Broker role by " + team.coder() + "']");
        Locator second = page.locator(".stripe[aria-label='Broker role by " + team.coder2() + "']");
        String firstTag = first.locator(".coder-tag").textContent();
        String secondTag = second.locator(".coder-tag").textContent();
        assertTrue(!firstTag.isBlank() && !firstTag.equals(secondTag), firstTag + " / " + secondTag);
        assertThat(legend.locator("li", new Locator.LocatorOptions().setHasText(team.coder2())).locator(".coder-tag")).hasText(secondTag);
        String edge = "e => getComputedStyle(e, '::before').backgroundImage + getComputedStyle(e, '::before').backgroundColor";
        assertTrue(!first.evaluate(edge).equals(second.evaluate(edge)), "the two coders' stripes have different edge patterns");
        assertEquals(second.evaluate(edge), legend.locator("li", new Locator.LocatorOptions().setHasText(team.coder2()))
                .locator(".legend-sample").evaluate(edge), "the legend shows the pattern the stripes have");

        page.getByLabel("Layer").selectOption("coder:" + team.coder());
        assertThat(page.locator(".coder-legend")).hasCount(0); // one coder's layer needs no legend
    }
}
