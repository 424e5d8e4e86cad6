package app.margin.identity.session;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.margin.identity.SecretTokens;
import app.margin.support.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Browser sessions are rows on the server: sign-out, a new password and a disabled account end them at once. */
@QuarkusTest
class BrowserSessionTest {
    @Inject
    EntityManager em;

    /** Signs in through the sign-in form as a browser without scripts would; returns the session cookie. */
    static String signIn(String user, String password) {
        Response response = given().redirects().follow(false).formParam("j_username", user)
                .formParam("j_password", password).post("/j_security_check");
        response.then().statusCode(302).header("Location", "/").cookie(SessionCookie.NAME);
        return response.getCookie(SessionCookie.NAME);
    }

    static RequestSpecification with(String cookie) {
        return given().cookie(SessionCookie.NAME, cookie).header("X-Margin-Request", "1")
                .contentType(io.restassured.http.ContentType.JSON);
    }

    @Test
    void theCookieIsALongRandomTokenWhoseHashAloneIsStored() {
        String user = Api.newUser("token");
        Response response = given().redirects().follow(false).formParam("j_username", user)
                .formParam("j_password", Api.PASSWORD).post("/j_security_check");
        io.restassured.http.Cookie cookie = response.getDetailedCookie(SessionCookie.NAME);
        assertTrue(cookie.isHttpOnly(), "no script can read the session");
        assertEquals("Strict", cookie.getSameSite());
        assertTrue(!cookie.isSecured(), "plain HTTP cannot keep a Secure cookie");
        assertTrue(cookie.getValue().length() >= 43, "at least 256 random bits, base64url");
        assertNotEquals(cookie.getValue(), signIn(user, Api.PASSWORD), "each sign-in is a new session");
        @SuppressWarnings("unchecked")
        List<String> stored = em.createNativeQuery("select s.token_hash from browser_session s join app_user u "
                + "on u.id = s.user_id where u.username = ?1").setParameter(1, user).getResultList();
        assertEquals(2, stored.size());
        assertTrue(stored.contains(SecretTokens.digest(cookie.getValue())));
        assertTrue(stored.stream().noneMatch(cookie.getValue()::equals), "the token itself is never stored");
    }

    private static void assertNotEquals(String a, String b, String message) {
        org.junit.jupiter.api.Assertions.assertNotEquals(a, b, message);
    }

    @Test
    void overHttpsBehindAProxyTheCookieIsSecure() {
        String user = Api.newUser("https");
        Response response = given().redirects().follow(false).header("X-Forwarded-Proto", "https")
                .formParam("j_username", user).formParam("j_password", Api.PASSWORD).post("/j_security_check");
        response.then().statusCode(302);
        assertTrue(response.getDetailedCookie(SessionCookie.NAME).isSecured());
    }

    @Test
    void signingOutEndsTheSessionAlsoForACopyOfTheCookie() {
        String user = Api.newUser("signout");
        String cookie = signIn(user, Api.PASSWORD);
        String copy = cookie;
        with(cookie).get("/api/v1/me").then().statusCode(200).body("username", equalTo(user));
        with(cookie).post("/api/v1/session/logout").then().statusCode(204)
                .cookie(SessionCookie.NAME, detailedCookie().maxAge(0));
        with(copy).get("/api/v1/me").then().statusCode(401).contentType("application/problem+json")
                .body("detail", equalTo("Sign in to use Margin."));
        with(copy).body(Map.of("name", "after sign-out")).post("/api/v1/projects").then().statusCode(401);
    }

    private static io.restassured.matcher.DetailedCookieMatcher detailedCookie() {
        return io.restassured.matcher.RestAssuredMatchers.detailedCookie();
    }

    @Test
    void aPasswordChangeEndsTheOtherSessionsAndKeepsItsOwn() {
        String user = Api.newUser("changer");
        String laptop = signIn(user, Api.PASSWORD);
        String stolen = signIn(user, Api.PASSWORD);
        with(laptop).body(Map.of("currentPassword", Api.PASSWORD, "newPassword", "a-new-long-password"))
                .put("/api/v1/me/password").then().statusCode(204);
        with(laptop).get("/api/v1/me").then().statusCode(200);
        with(stolen).get("/api/v1/me").then().statusCode(401);
        signIn(user, "a-new-long-password");
    }

    @Test
    void aPasswordChangeOverBasicEndsEverySession() {
        String user = Api.newUser("basicchanger");
        String session = signIn(user, Api.PASSWORD);
        Api.as(user).body(Map.of("currentPassword", Api.PASSWORD, "newPassword", "a-new-long-password"))
                .put("/api/v1/me/password").then().statusCode(204);
        with(session).get("/api/v1/me").then().statusCode(401);
    }

