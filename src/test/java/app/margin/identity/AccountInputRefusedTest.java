package app.margin.identity;

import static app.margin.support.Api.as;
import static app.margin.support.Refusals.refused;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.hasItem;

import app.margin.support.Api;
import io.quarkus.test.junit.QuarkusTest;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Account fields longer than their columns: 400 naming the field, and no account made. */
@QuarkusTest
class AccountInputRefusedTest {
    @Test
    void aDisplayNameLongerThanItsColumnIsRefused() {
        refused(as(Api.ADMIN).body(Map.of("username", "long-display", "password", Api.PASSWORD,
                "displayName", "D".repeat(201))).post("/api/v1/users"), 400,
                "The display name can be at most 200 characters.");
        as(Api.ADMIN).get("/api/v1/users").then().statusCode(200).body("username", not(hasItem("long-display")));
    }
}
