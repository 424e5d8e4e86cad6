package app.margin.problem;

import static app.margin.support.Api.as;
import static app.margin.support.Refusals.refused;

import app.margin.support.Api;
import app.margin.support.Api.Team;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** An id in an address that is not a number is a 400 that names it, not "nothing at this address". */
@QuarkusTest
class InvalidPathIdTest {
    @Test
    void aProjectIdThatIsNotANumberIsNamed() {
        Team team = Api.team("Path ids");
        refused(as(team.viewer()).get("/api/v1/projects/abc/documents"), 400, "‘abc’ is not a valid project id");
    }

    @Test
    void aDocumentIdThatIsNotANumberIsNamed() {
        Team team = Api.team("Path ids");
        refused(as(team.viewer()).get(team.path("/documents/first")), 400, "‘first’ is not a valid document id");
    }

    @Test
    void aNumberTooLargeForAnIdIsNotAnId() {
        Team team = Api.team("Path ids");
        refused(as(team.viewer()).get("/api/v1/projects/99999999999999999999/codes"), 400, "not a valid project id");
    }

    @Test
    void aNumericIdThatDoesNotExistIsStillNotFound() {
        Team team = Api.team("Path ids");
        refused(as(team.viewer()).get(team.path("/documents/987654321")), 404);
    }
}
