package app.margin.identity;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import app.margin.support.Api;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.Cookies;
import java.net.URL;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Sign-in and session changes sent from another site's page are refused; Margin's own pages and scripts are not. */
@QuarkusTest
class BrowserOriginGuardTest {
    static final String FOREIGN = "https://evil.example";

    @TestHTTPResource("/")
    URL margin;

    private String ownOrigin() {
        return margin.getProtocol() + "://" + margin.getHost() + ":" + margin.getPort();
    }

    @Test
    void aSignInPostedFromAnotherSiteGetsNoSession() {
        signIn(FOREIGN).then().statusCode(403).contentType("application/problem+json")
                .header("Set-Cookie", nullValue()).body("detail", containsString("another site"));
        given().redirects().follow(false).formParam("j_username", Api.ADMIN).formParam("j_password", Api.ADMIN_PASSWORD)
                .header("Referer", FOREIGN + "/page.html").post(BrowserOriginGuard.SIGN_IN).then().statusCode(403);
    }

    @Test
    void aSignInFromMarginsOwnPageOrWithoutAnOriginWorks() {
        assertEquals(302, signIn(ownOrigin()).statusCode());
        assertEquals(302, given().redirects().follow(false).formParam("j_username", Api.ADMIN)
                .formParam("j_password", Api.ADMIN_PASSWORD).post(BrowserOriginGuard.SIGN_IN).statusCode());
    }

    @Test
    void aSessionsChangeFromAnotherSiteIsRefusedAndFromMarginsOwnPageAccepted() {
        Cookies session = signIn(ownOrigin()).detailedCookies();
        given().cookies(session).header("X-Margin-Request", "1").header("Origin", FOREIGN).contentType("application/json")
                .body(Map.of("name", "Forged")).post("/api/v1/projects").then().statusCode(403);
        given().cookies(session).header("X-Margin-Request", "1").header("Origin", ownOrigin())
                .contentType("application/json").body(Map.of("name", "Mine", "description", "test"))
                .post("/api/v1/projects").then().statusCode(201);
    }

    @Test
    void sitesAreComparedBySchemeHostAndPort() {
        assertEquals("http://localhost:80", BrowserOriginGuard.site("http://LOCALHOST"));
        assertEquals("https://margin.example.org:443", BrowserOriginGuard.site("https://margin.example.org/x?y"));
        assertEquals("http://localhost:8080", BrowserOriginGuard.site("http://localhost:8080/login.html"));
        assertEquals("null", BrowserOriginGuard.site("null"));
    }

    private io.restassured.response.Response signIn(String origin) {
        return given().redirects().follow(false).header("Origin", origin).formParam("j_username", Api.ADMIN)
                .formParam("j_password", Api.ADMIN_PASSWORD).post(BrowserOriginGuard.SIGN_IN);
    }
}
