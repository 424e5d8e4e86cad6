package app.margin.web;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.microsoft.playwright.Browser.NewContextOptions;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The system's Chromium driven by Playwright, headless. Without Chromium the browser tests are skipped with the
 * command that installs it; .ci/run always installs it, so CI never skips them.
 */
final class Browser implements AutoCloseable {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path SCREENSHOTS = Path.of("target/screenshots");

    private final Playwright playwright;
    private final com.microsoft.playwright.Browser browser;

    private Browser() {
        playwright = Playwright.create(new Playwright.CreateOptions()
                .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
                .setExecutablePath(CHROMIUM).setHeadless(true)
                .setArgs(List.of("--no-sandbox", "--disable-gpu", "--disable-background-networking",
                        "--disable-component-update", "--disable-sync", "--no-first-run")));
    }

    static Browser start() {
        assumeTrue(Files.isExecutable(CHROMIUM),
                "Browser tests need Chromium at /usr/bin/chromium: sudo apt-get install -y chromium");
        return new Browser();
    }

    /** A fresh page with its own cookies, as a new browser profile would have. */
    Page newPage() {
        BrowserContext context = browser.newContext(new NewContextOptions().setViewportSize(1280, 860));
        return context.newPage();
    }

    /** A new page signed in through the sign-in form; waits until the project list is shown. */
    Page signIn(java.net.URL root, String user, String password) {
        Page page = newPage();
        page.navigate(root + "login.html");
        page.getByLabel("User name").fill(user);
        page.getByLabel("Password").fill(password);
        page.getByRole(com.microsoft.playwright.options.AriaRole.BUTTON,
                new Page.GetByRoleOptions().setName("Sign in")).click();
        page.waitForURL(java.util.regex.Pattern.compile(".*/#?$"));
        return page;
    }

    static void screenshot(Page page, String name) {
        page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve(name + ".png")).setFullPage(true));
    }

    /** Only what fits the window, as a person first sees the screen (the README shows one of these). */
    static void screenshotOfWindow(Page page, String name) {
        page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve(name + ".png")));
    }

    @Override
    public void close() {
        browser.close();
        playwright.close();
    }
}
