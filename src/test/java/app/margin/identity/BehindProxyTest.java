package app.margin.identity;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;

import app.margin.support.Api;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/**
 * Behind a TLS proxy that says so (X-Forwarded-Proto, trusted in the test profile as the README tells administrators
 * to configure it), the session cookie is Secure; reached over plain HTTP on a laptop it cannot be.
 */
@QuarkusTest
class BehindProxyTest {
    private static io.restassured.response.Response signIn(String forwardedProto) {
        var request = given().redirects().follow(false).formParam("j_username", Api.ADMIN)
                .formParam("j_password", Api.ADMIN_PASSWORD);
        if (forwardedProto != null) {
            request = request.header("X-Forwarded-Proto", forwardedProto).header("X-Forwarded-For", "192.0.2.80");
        }
        return request.post("/j_security_check");
    }

    @Test
    void theSessionCookieIsSecureWhenTheProxyReachedMarginOverHttps() {
        signIn("https").then().header("Set-Cookie", containsString("margin-session="))
                .header("Set-Cookie", containsString("Secure"));
    }

    @Test
    void overPlainHttpTheCookieIsNotMarkedSecure() {
        signIn(null).then().header("Set-Cookie", containsString("margin-session="))
                .header("Set-Cookie", not(containsString("Secure")));
    }
}