    @Test
    void disablingAnAccountRefusesItsCookieAndBasicAtOnceAndEnablingLetsItBackIn() {
        String user = Api.newUser("disabled");
        long project = Api.newProject(user, "Kept while disabled");
        String session = signIn(user, Api.PASSWORD);
        Api.as(Api.ADMIN).body(Map.of("enabled", false)).put("/api/v1/users/" + user + "/enabled").then()
                .statusCode(200).body("enabled", equalTo(false));
        with(session).get("/api/v1/me").then().statusCode(401);
        Api.as(user).get("/api/v1/me").then().statusCode(403).contentType("application/problem+json")
                .body("detail", containsString("disabled")).header("WWW-Authenticate", nullValue());
        // the sign-in page is told why; a plain form goes back to the sign-in page
        given().redirects().follow(false).header("X-Margin-Request", "1").formParam("j_username", user)
                .formParam("j_password", Api.PASSWORD).post("/j_security_check").then().statusCode(403)
                .contentType("application/problem+json").body("detail", containsString("disabled"))
                .header("Set-Cookie", nullValue());
        given().redirects().follow(false).formParam("j_username", user).formParam("j_password", Api.PASSWORD)
                .post("/j_security_check").then().statusCode(303).header("Location", "/login.html?error=1");
        Api.as(Api.ADMIN).get("/api/v1/users").then().statusCode(200)
                .body("find { it.username == '" + user + "' }.enabled", equalTo(false));

        Api.as(Api.ADMIN).body(Map.of("enabled", true)).put("/api/v1/users/" + user + "/enabled").then()
                .statusCode(200).body("enabled", equalTo(true));
        with(session).get("/api/v1/me").then().statusCode(401); // an ended session stays ended
        with(signIn(user, Api.PASSWORD)).get("/api/v1/projects").then().statusCode(200)
                .body("id", hasItem((int) project));
        Api.as(user).get("/api/v1/me").then().statusCode(200);
    }

    /** The session lookup names the account for its request only: what the owner changes counts at the next one. */
    @Test
    void aRoleChangedOrRemovedCountsOnTheSessionsVeryNextRequest() {
        String owner = Api.newUser("owner");
        String coder = Api.newUser("coder");
        long project = Api.newProject(owner, "Roles change");
        long document = Api.importText(owner, project, "r.txt", "A text to code twice.", "TRANSCRIPT");
        long code = Api.newCode(owner, project, "Theme", null);
        Api.addMember(owner, project, coder, "CODER");
        String session = signIn(coder, Api.PASSWORD);
        String codings = "/api/v1/projects/" + project + "/codings";
        with(session).body(Map.of("documentId", document, "codeId", code, "start", 0, "end", 6)).post(codings)
                .then().statusCode(201);

        Api.as(owner).body(Map.of("role", "VIEWER")).put("/api/v1/projects/" + project + "/members/" + coder)
                .then().statusCode(200);
        with(session).body(Map.of("documentId", document, "codeId", code, "start", 7, "end", 11)).post(codings)
                .then().statusCode(403);
        with(session).get(codings).then().statusCode(200);

        Api.as(owner).delete("/api/v1/projects/" + project + "/members/" + coder).then().statusCode(204);
        with(session).get(codings).then().statusCode(404);
    }

    @Test
    void anAdministratorResetsAPasswordAndTheAccountsSessionsEnd() {
        String user = Api.newUser("forgetful");
        String session = signIn(user, Api.PASSWORD);
        Api.as(Api.ADMIN).body(Map.of("newPassword", "password")).put("/api/v1/users/" + user + "/password")
                .then().statusCode(400).body("detail", containsString("most common"));
        Api.as(Api.ADMIN).body(Map.of("newPassword", "reset-by-the-admin")).put("/api/v1/users/" + user + "/password")
                .then().statusCode(204);
        with(session).get("/api/v1/me").then().statusCode(401);
        Api.as(user).get("/api/v1/me").then().statusCode(401);
        with(signIn(user, "reset-by-the-admin")).get("/api/v1/me").then().statusCode(200);
    }

