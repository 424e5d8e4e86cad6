package app.margin.platform;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.*;

import app.margin.support.Api;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** Readiness, the OpenAPI document of every fixed endpoint, and the problem+json answer to unknown addresses. */
@QuarkusTest
class PlatformEndpointsTest {

    @Test
    void readinessIsUpWithTheDatabase() {
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void openApiDocumentsTheFixedEndpoints() {
        given().accept("application/json").get("/q/openapi").then().statusCode(200)
                .body("paths", hasKey("/api/v1/projects"))
                .body("paths", hasKey("/api/v1/projects/{pid}/members"))
                .body("paths", hasKey("/api/v1/projects/{pid}/documents"))
                .body("paths", hasKey("/api/v1/projects/{pid}/documents/{did}"))
                .body("paths", hasKey("/api/v1/projects/{pid}/codes"))
                .body("paths", hasKey("/api/v1/projects/{pid}/codings"))
                .body("paths", hasKey("/api/v1/projects/{pid}/codings/{cid}"))
                .body("paths", hasKey("/api/v1/projects/{pid}/audit"));
        given().get("/q/swagger-ui/").then().statusCode(200);
    }

    @Test
    void apiAnswersAreNeverCachedAndNoPageMayBeFramed() {
        Api.as(Api.ADMIN).get("/api/v1/projects").then().statusCode(200).header("Cache-Control", "no-store")
                .header("X-Frame-Options", "DENY");
        Api.as(Api.ADMIN).get("/api/v1/nothing-here").then().statusCode(404).header("Cache-Control", "no-store");
        for (String page : new String[] {"/", "/login.html", "/q/swagger-ui/"}) {
            given().get(page).then().header("X-Frame-Options", "DENY");
        }
    }

    @Test
    void requestBodiesMeanExactlyWhatTheySay() {
        Api.as(Api.ADMIN).body("{\"name\": \"Trailing\", \"description\": \"x\"} garbage").post("/api/v1/projects")
                .then().statusCode(400).contentType("application/problem+json")
                .body("detail", containsString("not valid JSON (line 1, column 42)"));
        Api.as(Api.ADMIN).body("{\"name\": \"Trailing\", \"description\": \"x\"} [1]").post("/api/v1/projects")
                .then().statusCode(400).body("detail", containsString("more text after the JSON value"));
        Api.as(Api.ADMIN).get("/api/v1/projects").then().body("name", not(hasItem("Trailing")));
        long pid = Api.newProject(Api.ADMIN, "Strict JSON");
        long doc = Api.importText(Api.ADMIN, pid, "a.txt", "Fictional text for strict JSON.", null);
        long code = Api.newCode(Api.ADMIN, pid, "Code", null);
        String codings = "/api/v1/projects/" + pid + "/codings";
        Api.as(Api.ADMIN).body("{\"documentId\": " + doc + ", \"codeId\": " + code + ", \"start\": 1.5, \"end\": 5}")
                .post(codings).then().statusCode(400).body("detail", containsString("'start'"));
        Api.as(Api.ADMIN).body("{\"documentId\": " + doc + ", \"codeId\": " + code + ", \"start\": \"1\", \"end\": 5}")
                .post(codings).then().statusCode(400).body("detail", containsString("'start'"));
        Api.as(Api.ADMIN).get(codings).then().statusCode(200).body("size()", equalTo(0));
    }

    @Test
    void unknownAddressesAndMethodsAreProblems() {
        Api.as(Api.ADMIN).get("/api/v1/nothing-here").then().statusCode(404).contentType("application/problem+json");
        Api.as(Api.ADMIN).patch("/api/v1/projects").then().statusCode(405).contentType("application/problem+json");
        Api.raw(Api.ADMIN).contentType("text/plain").body("name=x").post("/api/v1/projects").then().statusCode(415)
                .contentType("application/problem+json");
        Api.as(Api.ADMIN).get("/api/v1/projects/not-a-number").then().statusCode(400)
                .contentType("application/problem+json").body("detail", containsString("not a valid project id"));
        Api.as(Api.ADMIN).body("[1, 2]").post("/api/v1/projects").then().statusCode(400)
                .contentType("application/problem+json").body("detail", containsString("expected shape"));
    }
}
