package app.margin.demo;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** The sign-in page learns, without signing in, that demo mode is on and which accounts have the public password. */
@QuarkusTest
class SignInInfoTest {
    @Test
    void demoModeAndItsAccountsArePublic() {
        given().get("/api/v1/session/info").then().statusCode(200).contentType("application/json")
                .header("Cache-Control", "no-store")
                .body("demo", equalTo(true))
                .body("demoAccounts", contains("demo-supervisor", "demo-coder1", "demo-coder2"))
                .body("demoPassword", equalTo("demo"))
                .body("signedIn", equalTo(false));
    }

    /** Margin's pages ask here rather than /me, whose 401 for a visitor the browser logs as an error. */
    @Test
    void itSaysWhetherTheCallerIsSignedIn() {
        String session = given().redirects().follow(false)
                .formParam("j_username", "demo-coder1").formParam("j_password", "demo").post("/j_security_check")
                .then().extract().cookie("margin-session");
        given().cookie("margin-session", session).get("/api/v1/session/info").then().statusCode(200)
                .body("signedIn", equalTo(true));
        given().cookie("margin-session", "ended-or-made-up").get("/api/v1/session/info").then().statusCode(200)
                .body("signedIn", equalTo(false));
    }
}