    @Test
    void onlyAdministratorsDisableOrResetAndNeitherThemselvesNorTheLastAdministrator() {
        String user = Api.newUser("plain");
        String other = Api.newUser("other");
        Api.as(user).body(Map.of("enabled", false)).put("/api/v1/users/" + other + "/enabled").then().statusCode(403);
        Api.as(user).body(Map.of("newPassword", "a-long-new-one")).put("/api/v1/users/" + other + "/password")
                .then().statusCode(403);
        Api.as(Api.ADMIN).body(Map.of("enabled", false)).put("/api/v1/users/nobody-at-all/enabled").then()
                .statusCode(404);
        Api.as(Api.ADMIN).body(Map.of()).put("/api/v1/users/" + other + "/enabled").then().statusCode(400);
        Api.as(Api.ADMIN).body(Map.of("enabled", false)).put("/api/v1/users/admin/enabled").then().statusCode(409)
                .body("detail", containsString("your own account"));

        Api.as(Api.ADMIN).body(Map.of("username", "second-admin", "password", "second-admin-password", "admin", true))
                .post("/api/v1/users").then().statusCode(201);
        given().auth().preemptive().basic("second-admin", "second-admin-password")
                .contentType(io.restassured.http.ContentType.JSON).body(Map.of("enabled", false))
                .put("/api/v1/users/admin/enabled").then().statusCode(200);
        try {
            // admin is disabled now: second-admin is the last enabled administrator, and cannot be disabled by anyone
            given().auth().preemptive().basic("second-admin", "second-admin-password")
                    .contentType(io.restassured.http.ContentType.JSON).body(Map.of("enabled", false))
                    .put("/api/v1/users/second-admin/enabled").then().statusCode(409);
        } finally {
            given().auth().preemptive().basic("second-admin", "second-admin-password")
                    .contentType(io.restassured.http.ContentType.JSON).body(Map.of("enabled", true))
                    .put("/api/v1/users/admin/enabled").then().statusCode(200);
        }
    }

    /** Moves a session's clock fields back by the given minutes, as if that much time had passed. */
    private void age(String cookie, String column, long minutes) {
        inTransaction(() -> em.createNativeQuery("update browser_session set " + column + " = ?1 where token_hash = ?2")
                .setParameter(1, java.time.Instant.now().minus(java.time.Duration.ofMinutes(minutes)))
                .setParameter(2, SecretTokens.digest(cookie)).executeUpdate());
    }

    private java.time.Instant lastSeen(String cookie) {
        Object value = em.createNativeQuery("select last_seen_at from browser_session where token_hash = ?1")
                .setParameter(1, SecretTokens.digest(cookie)).getSingleResult();
        return value instanceof java.time.OffsetDateTime o ? o.toInstant() : (java.time.Instant) value;
    }

    private static void inTransaction(Runnable work) {
        io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().run(work);
    }

    @Test
    void aSessionEndsWhenIdleOrPastItsLifetimeAndItsUseIsWrittenAtMostOnceAMinute() {
        String user = Api.newUser("clock");
        String idle = signIn(user, Api.PASSWORD);
        age(idle, "last_seen_at", 121);
        with(idle).get("/api/v1/me").then().statusCode(401);

        String old = signIn(user, Api.PASSWORD);
        age(old, "expires_at", 1);
        with(old).get("/api/v1/me").then().statusCode(401);

        String busy = signIn(user, Api.PASSWORD);
        age(busy, "last_seen_at", 90); // within the idle timeout: still signed in, and its use is recorded
        java.time.Instant before = lastSeen(busy);
        with(busy).get("/api/v1/me").then().statusCode(200);
        java.time.Instant touched = lastSeen(busy);
        assertTrue(touched.isAfter(before.plus(java.time.Duration.ofMinutes(89))), "the use was recorded");
        with(busy).get("/api/v1/me").then().statusCode(200);
        assertEquals(touched, lastSeen(busy), "a second request within the minute writes nothing");
    }

    @Test
    void aForgedOrUnknownCookieSignsNoOneIn() {
        with("not-a-session").get("/api/v1/me").then().statusCode(401);
        with("").get("/api/v1/me").then().statusCode(401);
    }

    @Test
    void aWrongPasswordOnTheSignInPageIsAProblemAndAPlainFormGoesBack() {
        given().redirects().follow(false).header("X-Margin-Request", "1").formParam("j_username", "admin")
                .formParam("j_password", "wrong").post("/j_security_check").then().statusCode(401)
                .contentType("application/problem+json").body("detail", equalTo("The user name or password is wrong."))
                .header("Set-Cookie", nullValue());
        given().redirects().follow(false).formParam("j_username", "admin").post("/j_security_check").then()
                .statusCode(303).header("Location", "/login.html?error=1");
    }
}
