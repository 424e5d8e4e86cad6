package app.margin.identity.oidc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import app.margin.support.MarginProcess;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.options.AriaRole;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Single sign-on against a real identity provider: Keycloak from Maven Central with docker/keycloak/margin-realm.json,
 * and the packaged team jar on a scratch PostgreSQL database. A coder signs in through the browser's code flow in
 * Chromium, scripts call the API with bearer tokens from a password grant, a project the coder is not in is 404 and
 * one their group names is theirs, and signing out ends the Keycloak session too. Run by {@code ./mvnw -B verify
 * -Pkeycloak} (.ci/run does, when PostgreSQL answers on 127.0.0.1:5432).
 */
class KeycloakSignInIT {
    private static final Path WORK = Path.of("target/keycloak-it").toAbsolutePath();
    private static final String PG = System.getProperty("keycloak.pg.url", "jdbc:postgresql://127.0.0.1:5432/");
    private static final String PG_USER = System.getProperty("keycloak.pg.user", "postgres");
    private static final String DATABASE = "margin_oidc_it";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static KeycloakProcess keycloak;
    private static MarginProcess margin;

    @BeforeAll
    static void start() throws Exception {
        // Only the keycloak profile sets keycloak.home (and builds the team jar this test needs): a plain verify
        // after an earlier -Pkeycloak run finds Keycloak unpacked but would start the embedded jar.
        String unpacked = System.getProperty("keycloak.home");
        assumeTrue(unpacked != null, "runs with ./mvnw verify -Pkeycloak");
        Path home = Path.of(unpacked).toAbsolutePath();
        assumeTrue(Files.isRegularFile(home.resolve("bin/kc.sh")), "Keycloak is unpacked by ./mvnw verify -Pkeycloak");
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/chromium")), "needs Chromium: apt-get install -y chromium");
        keycloak = KeycloakProcess.start(home, Path.of(System.getProperty("keycloak.realm",
                "docker/keycloak/margin-realm.json")), MarginProcess.freePort(), MarginProcess.freePort(),
                WORK.resolve("keycloak.log"));
        sql("drop database if exists " + DATABASE + " with (force)");
        sql("create database " + DATABASE);
        margin = MarginProcess.on(WORK.resolve("data")).log(WORK.resolve("margin.log"))
                .systemProperty("quarkus.profile", "team")
                .env("MARGIN_DB_URL", PG + DATABASE).env("MARGIN_DB_USER", PG_USER)
                // the team profile refuses to start without a password; CI's server trusts loopback and never asks
                .env("MARGIN_DB_PASSWORD", System.getProperty("keycloak.pg.password", "unused-the-test-server-trusts-loopback"))
                .env("QUARKUS_HTTP_HOST", "127.0.0.1")
                .env("QUARKUS_OIDC_AUTH_SERVER_URL", keycloak.issuer("margin"))
                .env("MARGIN_OIDC_GROUPS_CLAIM", "groups")
                .env("MARGIN_OIDC_PROVIDER_NAME", "Keycloak")
                .env("MARGIN_OIDC_SESSION_KEY", "keycloak-it-session-key-of-32-or-more-characters")
                .start();
    }

    @AfterAll
    static void stop() throws Exception {
        if (margin != null) {
            margin.close();
            sql("drop database if exists " + DATABASE + " with (force)");
        }
        if (keycloak != null) {
            keycloak.close();
        }
    }

