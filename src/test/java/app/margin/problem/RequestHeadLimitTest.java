package app.margin.problem;

import app.margin.support.DatabaseIndependent;
import static app.margin.support.Api.as;
import static app.margin.support.Refusals.refused;

import app.margin.support.Api;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** An address too long (414) or headers too large (431) are explained in problem+json, not an empty answer. */
@DatabaseIndependent
@QuarkusTest
class RequestHeadLimitTest {
    @Test
    void anAddressOverTheLimitIsAnswered414WithAProblem() {
        refused(as(Api.ADMIN).queryParam("q", "x".repeat(RequestHeadLimit.MAX_REQUEST_LINE)).get("/api/v1/projects"),
                414, "Margin accepts at most 4,096");
    }

    @Test
    void headersOverTheLimitAreAnswered431WithAProblem() {
        refused(as(Api.ADMIN).header("X-Padding", "y".repeat(RequestHeadLimit.MAX_HEADERS)).get("/api/v1/projects"),
                431, "Margin accepts at most 20,480", "cookies");
    }

    @Test
    void anOrdinaryRequestPasses() {
        as(Api.ADMIN).queryParam("q", "x".repeat(2000)).get("/api/v1/projects").then().statusCode(200);
    }
}
