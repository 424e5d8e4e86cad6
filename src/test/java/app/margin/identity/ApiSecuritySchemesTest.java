package app.margin.identity;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.*;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** The OpenAPI document names each way to authenticate, so generated clients and Swagger UI can send it. */
@QuarkusTest
class ApiSecuritySchemesTest {

    @Test
    void openApiDeclaresTokenBasicAndSessionCookie() {
        given().accept("application/json").get("/q/openapi").then().statusCode(200)
                .body("components.securitySchemes.keySet()",
                        containsInAnyOrder("bearerToken", "basicAuth", "sessionCookie"))
                .body("components.securitySchemes.bearerToken.type", equalTo("http"))
                .body("components.securitySchemes.bearerToken.scheme", equalTo("bearer"))
                .body("components.securitySchemes.basicAuth.scheme", equalTo("basic"))
                .body("components.securitySchemes.sessionCookie.type", equalTo("apiKey"))
                .body("components.securitySchemes.sessionCookie.in", equalTo("cookie"))
                .body("components.securitySchemes.sessionCookie.name", equalTo("margin-session"))
                .body("security", hasSize(3))
                .body("security.flatten().collect { it.keySet() }.flatten()",
                        containsInAnyOrder("bearerToken", "basicAuth", "sessionCookie"));
    }
}