    @Test
    void signInThroughTheBrowserUseTokensAndSignOutOfTheIdentityProviderToo() throws Exception {
        String owner = token("owner", "owner-demo-password");
        String coder = token("coder", "coder-demo-password");

        // Scripts: a bearer token makes the account from the claims; the owner's projects are theirs alone.
        JsonNode me = get("/api/v1/me", coder, 200);
        assertEquals("coder", me.get("username").asText());
        assertEquals("Cora Coder", me.get("displayName").asText());
        assertEquals("coder@margin.example", me.get("email").asText());
        long first = send("POST", "/api/v1/projects", owner, Map.of("name", "Group project", "description", "seeded"),
                201).get("id").asLong();
        long foreign = send("POST", "/api/v1/projects", owner, Map.of("name", "Owner's own", "description", "x"),
                201).get("id").asLong();
        assertEquals(1, first, "the realm's demo groups name project 1");
        get("/api/v1/projects/" + foreign, coder, 404);
        // The coder's group margin:1:CODER makes them a coder of project 1 at their next request.
        get("/api/v1/projects/" + first, coder, 200);
        assertEquals("CODER", role(first, "coder", owner));
        send("POST", "/api/v1/projects/" + first + "/codes", coder, Map.of("name", "From a coder"), 403);
        get("/api/v1/me", "not-a-token", 401);
        assertEquals(401, HTTP.send(HttpRequest.newBuilder(margin.baseUri().resolve("/api/v1/projects")).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode(), "no credentials: 401, not a redirect");
        // Local accounts are off in the team profile: a user name and password is refused before any check.
        HttpResponse<String> basic = HTTP.send(HttpRequest.newBuilder(margin.baseUri().resolve("/api/v1/me"))
                .header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString(
                        "admin:any-password".getBytes(StandardCharsets.UTF_8))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(401, basic.statusCode());
        assertTrue(basic.body().contains("does not take user names and passwords"), basic.body());

        // Browser: the sign-in page's button, Keycloak's form, back to the project list.
        try (Playwright playwright = Playwright.create(new Playwright.CreateOptions()
                .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
                Browser browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
                        .setExecutablePath(Path.of("/usr/bin/chromium")).setHeadless(true)
                        .setArgs(List.of("--no-sandbox", "--disable-gpu", "--disable-background-networking",
                                "--disable-component-update", "--disable-sync", "--no-first-run")))) {
            Page page = browser.newContext().newPage();
            page.navigate(margin.baseUri().resolve("/login.html").toString());
            page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Sign in with Keycloak")).waitFor();
            assertTrue(page.locator("form").isHidden(), "no password form where local accounts are off");
            page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Sign in with Keycloak")).click();
            page.waitForURL(Pattern.compile(".*/realms/margin/.*"));
            page.locator("#username").fill("coder");
            page.locator("#password").fill("coder-demo-password");
            page.locator("#kc-login").click();
            page.waitForURL(Pattern.compile(Pattern.quote(margin.baseUri().toString()) + "/?#?.*"));
            page.locator("#who").getByText("Cora Coder").waitFor();
            page.getByText("Group project").first().waitFor();
            assertTrue(page.getByText("Owner's own").count() == 0, "a foreign project is not listed");

            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign out")).click();
            page.waitForURL(Pattern.compile(".*/login\\.html.*"));
            // The identity provider's session ended too: signing in again asks for the password.
            page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Sign in with Keycloak")).click();
            page.waitForURL(Pattern.compile(".*/realms/margin/.*"));
            page.locator("#password").waitFor();

            // A disabled account is sent back to the sign-in page saying so (not round and round the identity provider).
            String administrator = token("administrator", "administrator-demo-password");
            get("/api/v1/me", token("viewer", "viewer-demo-password"), 200);
            send("PUT", "/api/v1/users/viewer/enabled", administrator, Map.of("enabled", false), 200);
            page.locator("#username").fill("viewer");
            page.locator("#password").fill("viewer-demo-password");
            page.locator("#kc-login").click();
            page.waitForURL(Pattern.compile(".*/login\\.html\\?error=disabled"));
            page.getByText("This account is disabled").waitFor();
        }
    }

    private static String role(long projectId, String username, String owner) throws Exception {
        for (JsonNode member : get("/api/v1/projects/" + projectId + "/members", owner, 200)) {
            if (member.get("username").asText().equals(username)) {
                return member.get("role").asText();
            }
        }
        return "none";
    }

    /** A password grant (direct access grants are on for the realm's client, for scripts and tests). */
    private static String token(String username, String password) throws Exception {
        String form = Map.of("grant_type", "password", "client_id", "margin-web", "username", username,
                "password", password, "scope", "openid").entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
                        URI.create(keycloak.issuer("margin") + "/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        return JSON.readTree(response.body()).get("access_token").asText();
    }

    private static JsonNode get(String path, String token, int status) throws Exception {
        return send("GET", path, token, null, status);
    }

    private static JsonNode send(String method, String path, String token, Object body, int status) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(margin.baseUri().resolve(path))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(status, response.statusCode(), method + " " + path + ": " + response.body());
        return response.body().isEmpty() ? JSON.nullNode() : JSON.readTree(response.body());
    }

    private static void sql(String statement) throws Exception {
        try (Connection connection = DriverManager.getConnection(PG + "postgres", PG_USER, "");
                Statement s = connection.createStatement()) {
            s.execute(statement);
        }
    }
}
