package app.margin.problem;

import static app.margin.support.Api.as;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import app.margin.support.Api;
import app.margin.support.Api.Team;
import io.quarkus.test.junit.QuarkusTest;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Refused request bodies read as a researcher would say them ("The name can be at most 200 characters."), never as
 * Bean Validation's defaults ("size must be between 0 and 200", "must not be null"); the field list stays
 * {@code errors: [{field, message}]}.
 */
@QuarkusTest
class ValidationWordsTest {
    @Test
    void aTooLongNameSaysItsLimitInWords() {
        as(Api.newUser("words")).body(Map.of("name", "n".repeat(201))).post("/api/v1/projects").then().statusCode(400)
                .contentType("application/problem+json").body("title", equalTo("Invalid request"))
                .body("detail", equalTo("The name can be at most 200 characters."))
                .body("errors", hasSize(1)).body("errors[0].field", equalTo("name"))
                .body("errors[0].message", equalTo("The name can be at most 200 characters."));
    }

    @Test
    void aLimitInThousandsIsWrittenWithItsSeparator() {
        Team team = Api.team("Validation words");
        as(team.supervisor()).body(Map.of("name", "Cost", "definition", "d".repeat(20_001))).post(team.path("/codes"))
                .then().statusCode(400).body("detail", equalTo("The definition can be at most 20,000 characters."));
    }

    @Test
    void everyFieldIsNamedInWordsAndTheDetailHasEverySentence() {
        as(Api.ADMIN).body(Map.of("username", "u".repeat(101), "password", Api.PASSWORD, "displayName", "d".repeat(201)))
                .post("/api/v1/users").then().statusCode(400)
                .body("detail", equalTo("The display name can be at most 200 characters. "
                        + "The username can be at most 100 characters."))
                .body("errors.field", org.hamcrest.Matchers.contains("displayName", "username"));
    }

    @Test
    void aSentenceWrittenOnTheConstraintIsKept() {
        Team team = Api.team("Validation kept");
        as(team.supervisor()).body(Map.of("name", " ")).post(team.path("/codes")).then().statusCode(400)
                .body("detail", equalTo("A code needs a name.")).body("errors[0].field", equalTo("name"));
    }

    @Test
    void aRequestWithoutItsBodyIsToldSo() {
        Team team = Api.team("Validation body");
        as(team.supervisor()).contentType("application/json").post(team.path("/codes")).then().statusCode(400)
                .body("detail", equalTo("The request has no body: send the details as JSON."))
                .body("errors[0].field", equalTo("request"));
    }
}
