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
                .body("demoPassword", equalTo("demo"));
    }
}
