package app.margin.identity.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import app.margin.support.Folders;
import app.margin.support.MarginProcess;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The packaged Margin: a browser session lives in the database, so it survives a restart (no key to keep), and a
 * signed-out session stays refused after one.
 */
class SessionRestartIT {
    private static final String PASSWORD = "session-it-admin-pw";

    @Test
    void aLiveSessionSurvivesARestartAndASignedOutOneStaysEnded() throws Exception {
        // The PostgreSQL run packages the team build (margin.jar), which needs a database and an identity provider:
        // there, TwoInstancesIT shows sessions living in the database (a session from one instance works on another).
        assumeFalse("postgres".equals(System.getProperty("crash.db")), "runs on the embedded build (H2)");
        Path root = Path.of("target", "session-it");
        Folders.delete(root);
        HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
        try (MarginProcess margin = MarginProcess.on(root.resolve("data")).log(root.resolve("margin.log"))
                .env("MARGIN_DEMO", "false").env("MARGIN_ADMIN_PASSWORD", PASSWORD).start()) {
            URI base = margin.baseUri();
            String kept = signIn(http, base);
            String signedOut = signIn(http, base);
            assertEquals(200, me(http, base, kept));
            assertEquals(204, http.send(HttpRequest.newBuilder(base.resolve("/api/v1/session/logout"))
                    .header("Cookie", SessionCookie.NAME + "=" + signedOut).header("X-Margin-Request", "1")
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding())
                    .statusCode());

            margin.restart();

            assertEquals(200, me(http, base, kept), "the session is a row in the database, not in memory");
            assertEquals(401, me(http, base, signedOut));
            assertTrue(Files.notExists(margin.dataDir().resolve("session.key")), "no session key is kept");
        }
    }

    private static String signIn(HttpClient http, URI base) throws Exception {
        HttpResponse<Void> response = http.send(HttpRequest.newBuilder(base.resolve("/j_security_check"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("j_username=admin&j_password=" + PASSWORD)).build(),
                HttpResponse.BodyHandlers.discarding());
        assertEquals(302, response.statusCode());
        Optional<String> cookie = response.headers().allValues("Set-Cookie").stream()
                .filter(c -> c.startsWith(SessionCookie.NAME + "=")).findFirst();
        assertTrue(cookie.isPresent(), "a session cookie");
        return cookie.get().substring(SessionCookie.NAME.length() + 1).split(";", 2)[0];
    }

    private static int me(HttpClient http, URI base, String token) throws Exception {
        return http.send(HttpRequest.newBuilder(base.resolve("/api/v1/me"))
                .header("Cookie", SessionCookie.NAME + "=" + token).GET().build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
